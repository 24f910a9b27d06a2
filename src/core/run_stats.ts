/**
 * What `status()` reports of a worker's runs: counters and the last run, in one record that the
 * run path updates at its start and at its end.
 * @module
 */
import type { SkipReason } from "./observer.ts";
import type { SkipCounts, WorkerState, WorkerStatus } from "./types.ts";

type Counts = { -readonly [K in keyof SkipCounts]: number };

/** The counts of a worker that skipped nothing (most never do: no object of their own). */
export const NO_SKIPS: SkipCounts = Object.freeze({ overlap: 0, paused: 0, "lease-held": 0, "store-fault": 0 });

/** The counters and last-run fields of one worker. */
export class RunStats {
  /** Runs that have ended, failed or not. */
  runs = 0;
  /** Runs that threw or rejected. */
  failures = 0;
  /** Failures since the last run that succeeded. */
  consecutiveFailures = 0;
  // NaN for none, not null: a field that holds null and then numbers is a tagged one, and each
  // store of a fraction boxes a fresh number into a long-lived object, which the young-generation
  // GC must then scan (two a run: most of a run's garbage). A number field is updated in place.
  /** When the last run started (epoch ms); NaN before the first. */
  lastRunAt: number = NaN;
  /** How long the last run took (ms); NaN before the first ended. */
  lastDurationMs: number = NaN;
  /** The error of the last failed run. */
  lastError: unknown = undefined;
  /** Skipped slots by reason, made at the first skip. */
  skips: Counts | undefined = undefined;

  /** `slots` due slots did not run, for `reason`. */
  skipped(reason: SkipReason, slots: number): void {
    if (reason === "disabled") return;
    (this.skips ??= { ...NO_SKIPS })[reason] += slots;
  }

  /** A run started at `startedAt` (epoch ms). */
  started(startedAt: number): void {
    this.lastRunAt = startedAt;
  }

  /** A run ended after `durationMs`; `error` is set when it failed (`failed` says so: an error may be undefined). */
  ended(durationMs: number, failed: boolean, error: unknown): void {
    this.runs++;
    this.lastDurationMs = durationMs;
    if (failed) {
      this.failures++;
      this.consecutiveFailures++;
      this.lastError = error;
    } else {
      this.consecutiveFailures = 0;
    }
  }

  /** The status line of a worker with these runs. */
  line(name: string, state: WorkerState, nextRunAt: number | null): WorkerStatus {
    return {
      name,
      state,
      runs: this.runs,
      failures: this.failures,
      consecutiveFailures: this.consecutiveFailures,
      lastRunAt: Number.isNaN(this.lastRunAt) ? null : this.lastRunAt,
      lastDurationMs: Number.isNaN(this.lastDurationMs) ? null : this.lastDurationMs,
      lastError: this.lastError,
      nextRunAt,
      skipped: this.skips === undefined ? NO_SKIPS : { ...this.skips },
    };
  }
}

/** The status line of a worker that keeps none itself (a custom worker without `status()`). */
export function plainStatus(name: string, started: boolean): WorkerStatus {
  return new RunStats().line(name, started ? "running" : "stopped", null);
}
