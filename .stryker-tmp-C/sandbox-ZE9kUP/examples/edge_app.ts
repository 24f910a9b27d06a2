/**
 * What the three edge-server examples share: the workers and the `/health` body. Each example adds
 * only its runtime's HTTP server.
 * @module
 */
// @ts-nocheck

import { BackgroundWorkerManager, periodic, type WorkerStatus } from "../mod.ts";
import { InMemoryUserRepository, PassiveUserCheckerWorker } from "./passive_user_checker_worker.ts";

/** The manager with the PassiveUserChecker and a second worker, not yet started. */
export function createManager(log: (line: string) => void = console.log): BackgroundWorkerManager {
  const manager = new BackgroundWorkerManager({
    stopTimeout: 10_000,
    logger: { ...console, debug: () => {}, info: log },
    onError: (error, { worker, run }) => console.error(`${worker} run ${run} failed:`, error),
  });
  const users = new InMemoryUserRepository([
    { id: 1, name: "ada", lastLoginAt: Date.now(), passive: false },
    { id: 2, name: "bob", lastLoginAt: 0, passive: false },
  ]);
  manager.add(new PassiveUserCheckerWorker(users, { period: 2_000, log }));
  let flushed = 0;
  manager.add(periodic("MetricsFlusher", { period: 1_000, runOnStart: true }, async ({ signal }) => {
    // Stands for a call to a metrics backend that takes a while and honours the signal.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 300);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
    flushed++;
    if (flushed % 10 === 0) log(`MetricsFlusher: ${flushed} flushes`);
  }));
  return manager;
}

/** One worker's line in `/health`. */
export interface WorkerHealth {
  name: string;
  state: WorkerStatus["state"];
  runs: number;
  failures: number;
  lastRunAt: string | null;
  lastError: string | null;
  nextRunAt: string | null;
}

/** The `/health` body: the manager's status as JSON-friendly values. */
export function health(manager: BackgroundWorkerManager): { status: "ok" | "stopping"; workers: WorkerHealth[] } {
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  return {
    status: manager.running ? "ok" : "stopping",
    workers: manager.status().map((s) => ({
      name: s.name,
      state: s.state,
      runs: s.runs,
      failures: s.failures,
      lastRunAt: iso(s.lastRunAt),
      lastError: s.lastError === undefined ? null : String(s.lastError),
      nextRunAt: iso(s.nextRunAt),
    })),
  };
}
