/**
 * Run events: the one way to watch what workers do. Telemetry, the HTTP status page and skip counts
 * read these events instead of each patching the run path. A manager without observers builds no
 * event object at all: the run path checks one field and goes on.
 * @module
 */
// @ts-nocheck


/**
 * How a run ended: it returned (`"success"`), threw (`"failure"`), or its signal aborted before it
 * settled, because its `timeout` elapsed (`"timeout"`), the worker was stopped (`"aborted"`), or its
 * lease was lost (`"lease-lost"`). The abort decides, whether the run then threw or returned.
 *
 * @example
 * ```ts
 * import type { RunOutcome } from "@background/workers";
 *
 * const bad = (outcome: RunOutcome): boolean => outcome !== "success";
 * ```
 */
export type RunOutcome = "success" | "failure" | "timeout" | "aborted" | "lease-lost";

/**
 * Why a due slot did not run: a run was still going (`"overlap"`), the worker was paused
 * (`"paused"`), another instance holds its lease (`"lease-held"`), the lease store failed
 * (`"store-fault"`), or the worker is disabled (`"disabled"`).
 *
 * @example
 * ```ts
 * import type { SkipReason } from "@background/workers";
 *
 * const elsewhere = (reason: SkipReason): boolean => reason === "lease-held";
 * ```
 */
export type SkipReason = "overlap" | "paused" | "lease-held" | "store-fault" | "disabled";

/**
 * A slot came due for a worker (before the overlap, pause and lease checks).
 *
 * @example
 * ```ts
 * import type { DueEvent } from "@background/workers";
 *
 * const late = (e: DueEvent): number => Date.now() - e.scheduledAt;
 * ```
 */
export interface DueEvent {
  /** The worker's name. */
  readonly worker: string;
  /** When the slot was due (epoch ms). */
  readonly scheduledAt: number;
}

/**
 * A run started.
 *
 * @example
 * ```ts
 * import type { RunEvent } from "@background/workers";
 *
 * const lateness = (e: RunEvent): number => e.startedAt - e.scheduledAt;
 * ```
 */
export interface RunEvent {
  /** The worker's name. */
  readonly worker: string;
  /** The run's number: 1, 2, … */
  readonly run: number;
  /** When the run was due (epoch ms). */
  readonly scheduledAt: number;
  /** When it started (epoch ms). */
  readonly startedAt: number;
  /** The lease's fencing token, when the run holds a lease. */
  readonly fencingToken: number | undefined;
}

/**
 * A run settled.
 *
 * @example
 * ```ts
 * import type { RunEndEvent } from "@background/workers";
 *
 * const line = (e: RunEndEvent): string => `${e.worker} #${e.run}: ${e.outcome} in ${e.durationMs} ms`;
 * ```
 */
export interface RunEndEvent extends RunEvent {
  /** How it ended. */
  readonly outcome: RunOutcome;
  /** What it threw, when it threw. */
  readonly error: unknown;
  /** How long it took (ms). */
  readonly durationMs: number;
}

/**
 * A due slot that did not run.
 *
 * @example
 * ```ts
 * import type { SkipEvent } from "@background/workers";
 *
 * const line = (e: SkipEvent): string => `${e.worker} skipped (${e.reason})`;
 * ```
 */
export interface SkipEvent {
  /** The worker's name. */
  readonly worker: string;
  /** When the skipped slot was due (epoch ms). */
  readonly scheduledAt: number;
  /** Why it did not run. */
  readonly reason: SkipReason;
}

/**
 * A worker's lease was taken (`held: true`) or given up, lost or abandoned (`held: false`).
 *
 * @example
 * ```ts
 * import type { LeaseEvent } from "@background/workers";
 *
 * const held = new Set<string>();
 * const track = (e: LeaseEvent): void => void (e.held ? held.add(e.worker) : held.delete(e.worker));
 * ```
 */
export interface LeaseEvent {
  /** The worker's name. */
  readonly worker: string;
  /** True when the lease was taken, false when it went away. */
  readonly held: boolean;
  /** The lease's fencing token. */
  readonly fencingToken: number | undefined;
}

/**
 * Watches the runs of a manager's workers (`manager.observe(observer)`). Every method is optional
 * and must not throw: a throw is logged and the run goes on. `around` wraps each run's `doWork`
 * call, e.g. to run it inside a tracing context; it must call `body` exactly once and return what
 * it returns.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, type RunObserver } from "@background/workers";
 *
 * const observer: RunObserver = {
 *   settled: (e) => console.log(`${e.worker} #${e.run} ${e.outcome} (${e.durationMs.toFixed(1)} ms)`),
 *   skipped: (e) => console.log(`${e.worker} skipped: ${e.reason}`),
 * };
 * const manager = new BackgroundWorkerManager();
 * using _ = manager.observe(observer);
 * ```
 */
export interface RunObserver {
  /** A slot came due. */
  due?(event: DueEvent): void;
  /** A run started; called before `doWork`. */
  started?(event: RunEvent): void;
  /** A run settled. */
  settled?(event: RunEndEvent): void;
  /** A due slot did not run. */
  skipped?(event: SkipEvent): void;
  /** A lease was taken or went away. */
  lease?(event: LeaseEvent): void;
  /** Wraps the `doWork` call of a run. */
  around?<T>(event: RunEvent, body: () => T): T;
}

const NOTIFY = ["due", "started", "settled", "skipped", "lease"] as const;

/**
 * Several observers as one: each event goes to each, in the order they were added, and a throw
 * from one is passed to `onThrow` rather than to the run. Undefined when there is none, so that
 * the run path's one check stays cheap.
 */
export function combine(observers: readonly RunObserver[], onThrow: (error: unknown) => void): RunObserver | undefined {
  if (observers.length === 0) return undefined;
  const combined: Record<string, unknown> = {};
  for (const method of NOTIFY) {
    combined[method] = (event: never): void => {
      for (const observer of observers) {
        try {
          observer[method]?.(event);
        } catch (error) {
          onThrow(error);
        }
      }
    };
  }
  const arounds = observers.filter((o) => o.around !== undefined);
  if (arounds.length > 0) {
    combined.around = <T>(event: RunEvent, body: () => T): T =>
      arounds.reduceRight<() => T>((inner, o) => () => o.around!(event, inner), body)();
  }
  return combined as RunObserver;
}
