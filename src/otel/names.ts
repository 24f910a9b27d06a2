/**
 * The names of the spans, metrics and attributes, and the attribute sets themselves, made once per
 * worker (and outcome, skip reason) rather than once per run.
 *
 * There is no stable OpenTelemetry convention for scheduled jobs. Where the draft conventions for
 * tasks and workflows (open-telemetry/semantic-conventions#1688, and the Hangfire instrumentation
 * that follows them) have a name, it is used: `workflow.platform.name`, `workflow.task.name`,
 * `workflow.execution.outcome`, the `workflow.execution.duration` histogram and the
 * `workflow.execution.outcome` counter; `error.type` is the stable one. What the draft lacks lives
 * under `background_worker.`.
 * @module
 */
import type { Attributes } from "@opentelemetry/api";
import type { RunOutcome } from "../core/observer.ts";

/** The instrumentation scope of the tracer and the meter. */
export const SCOPE = "@background/workers";
/** The value of `workflow.platform.name`. */
export const PLATFORM = "background-workers";

export const ATTR_PLATFORM = "workflow.platform.name";
export const ATTR_TASK = "workflow.task.name";
export const ATTR_OUTCOME = "workflow.execution.outcome";
export const ATTR_ERROR_TYPE = "error.type";
export const ATTR_RUN = "background_worker.run.number";
export const ATTR_SCHEDULED_AT = "background_worker.run.scheduled_at";
export const ATTR_FENCING_TOKEN = "background_worker.run.fencing_token";
export const ATTR_SKIP_REASON = "background_worker.skip.reason";

export const METRIC_DURATION = "workflow.execution.duration";
export const METRIC_OUTCOME = "workflow.execution.outcome";
export const METRIC_LATENESS = "background_worker.run.lateness";
export const METRIC_SKIPPED = "background_worker.run.skipped";
export const METRIC_ACTIVE = "background_worker.run.active";
export const METRIC_LEASES = "background_worker.lease.held";

/** Buckets for durations in seconds, from 5 ms to 10 min (the SDK's default ones are for ms). */
export const SECONDS_BUCKETS: number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

/**
 * The `error.type` of a run that ended badly: the thrown error's name (its class name for a plain
 * `Error` subclass), `_OTHER` for a thrown non-error, or the outcome itself for a timeout or a lost
 * lease; none for a success or a run that stop() aborted (it did what it was asked).
 */
export function errorType(outcome: RunOutcome, error: unknown): string | undefined {
  // Aborted by stop, or cancelled for the next slot (overlap "cancel-previous"): what the run was asked to do.
  if (outcome === "success" || outcome === "aborted" || outcome === "cancelled") return undefined;
  if (outcome !== "failure") return outcome;
  if (error instanceof Error || error instanceof DOMException) {
    return error.name === "Error" ? error.constructor.name || "Error" : error.name;
  }
  return "_OTHER";
}

interface OfWorker {
  readonly base: Attributes;
  /** By outcome (and error type): `outcome` or `outcome\0errorType`. */
  readonly ended: Map<string, Attributes>;
  /** By skip reason, whatever the reasons are. */
  readonly skipped: Map<string, Attributes>;
}

/**
 * The metric attribute sets of each worker, made at first use and kept: a worker's names, outcomes
 * and skip reasons are few, and an attribute object per run would be garbage per run.
 */
export class AttributeSets {
  readonly #workers = new Map<string, OfWorker>();

  #of(worker: string): OfWorker {
    let sets = this.#workers.get(worker);
    if (sets === undefined) {
      sets = { base: { [ATTR_PLATFORM]: PLATFORM, [ATTR_TASK]: worker }, ended: new Map(), skipped: new Map() };
      this.#workers.set(worker, sets);
    }
    return sets;
  }

  /** Platform and worker. */
  base(worker: string): Attributes {
    return this.#of(worker).base;
  }

  /** Platform, worker, outcome and, when the run ended badly, its error type. */
  ended(worker: string, outcome: RunOutcome, type: string | undefined): Attributes {
    const sets = this.#of(worker);
    const key = type === undefined ? outcome : `${outcome}\0${type}`;
    let attributes = sets.ended.get(key);
    if (attributes === undefined) {
      attributes = type === undefined
        ? { ...sets.base, [ATTR_OUTCOME]: outcome }
        : { ...sets.base, [ATTR_OUTCOME]: outcome, [ATTR_ERROR_TYPE]: type };
      sets.ended.set(key, attributes);
    }
    return attributes;
  }

  /** Platform, worker and the reason, passed through as it comes (a new reason needs no change here). */
  skipped(worker: string, reason: string): Attributes {
    const sets = this.#of(worker);
    let attributes = sets.skipped.get(reason);
    if (attributes === undefined) {
      attributes = { ...sets.base, [ATTR_SKIP_REASON]: reason };
      sets.skipped.set(reason, attributes);
    }
    return attributes;
  }
}
