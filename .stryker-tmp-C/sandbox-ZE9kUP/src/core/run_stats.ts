/**
 * What `status()` reports of a worker's runs: counters and the last run, in one record that the
 * run path updates at its start and at its end.
 * @module
 */
// @ts-nocheck

import type { WorkerState, WorkerStatus } from "./types.ts";

/** The counters and last-run fields of one worker. */
export class RunStats {
  /** Runs that have ended, failed or not. */
  runs = 0;
  /** Runs that threw or rejected. */
  failures = 0;
  /** Failures since the last run that succeeded. */
  consecutiveFailures = 0;
  /** When the last run started (epoch ms). */
  lastRunAt: number | null = null;
  /** How long the last run took (ms). */
  lastDurationMs: number | null = null;
  /** The error of the last failed run. */
  lastError: unknown = undefined;

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
      lastRunAt: this.lastRunAt,
      lastDurationMs: this.lastDurationMs,
      lastError: this.lastError,
      nextRunAt,
    };
  }
}
