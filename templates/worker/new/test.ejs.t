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
import { <%- className %> } from "./<%- fileName %><%- ext %>";

<%- testFramework === "deno" ? "Deno.test" : "test" %>("<%- className %> runs and stops cleanly", async () => {
  const manager = new BackgroundWorkerManager();
  manager.add(new <%- className %>());
  await manager.start();
  const [status] = manager.status();
  if (typeof status?.nextRunAt !== "number") throw new Error(`not scheduled: ${JSON.stringify(status)}`);
  // trigger() runs it now, through the path a scheduled run takes (scope, errors, lease), on the
  // real clock: doWork's own fetch, timers and file reads work as they will in the app.
  const result = await manager.trigger("<%- className %>");
  if (!result.ok) throw result.error;
  const report = await manager.stop();
  if (!report.ok) throw new Error(`runs did not settle: ${JSON.stringify(report.unsettled)}`);
});
