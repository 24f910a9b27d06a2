/**
 * A manager's options, checked once and resolved into one typed config (as a worker's are in
 * `worker_options.ts`).
 * @module
 */
import { checkClock, type Clock, type ClockSource, realClock, unrefClock } from "./clock.ts";
import { type Engine, isEngine } from "./engine.ts";
import { type LeaseOptions, leaseOptions, type LeaseStore } from "./lease.ts";
import { checkBoolean, checkFunction, checkKeys, checkNonNegative, checkObject, show } from "./options.ts";
import { defaultLogger } from "./report.ts";
import { DEFAULT_STOP_TIMEOUT } from "./stopping.ts";
import type { ErrorHandler, Logger, ScopeFactory } from "./types.ts";

/**
 * Options of a {@link BackgroundWorkerManager}.
 *
 * @example
 * ```ts
 * import type { ManagerOptions } from "@background/workers";
 *
 * const options: ManagerOptions = {
 *   logger: console,
 *   onError: (error, { worker, run }) => console.error(`${worker} run ${run}`, error),
 *   stopTimeout: 10_000,
 * };
 * ```
 */
export interface ManagerOptions {
  /** False registers workers without running any (status shows them `disabled`). Default true. */
  readonly enabled?: boolean;
  /** Any console-like object. Default: errors only, to `console.error`. */
  readonly logger?: Logger;
  /** Called with every error of a run, a scope, or a worker's start. */
  readonly onError?: ErrorHandler;
  /** How long `stop()` waits for runs in flight, in ms. Default 30,000. */
  readonly stopTimeout?: number;
  /** Makes a scope for each run, disposed after it (see {@link ScopeFactory}). */
  readonly scope?: ScopeFactory;
  /**
   * Several instances: run each periodic worker on one instance at a time, about once per period
   * for the cluster, through a lease store (`@background/workers/redis`, `/postgres`).
   */
  readonly lease?: LeaseStore | LeaseOptions;
  /**
   * Runs the periodic workers on an existing engine instead (`bullmqEngine()` of
   * `@background/workers/bullmq`, `pgBossEngine()` of `/pg-boss`). Exclusive with `lease`.
   */
  readonly engine?: Engine;
  /**
   * The clock the manager's timer queue runs on: a `TestClock` from `@background/workers/testing`
   * in tests. Default: `setTimeout` and `performance.now()`. Exclusive with `unref`.
   */
  readonly clock?: ClockSource;
  /**
   * True: the manager's timer does not keep the process alive, so a CLI or a test exits by itself
   * while its workers wait (a run in flight still holds the process). Default false.
   */
  readonly unref?: boolean;
}

/** Who the manager's errors name. */
export const OWNER = "BackgroundWorkerManager";
const MANAGER_OPTIONS = ["enabled", "logger", "onError", "stopTimeout", "scope", "lease", "engine", "clock", "unref"] as const;

/** A manager's options after checking, with defaults applied. */
export interface ManagerConfig {
  readonly enabled: boolean;
  readonly logger: Logger;
  readonly onError: ErrorHandler | undefined;
  readonly stopTimeout: number;
  readonly scope: ScopeFactory | undefined;
  readonly lease: LeaseOptions | undefined;
  /** The timer queue's clock: the real one, an unref'd one (`unref`), or the `clock` option's. */
  readonly clock: Clock;
  readonly engine: Engine | undefined;
}

/** Checks a manager's options and resolves them. */
export function resolveManagerOptions(options: ManagerOptions): ManagerConfig {
  checkObject(OWNER, "options", options);
  checkKeys(OWNER, options, MANAGER_OPTIONS);
  const enabled = checkBoolean(OWNER, "enabled", options.enabled ?? true);
  const stopTimeout = checkNonNegative(OWNER, "stopTimeout", options.stopTimeout ?? DEFAULT_STOP_TIMEOUT, true);
  const logger = options.logger === undefined ? defaultLogger : options.logger;
  for (const level of ["debug", "info", "warn", "error"] as const) {
    if (typeof logger?.[level] !== "function") {
      const has = logger !== null && typeof logger === "object" ? `an object with keys ${show(Object.keys(logger))}` : show(logger);
      throw new TypeError(`${OWNER}: option "logger" must have the method ${level}(), got ${has}`);
    }
  }
  if (options.onError !== undefined) checkFunction(OWNER, "onError", options.onError);
  if (options.scope !== undefined) checkFunction(OWNER, "scope", options.scope);
  if (options.engine !== undefined && !isEngine(options.engine)) {
    throw new TypeError(`${OWNER}: option "engine" must be an engine (bullmqEngine(), pgBossEngine()), got ${show(options.engine)}`);
  }
  if (options.engine !== undefined && options.lease !== undefined) {
    // The engine decides which instance runs a job; a lease on top would be a second, conflicting say.
    throw new TypeError(`${OWNER}: options "engine" and "lease" exclude each other: the ${options.engine.name} engine coordinates the instances itself`);
  }
  const unref = checkBoolean(OWNER, "unref", options.unref ?? false);
  if (unref && options.clock !== undefined) {
    throw new TypeError(`${OWNER}: options "unref" and "clock" exclude each other (a test clock sets no runtime timer to unref), got unref true and clock ${show(options.clock)}`);
  }
  const clock = options.clock !== undefined ? checkClock(OWNER, options.clock) : unref ? unrefClock(OWNER) : realClock;
  if (options.clock !== undefined && options.engine !== undefined) {
    // An engine's runs come from its own scheduler, which a test clock does not drive.
    throw new TypeError(`${OWNER}: options "clock" and "engine" exclude each other: the engine schedules the runs on its own time`);
  }
  return {
    enabled,
    logger,
    onError: options.onError,
    stopTimeout,
    scope: options.scope,
    lease: options.lease === undefined ? undefined : leaseOptions(OWNER, options.lease),
    clock,
    engine: options.engine,
  };
}
