/**
 * Error reporting that can itself never fail: a run's error goes to the logger and to `onError`;
 * a logger or handler that throws is caught, so no rejection ever goes unhandled.
 * @module
 */
// @ts-nocheck

import type { ErrorHandler, ErrorInfo, Logger } from "./types.ts";

const noop = (): void => {};

/** Prints only errors, to `console.error`. */
export const defaultLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: (...data: unknown[]): void => console.error(...data),
};

/** Where a worker sends what goes wrong. */
export interface Reporter {
  readonly logger: Logger;
  report(error: unknown, info: ErrorInfo): void;
}

/** A reporter over a logger and an optional `onError`. */
export function reporter(logger: Logger, onError: ErrorHandler | undefined): Reporter {
  return {
    logger,
    report(error: unknown, info: ErrorInfo): void {
      log(logger, "error", `[background-workers] ${info.worker}: ${describe(info)} failed:`, error);
      if (onError === undefined) return;
      try {
        const result = onError(error, info);
        if (isThenable(result)) {
          result.then(undefined, (e: unknown) => log(logger, "error", "[background-workers] onError rejected:", e));
        }
      } catch (e) {
        log(logger, "error", "[background-workers] onError threw:", e);
      }
    },
  };
}

function describe({ run, phase }: ErrorInfo): string {
  switch (phase) {
    case "run":
      return `run ${run}`;
    case "scope":
      return `making the scope of run ${run}`;
    case "dispose":
      return `disposing the scope of run ${run}`;
    case "lease":
      return "the lease store";
    default:
      return phase;
  }
}

/** Calls a logger method; a logger that throws is ignored rather than allowed to break a run. */
export function log(logger: Logger, level: keyof Logger, ...data: unknown[]): void {
  try {
    logger[level](...data);
  } catch {
    // Nothing sensible remains to report to.
  }
}

/** True for anything with a `then` method: a promise from any realm or library. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === "object" || typeof value === "function") &&
    typeof (value as { then?: unknown }).then === "function";
}
