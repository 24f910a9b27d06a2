/**
 * The metrics of runs: how long they took, how late they started, how they ended, which slots were
 * skipped and why, how many runs are in flight and how many leases this instance holds. Durations
 * are in seconds, as OpenTelemetry's conventions want them.
 * @module
 */
import type { Counter, Histogram, Meter, ObservableResult, UpDownCounter } from "@opentelemetry/api";
import type { LeaseEvent, RunEndEvent, RunEvent, SkipEvent } from "../core/observer.ts";
import {
  AttributeSets,
  errorType,
  METRIC_ACTIVE,
  METRIC_DURATION,
  METRIC_LATENESS,
  METRIC_LEASES,
  METRIC_OUTCOME,
  METRIC_SKIPPED,
  SECONDS_BUCKETS,
} from "./names.ts";

/** Records the metrics of runs into the instruments of one meter. */
export class RunMeters {
  readonly #duration: Histogram;
  readonly #lateness: Histogram;
  readonly #outcomes: Counter;
  readonly #skipped: Counter;
  /** Runs in flight by worker (0 once a worker's run ended), read when the metrics are collected. */
  readonly #active = new Map<string, number>();
  readonly #leases: UpDownCounter;
  readonly #attributes = new AttributeSets();
  /** The workers whose lease is held, so that a lease that goes away counts down only once. */
  readonly #held = new Set<string>();

  constructor(meter: Meter) {
    const advice = { explicitBucketBoundaries: SECONDS_BUCKETS };
    this.#duration = meter.createHistogram(METRIC_DURATION, { description: "How long runs took, from start to settle.", unit: "s", advice });
    this.#lateness = meter.createHistogram(METRIC_LATENESS, { description: "How late runs started: start minus the slot they were due at.", unit: "s", advice });
    this.#outcomes = meter.createCounter(METRIC_OUTCOME, { description: "Runs that settled, by outcome.", unit: "{run}" });
    this.#skipped = meter.createCounter(METRIC_SKIPPED, { description: "Due slots that did not run, by reason.", unit: "{slot}" });
    // Observed at collection rather than added to per run: two records per run fewer, each of which
    // hashes its attribute set in the SDK (measured on Deno: the metrics cost a fifth less per run).
    meter.createObservableUpDownCounter(METRIC_ACTIVE, { description: "Runs in flight.", unit: "{run}" })
      .addCallback((result: ObservableResult) => {
        for (const [worker, n] of this.#active) result.observe(n, this.#attributes.base(worker));
      });
    this.#leases = meter.createUpDownCounter(METRIC_LEASES, { description: "Worker leases this instance holds.", unit: "{lease}" });
  }

  /** A run started: one more in flight, and how late it started. */
  started(event: RunEvent): void {
    const worker = event.worker;
    const attributes = this.#attributes.base(worker);
    this.#active.set(worker, (this.#active.get(worker) ?? 0) + 1);
    // A run triggered before its slot starts early: lateness 0, not a negative value the SDK drops.
    const late = event.startedAt - event.scheduledAt;
    this.#lateness.record(late > 0 ? late / 1_000 : 0, attributes);
  }

  /** A run settled; `counted` when its start was counted in flight. */
  settled(event: RunEndEvent, counted: boolean): void {
    const worker = event.worker;
    if (counted) this.#active.set(worker, this.#active.get(worker)! - 1);
    const attributes = this.#attributes.ended(worker, event.outcome, errorType(event.outcome, event.error));
    this.#duration.record(event.durationMs / 1_000, attributes);
    this.#outcomes.add(1, attributes);
  }

  /** A due slot did not run. */
  skipped(event: SkipEvent): void {
    this.#skipped.add(event.slots, this.#attributes.skipped(event.worker, event.reason));
  }

  /** A lease was taken or went away. */
  lease(event: LeaseEvent): void {
    const worker = event.worker;
    if (event.held === this.#held.has(worker)) return;
    if (event.held) this.#held.add(worker);
    else this.#held.delete(worker);
    this.#leases.add(event.held ? 1 : -1, this.#attributes.base(worker));
  }
}
