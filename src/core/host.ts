/**
 * What a manager lends its workers, and how it hands it over: through a symbol-keyed method that
 * a worker implements, rather than through the worker's insides. A worker that no manager holds
 * makes a host of its own.
 * @module
 */
import type { Clock } from "./clock.ts";
import type { Engine } from "./engine.ts";
import type { LeaseCoordinator, LeaseOptions } from "./lease.ts";
import type { RunObserver } from "./observer.ts";
import { defaultLogger, type Reporter, reporter } from "./report.ts";
import { TimerQueue } from "./timer_queue.ts";
import type { ScopeFactory } from "./types.ts";

/** What a manager lends its workers: its timer queue, its error reporting, its scope factory, its lease, its observers. */
export interface WorkerHost extends Reporter {
  /** The timer queue every worker of the manager waits in. */
  readonly queue: TimerQueue;
  /** Makes a scope for each run. */
  readonly scope: ScopeFactory | undefined;
  /** The manager's lease, for workers that do not set their own. */
  readonly lease: LeaseOptions | undefined;
  /** The observers of runs, combined; undefined when there is none. */
  observer: RunObserver | undefined;
  /** The engine that runs the manager's periodic workers instead of its timer queue, if any. */
  readonly engine?: Engine | undefined;
  /** The coordinators of cluster lease stores (one per store and TTL), made on first use. */
  coordinators?: Map<object, Map<string, LeaseCoordinator>>;
}

/**
 * The key of the method through which a manager attaches a worker to its host, or detaches it
 * with `undefined`. A worker with this method keeps `stop()`'s deadline itself.
 */
export const ATTACH: unique symbol = Symbol("@background/workers: attach");

/**
 * What a worker's `start()` returns when it started synchronously (ours do): the manager then
 * keeps no promise of its start, which at 100,000 workers is most of a start's cost.
 */
export const STARTED: Promise<void> = Promise.resolve();

/** A worker that a manager can attach to its host. */
export interface Attachable {
  /** Takes the manager's host (or gives it back with `undefined`). */
  [ATTACH](host: WorkerHost | undefined): void;
}

/** True for a worker that can be attached to a host. */
export function isAttachable(worker: object): worker is Attachable {
  return typeof (worker as Partial<Attachable>)[ATTACH] === "function";
}

/**
 * The host of a worker that no manager holds: its own queue (on the worker's `clock` when it has
 * one), errors to `console.error`.
 */
export function ownHost(clock?: Clock): WorkerHost {
  const queue = new TimerQueue(clock);
  return { ...reporter(defaultLogger, undefined), queue, scope: undefined, lease: undefined, observer: clock?.observer };
}
