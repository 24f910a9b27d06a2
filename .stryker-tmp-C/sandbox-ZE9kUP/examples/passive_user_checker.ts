/**
 * The demo: `npm run demo`. Runs the PassiveUserChecker every 2 s on an in-memory repository,
 * printing a line per run, until Ctrl-C stops it gracefully.
 * @module
 */
// @ts-nocheck

import { BackgroundWorkerManager } from "../mod.ts";
import { InMemoryUserRepository, PassiveUserCheckerWorker, type User } from "./passive_user_checker_worker.ts";

const day = 24 * 3_600_000;
const users: User[] = Array.from({ length: 20 }, (_, i) => ({
  id: i + 1,
  name: `user${i + 1}`,
  // Some logged in long ago; more go stale as the demo's clock runs (inactiveMs below is short).
  lastLoginAt: Date.now() - (i % 4 === 0 ? 90 * day : i * 1_000),
  passive: false,
}));

const manager = new BackgroundWorkerManager({ onError: (error, { worker }) => console.error(worker, error) });
manager.add(new PassiveUserCheckerWorker(new InMemoryUserRepository(users), { period: 2_000, inactiveMs: 10_000 }));
await manager.start();
console.log("PassiveUserChecker runs every 2 s; press Ctrl-C to stop.");

// Ctrl-C (or SIGTERM): abort the run in flight, wait for it, exit 0 (1 if it did not settle in time).
manager.stopOnShutdown({
  beforeExit: (report) => console.log(report.ok ? "stopped gracefully" : "stopped; runs still in flight:", report.unsettled),
});
