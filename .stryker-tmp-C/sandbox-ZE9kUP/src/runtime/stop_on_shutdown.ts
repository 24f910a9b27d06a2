/**
 * `manager.stopOnShutdown()`'s behaviour: on the first signal, stop the manager under its deadline,
 * call `beforeExit`, and exit with 0 when every run settled in time, 1 otherwise. It lives here,
 * beside the adapters, because it listens for signals and exits; the manager reaches it through
 * the hook that `mod.ts` of this folder installs.
 * @module
 */
// @ts-nocheck

import { checkBoolean, checkFunction, checkKeys, checkNonNegative, checkObject } from "../core/options.ts";
import { log } from "../core/report.ts";
import type { ShutdownTarget, StopOnShutdownOptions } from "../core/shutdown_hook.ts";
import { OK_REPORT } from "../core/stopping.ts";
import type { ShutdownSignal, StopReport } from "../core/types.ts";
import { listenForShutdown, type SignalPlatform } from "./shutdown.ts";

const OWNER = "BackgroundWorkerManager";

/** Stops `target` gracefully on the first shutdown signal of `platform`. */
export function stopOnShutdown(platform: () => SignalPlatform, target: ShutdownTarget, options: StopOnShutdownOptions): Disposable {
  checkObject(OWNER, "stopOnShutdown options", options);
  checkKeys(`${OWNER}.stopOnShutdown`, options, ["timeout", "exit", "beforeExit", "signals"]);
  const timeout = options.timeout === undefined ? target.stopTimeout : checkNonNegative(OWNER, "timeout", options.timeout, true);
  const exit = checkBoolean(OWNER, "exit", options.exit ?? true);
  const beforeExit = options.beforeExit;
  if (beforeExit !== undefined) checkFunction(OWNER, "beforeExit", beforeExit);
  const runtime = platform();
  const logger = target.logger;
  const shutdown = async (signal: ShutdownSignal): Promise<void> => {
    log(logger, "info", `[background-workers] ${signal}: stopping ${target.size} worker(s)`);
    let code = 0;
    let report: StopReport = OK_REPORT;
    try {
      report = await target.stop({ timeout });
    } catch (error) {
      code = 1;
      report = { ok: false, unsettled: [] };
      log(logger, "error", "[background-workers] stop failed:", error);
    }
    if (!report.ok) {
      code = 1;
      log(logger, "error", "[background-workers] runs still in flight at exit:", report.unsettled);
    }
    try {
      await beforeExit?.(report);
    } catch (error) {
      code = 1;
      log(logger, "error", "[background-workers] beforeExit failed:", error);
    }
    if (exit) runtime.exit(code);
  };
  return listenForShutdown(runtime, (signal) => void shutdown(signal), options.signals ? { signals: options.signals } : {});
}
