/**
 * A manager's options, checked once and resolved into one typed config (as a worker's are in
 * `worker_options.ts`).
 * @module
 */
// @ts-nocheck

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
}

/** Who the manager's errors name. */
export const OWNER = "BackgroundWorkerManager";
const MANAGER_OPTIONS = ["enabled", "logger", "onError", "stopTimeout", "scope", "lease"] as const;

/** A manager's options after checking, with defaults applied. */
export interface ManagerConfig {
  readonly enabled: boolean;
  readonly logger: Logger;
  readonly onError: ErrorHandler | undefined;
  readonly stopTimeout: number;
  readonly scope: ScopeFactory | undefined;
  readonly lease: LeaseOptions | undefined;
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
  return {
    enabled,
    logger,
    onError: options.onError,
    stopTimeout,
    scope: options.scope,
    lease: options.lease === undefined ? undefined : leaseOptions(OWNER, options.lease),
  };
}
