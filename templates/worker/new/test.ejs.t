---
to: <%- dir %>/<%- fileName %>.test.ts
---
<%# One body for every runner: only the line that brings `test` differs (vitest, bun:test, Deno.test). -%>
<% if (testFramework === "vitest") { -%>
import { test } from "vitest";
<% } else if (testFramework === "bun") { -%>
import { test } from "bun:test";
<% } -%>
import { BackgroundWorkerManager } from "<%- lib %>";
import { TestClock } from "<%- lib %>/testing";
import { <%- className %> } from "./<%- fileName %><%- ext %>";

<%- testFramework === "deno" ? "Deno.test" : "test" %>("<%- className %> runs on its schedule and stops cleanly", async () => {
  // Virtual time for the manager's timer only: no waiting for the schedule, while doWork's own
  // fetch, timers and file reads stay real, and each run is waited for before time moves on.
  const clock = new TestClock();
  const manager = new BackgroundWorkerManager({ clock });
  manager.add(new <%- className %>());
  await manager.start();
  await clock.next(); // on to the first due run, and through it
  const [status] = manager.status();
  if (status?.runs !== 1 || status.failures !== 0) throw status?.lastError ?? new Error(`expected one run: ${JSON.stringify(status)}`);
  if (typeof status.nextRunAt !== "number") throw new Error(`not scheduled again: ${JSON.stringify(status)}`);
  const report = await manager.stop();
  if (!report.ok) throw new Error(`runs did not settle: ${JSON.stringify(report.unsettled)}`);
});
