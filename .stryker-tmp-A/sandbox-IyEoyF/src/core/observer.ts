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
 */function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
  if (stryMutAct_9fa48("55")) {
    {}
  } else {
    stryCov_9fa48("55");
    if (stryMutAct_9fa48("58") ? observers.length !== 0 : stryMutAct_9fa48("57") ? false : stryMutAct_9fa48("56") ? true : (stryCov_9fa48("56", "57", "58"), observers.length === 0)) return undefined;
    const combined: Record<string, unknown> = {};
    for (const method of NOTIFY) {
      if (stryMutAct_9fa48("59")) {
        {}
      } else {
        stryCov_9fa48("59");
        combined[method] = (event: never): void => {
          if (stryMutAct_9fa48("60")) {
            {}
          } else {
            stryCov_9fa48("60");
            for (const observer of observers) {
              if (stryMutAct_9fa48("61")) {
                {}
              } else {
                stryCov_9fa48("61");
                try {
                  if (stryMutAct_9fa48("62")) {
                    {}
                  } else {
                    stryCov_9fa48("62");
                    stryMutAct_9fa48("63") ? observer[method](event) : (stryCov_9fa48("63"), observer[method]?.(event));
                  }
                } catch (error) {
                  if (stryMutAct_9fa48("64")) {
                    {}
                  } else {
                    stryCov_9fa48("64");
                    onThrow(error);
                  }
                }
              }
            }
          }
        };
      }
    }
    const arounds = stryMutAct_9fa48("65") ? observers : (stryCov_9fa48("65"), observers.filter(stryMutAct_9fa48("66") ? () => undefined : (stryCov_9fa48("66"), o => stryMutAct_9fa48("69") ? o.around === undefined : stryMutAct_9fa48("68") ? false : stryMutAct_9fa48("67") ? true : (stryCov_9fa48("67", "68", "69"), o.around !== undefined))));
    if (stryMutAct_9fa48("73") ? arounds.length <= 0 : stryMutAct_9fa48("72") ? arounds.length >= 0 : stryMutAct_9fa48("71") ? false : stryMutAct_9fa48("70") ? true : (stryCov_9fa48("70", "71", "72", "73"), arounds.length > 0)) {
      if (stryMutAct_9fa48("74")) {
        {}
      } else {
        stryCov_9fa48("74");
        combined.around = stryMutAct_9fa48("75") ? () => undefined : (stryCov_9fa48("75"), <T,>(event: RunEvent, body: () => T): T => arounds.reduceRight<() => T>(stryMutAct_9fa48("76") ? () => undefined : (stryCov_9fa48("76"), (inner, o) => stryMutAct_9fa48("77") ? () => undefined : (stryCov_9fa48("77"), () => o.around!(event, inner))), body)());
      }
    }
    return combined as RunObserver;
  }
}