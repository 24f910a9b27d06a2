/**
 * Where `manager.stopOnShutdown()` finds the runtime: the runtime adapters install the shutdown
 * behaviour here when they are loaded (the main entry point loads them), so that core/ imports
 * nothing outside core/, as the cron schedule plugs in through `installCron`.
 * @module
 */
// @ts-nocheck

import type { Logger, ShutdownSignal, StopOptions, StopReport } from "./types.ts";

/**
 * Options of `manager.stopOnShutdown()`.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, type StopOnShutdownOptions } from "@background/workers";
 *
 * const server = { close: () => Promise.resolve() };
 * const options: StopOnShutdownOptions = { timeout: 10_000, beforeExit: () => server.close() };
 * new BackgroundWorkerManager().stopOnShutdown(options);
 * ```
 */
export interface StopOnShutdownOptions {
  /** How long to wait for runs in flight, in ms. Default: the manager's `stopTimeout`. */
  readonly timeout?: number;
  /** Exit the process once stopped: 0 when every run settled in time, 1 otherwise. Default true. */
  readonly exit?: boolean;
  /** Called after the workers stopped and before the exit: close your server here. A throw makes the exit code 1. */
  readonly beforeExit?: (report: StopReport) => void | Promise<void>;
  /** The signals to listen to. Default SIGINT and SIGTERM (SIGINT and SIGBREAK on Windows). */
  readonly signals?: readonly ShutdownSignal[];
}

/** What the shutdown behaviour needs of a manager. */
export interface ShutdownTarget {
  /** Stops the manager. */
  stop(options: StopOptions): Promise<StopReport>;
  /** How many workers it holds, for the log line. */
  readonly size: number;
  /** Its logger. */
  readonly logger: Logger;
  /** Its `stopTimeout`, the default of `timeout`. */
  readonly stopTimeout: number;
}

/** Listens for shutdown signals and stops `target` on the first; returns what removes the listeners. */
export type StopOnShutdown = (target: ShutdownTarget, options: StopOnShutdownOptions) => Disposable;

let installed: StopOnShutdown | undefined;

/** Installs the runtime's shutdown behaviour (called by `src/runtime/mod.ts` when it is loaded). */
export function installStopOnShutdown(stopOnShutdown: StopOnShutdown): void {
  installed = stopOnShutdown;
}

/** The installed shutdown behaviour; an Error when the runtime adapters were never loaded. */
export function stopOnShutdownHook(): StopOnShutdown {
  if (installed === undefined) {
    throw new Error(
      'BackgroundWorkerManager.stopOnShutdown: the runtime adapters are not loaded; import the manager from "@background/workers"',
    );
  }
  return installed;
}
