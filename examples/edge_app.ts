/**
 * What the three edge-server examples share: the workers and the status routes (`/health`,
 * `/metrics`, the dashboard at `/`, from `@background/workers/http`). Each example adds only its
 * runtime's HTTP server.
 * @module
 */
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { type StatusHandler, statusHandler } from "../src/http/mod.ts";
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

/**
 * `/health` (200 while every worker is healthy, 503 otherwise), `/metrics` (Prometheus) and the
 * dashboard at `/`, read-only: set `DASHBOARD_TOKEN` to let requests with the header
 * `authorization: Bearer <token>` (or the cookie `dashboard=<token>`) trigger, pause and resume.
 */
export function createStatus(manager: BackgroundWorkerManager, token?: string): StatusHandler {
  if (token === undefined || token === "") return statusHandler(manager);
  return statusHandler(manager, {
    actions: {
      authorize: (request) =>
        request.headers.get("authorization") === `Bearer ${token}` ||
        (request.headers.get("cookie") ?? "").split(/;\s*/).includes(`dashboard=${token}`),
    },
  });
}
