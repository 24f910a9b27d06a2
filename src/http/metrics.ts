/**
 * `/metrics` in the Prometheus text exposition format (version 0.0.4). Where a metric is one of the
 * telemetry entry point's, its name is what an OpenTelemetry-to-Prometheus exporter makes of that
 * one (dots to underscores, the unit `s` as `_seconds`, `_total` on counters) and so are its labels:
 * a dashboard built on either source reads the other. The README ("Health, metrics and a dashboard
 * over HTTP") has the table.
 * @module
 */
import type { BackgroundWorkerManager } from "../core/manager.ts";
import type { SkipCounts, WorkerState, WorkerStatus } from "../core/types.ts";
import { type HealthRules, periodOf, problemOf } from "./health.ts";
import { type Histogram, type RunLog, SECONDS_BUCKETS } from "./run_log.ts";

/** The Prometheus names, by the OpenTelemetry name they stand for (or none). */
export const PROMETHEUS_NAMES = {
  duration: "workflow_execution_duration_seconds",
  outcome: "workflow_execution_outcome_total",
  lateness: "background_worker_run_lateness_seconds",
  skipped: "background_worker_run_skipped_total",
  active: "background_worker_run_active",
  leases: "background_worker_lease_held",
  state: "background_worker_state",
  consecutiveFailures: "background_worker_consecutive_failures",
  lastRun: "background_worker_last_run_timestamp_seconds",
  nextRun: "background_worker_next_run_timestamp_seconds",
  healthy: "background_worker_healthy",
} as const;

/** The value of the `workflow_platform_name` label, as the telemetry entry point sets it. */
export const PLATFORM = "background-workers";

const STATES: readonly WorkerState[] = ["idle", "running", "paused", "stopped", "disabled"];

/** A label value: backslash, double quote and line feed escaped, as the format wants. */
export function labelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** A sample value: integers as they are, `+Inf`, `-Inf`, `NaN` spelled as the format spells them. */
export function sampleValue(value: number): string {
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return Number.isNaN(value) ? "NaN" : String(value);
}

/** Lines of one metric family; `samples` get the worker's base labels in front of their own. */
class Family {
  readonly lines: string[] = [];
  constructor(name: string, type: "counter" | "gauge" | "histogram", help: string) {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  }
  sample(name: string, labels: string, value: number): void {
    this.lines.push(`${name}{${labels}} ${sampleValue(value)}`);
  }
  histogram(name: string, labels: string, h: Histogram): void {
    let cumulative = 0;
    for (let i = 0; i < SECONDS_BUCKETS.length; i++) {
      cumulative += h.counts[i]!;
      this.lines.push(`${name}_bucket{${labels},le="${SECONDS_BUCKETS[i]}"} ${cumulative}`);
    }
    this.lines.push(`${name}_bucket{${labels},le="+Inf"} ${h.count}`);
    this.lines.push(`${name}_sum{${labels}} ${sampleValue(h.sum)}`, `${name}_count{${labels}} ${h.count}`);
  }
}

/** The whole exposition for the manager's status lines and the run log, at `now` (epoch ms). */
export function exposition(
  manager: BackgroundWorkerManager,
  statuses: readonly WorkerStatus[],
  log: RunLog,
  rules: HealthRules,
  now: number,
): string {
  const n = PROMETHEUS_NAMES;
  const duration = new Family(n.duration, "histogram", "How long runs took, from start to settle, by outcome.");
  const outcome = new Family(n.outcome, "counter", "Runs that settled, by outcome.");
  const lateness = new Family(n.lateness, "histogram", "How late runs started: start minus the slot they were due at.");
  const skipped = new Family(n.skipped, "counter", "Due slots that did not run, by reason.");
  const active = new Family(n.active, "gauge", "Runs in flight.");
  const leases = new Family(n.leases, "gauge", "1 while this instance holds the worker's lease.");
  const state = new Family(n.state, "gauge", "1 for the state the worker is in, 0 for the others.");
  const consecutive = new Family(n.consecutiveFailures, "gauge", "Failures since the last run that succeeded.");
  const lastRun = new Family(n.lastRun, "gauge", "When the last run started (Unix time).");
  const nextRun = new Family(n.nextRun, "gauge", "When the next run is due (Unix time).");
  const healthy = new Family(n.healthy, "gauge", "1 while /health counts the worker healthy.");
  for (const s of statuses) {
    const base = `workflow_platform_name="${PLATFORM}",workflow_task_name="${labelValue(s.name)}"`;
    const runs = log.get(s.name);
    if (runs !== undefined) {
      for (const { key, histogram } of runs.durations.values()) {
        const labels = `${base},workflow_execution_outcome="${key.outcome}"` +
          (key.errorType === undefined ? "" : `,error_type="${labelValue(key.errorType)}"`);
        duration.histogram(n.duration, labels, histogram);
        outcome.sample(n.outcome, labels, histogram.count);
      }
      if (runs.lateness.count > 0) lateness.histogram(n.lateness, base, runs.lateness);
    }
    for (const reason of Object.keys(s.skipped) as (keyof SkipCounts)[]) {
      skipped.sample(n.skipped, `${base},background_worker_skip_reason="${labelValue(reason)}"`, s.skipped[reason]);
    }
    active.sample(n.active, base, s.state === "running" ? 1 : 0);
    leases.sample(n.leases, base, runs?.leaseHeld === true ? 1 : 0);
    for (const each of STATES) state.sample(n.state, `${base},state="${each}"`, s.state === each ? 1 : 0);
    consecutive.sample(n.consecutiveFailures, base, s.consecutiveFailures);
    if (s.lastRunAt !== null) lastRun.sample(n.lastRun, base, s.lastRunAt / 1_000);
    if (s.nextRunAt !== null) nextRun.sample(n.nextRun, base, s.nextRunAt / 1_000);
    healthy.sample(n.healthy, base, problemOf(s, rules, now, periodOf(manager, s.name)) === null ? 1 : 0);
  }
  const families = [duration, outcome, lateness, skipped, active, leases, state, consecutive, lastRun, nextRun, healthy];
  return families.map((f) => f.lines.join("\n")).join("\n") + "\n";
}
