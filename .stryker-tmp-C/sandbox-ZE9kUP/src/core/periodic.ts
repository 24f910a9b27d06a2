/**
 * `periodic()`: a periodic worker from a function, for work that needs no class of its own.
 * @module
 */
// @ts-nocheck

import { PeriodicBackgroundWorker } from "./periodic_worker.ts";
import type { WorkerContext } from "./types.ts";
import { checkPeriodicArgs, type PeriodicOptions, type PeriodicWorkerOptions } from "./worker_options.ts";

/**
 * Builds a periodic worker from a function.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 *
 * const manager = new BackgroundWorkerManager();
 * manager.add(periodic("CacheWarmer", { period: 60_000, runOnStart: true }, async ({ signal }) => {
 *   await fetch("https://example.com/warm", { signal });
 * }));
 * await manager.start();
 * ```
 */
export function periodic<Scope = unknown>(
  name: string,
  options: PeriodicOptions,
  work: (context: WorkerContext<Scope>) => void | Promise<void>,
): PeriodicBackgroundWorker<Scope> {
  checkPeriodicArgs(name, options, work);
  return new FunctionWorker({ ...options, name }, work);
}

class FunctionWorker<Scope> extends PeriodicBackgroundWorker<Scope> {
  readonly #work: (context: WorkerContext<Scope>) => void | Promise<void>;
  constructor(options: PeriodicWorkerOptions, work: (context: WorkerContext<Scope>) => void | Promise<void>) {
    super(options);
    this.#work = work;
  }
  protected doWork(context: WorkerContext<Scope>): void | Promise<void> {
    return this.#work(context);
  }
}
