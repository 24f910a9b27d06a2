---
to: <%- dir %>/<%- fileName %>.test.ts
---
<% if (testFramework === "deno") { -%>
import { BackgroundWorkerManager } from "<%- lib %>";
import { <%- className %> } from "./<%- fileName %><%- ext %>";

// trigger() runs the worker at once through its normal path, so no clock needs faking here.
Deno.test("<%- className %> runs and stops cleanly", async () => {
  const manager = new BackgroundWorkerManager();
  manager.add(new <%- className %>());
  await manager.start();
  const result = await manager.trigger("<%- className %>");
  if (!result.ok) throw result.error;
  const report = await manager.stop();
  if (!report.ok) throw new Error(`runs did not settle: ${JSON.stringify(report.unsettled)}`);
});
<% } else { -%>
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { BackgroundWorkerManager } from "<%- lib %>";
import { <%- className %> } from "./<%- fileName %><%- ext %>";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

test("<%- className %> runs on its schedule and stops cleanly", async () => {
  const manager = new BackgroundWorkerManager();
  manager.add(new <%- className %>());
  await manager.start();
  // On to the first due run, whatever the schedule.
  await vi.advanceTimersByTimeAsync((manager.status()[0]?.nextRunAt ?? Date.now()) - Date.now());
  const [status] = manager.status();
  expect(status?.failures).toBe(0);
  expect(status?.runs).toBeGreaterThanOrEqual(1);
  await manager.stop();
});
<% } -%>
