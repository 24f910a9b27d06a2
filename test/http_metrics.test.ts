/**
 * `/metrics`: the values after scripted runs (fake time), the names the telemetry entry point's
 * metrics get from an OpenTelemetry-to-Prometheus exporter, and `promtool check metrics` (Debian's
 * `prometheus` package) on a real exposition. Skips the promtool test, saying why, without it.
 */
import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, periodic, type RunOutcome } from "../mod.ts";
import { statusHandler } from "../src/http/mod.ts";
import { labelValue, PLATFORM as HTTP_PLATFORM, PROMETHEUS_NAMES } from "../src/http/metrics.ts";
import { errorType as httpErrorType, SECONDS_BUCKETS as HTTP_BUCKETS } from "../src/http/run_log.ts";
import * as otel from "../src/otel/names.ts";
import { drain, silentLogger } from "./helpers.ts";

const T0 = Date.UTC(2026, 0, 1);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

/** The samples of an exposition: `name{labels}` to value. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    map.set(line.slice(0, space), Number(line.slice(space + 1).replace("+Inf", "Infinity")));
  }
  return map;
}

/** A manager whose worker "Job" (period 1 s) takes 20 ms, 300 ms, 20 ms and fails its second run with a TypeError. */
async function scriptedRuns(name = "Job") {
  const manager = new BackgroundWorkerManager({ logger: silentLogger() });
  const handler = statusHandler(manager);
  const durations = [20, 300, 20];
  let run = 0;
  manager.add(periodic(name, { period: 1_000 }, async () => {
    const i = run++;
    await new Promise((resolve) => setTimeout(resolve, durations[i] ?? 20));
    if (i === 1) throw new TypeError("boom");
  }));
  manager.add(periodic("Idle", { period: 3_600_000 }, () => {}));
  await manager.start();
  // Runs at 1,000-1,020, 2,020-2,320 (fails), 3,320-3,340.
  await vi.advanceTimersByTimeAsync(3_340);
  return { manager, handler };
}

describe("/metrics", () => {
  test("the text format's content type; runs by outcome, durations and lateness as histograms, states as gauges", async () => {
    const { manager, handler } = await scriptedRuns();
    const response = await handler(new Request("http://localhost/metrics"));
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await response.text();
    const got = samples(text);
    const job = `workflow_platform_name="background-workers",workflow_task_name="Job"`;
    const ok = `${job},workflow_execution_outcome="success"`;
    const failed = `${job},workflow_execution_outcome="failure",error_type="TypeError"`;
    expect(got.get(`workflow_execution_outcome_total{${ok}}`)).toBe(2);
    expect(got.get(`workflow_execution_outcome_total{${failed}}`)).toBe(1);
    expect(got.get(`workflow_execution_duration_seconds_count{${ok}}`)).toBe(2);
    expect(got.get(`workflow_execution_duration_seconds_sum{${ok}}`)).toBeCloseTo(0.04, 9);
    expect(got.get(`workflow_execution_duration_seconds_bucket{${ok},le="0.01"}`)).toBe(0);
    expect(got.get(`workflow_execution_duration_seconds_bucket{${ok},le="0.025"}`)).toBe(2);
    expect(got.get(`workflow_execution_duration_seconds_bucket{${failed},le="0.25"}`)).toBe(0);
    expect(got.get(`workflow_execution_duration_seconds_bucket{${failed},le="0.5"}`)).toBe(1);
    expect(got.get(`workflow_execution_duration_seconds_bucket{${failed},le="+Inf"}`)).toBe(1);
    // Each run started on its slot under fake time: lateness 0.
    expect(got.get(`background_worker_run_lateness_seconds_count{${job}}`)).toBe(3);
    expect(got.get(`background_worker_run_lateness_seconds_bucket{${job},le="0.005"}`)).toBe(3);
    expect(got.get(`background_worker_state{${job},state="idle"}`)).toBe(1);
    expect(got.get(`background_worker_state{${job},state="running"}`)).toBe(0);
    expect(got.get(`background_worker_run_active{${job}}`)).toBe(0);
    expect(got.get(`background_worker_consecutive_failures{${job}}`)).toBe(0);
    expect(got.get(`background_worker_last_run_timestamp_seconds{${job}}`)).toBe((T0 + 3_320) / 1_000);
    expect(got.get(`background_worker_next_run_timestamp_seconds{${job}}`)).toBe((T0 + 4_340) / 1_000);
    expect(got.get(`background_worker_run_skipped_total{${job},background_worker_skip_reason="paused"}`)).toBe(0);
    expect(got.get(`background_worker_healthy{${job}}`)).toBe(1);
    // A worker that never ran has its gauges, and no histogram series yet.
    const idle = `workflow_platform_name="background-workers",workflow_task_name="Idle"`;
    expect(got.get(`background_worker_state{${idle},state="idle"}`)).toBe(1);
    expect([...got.keys()].filter((k) => k.includes(idle) && k.startsWith("workflow_execution"))).toEqual([]);
    // Buckets are cumulative and end in the count.
    const buckets = [...got].filter(([k]) => k.startsWith(`workflow_execution_duration_seconds_bucket{${ok},`)).map(([, v]) => v);
    expect(buckets).toHaveLength(HTTP_BUCKETS.length + 1);
    expect(buckets.every((v, i) => i === 0 || v >= buckets[i - 1]!)).toBe(true);
    await manager.pause("Job");
    await vi.advanceTimersByTimeAsync(2_000);
    const paused = samples(await (await handler(new Request("http://localhost/metrics"))).text());
    expect(paused.get(`background_worker_run_skipped_total{${job},background_worker_skip_reason="paused"}`)).toBe(2);
    expect(paused.get(`background_worker_state{${job},state="paused"}`)).toBe(1);
    await drain(manager.stop());
  });

  test("label values escape backslash, quote and line feed", () => {
    expect(labelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });

  test("the names are the telemetry entry point's, as an OpenTelemetry-to-Prometheus exporter spells them", () => {
    // Dots to underscores, the unit `s` as `_seconds`, `_total` on a counter; `{run}`-style units are dropped.
    const prometheus = (name: string, unit: string, kind: "counter" | "gauge" | "histogram") =>
      name.replace(/\./g, "_") + (unit === "s" ? "_seconds" : "") + (kind === "counter" ? "_total" : "");
    expect(PROMETHEUS_NAMES.duration).toBe(prometheus(otel.METRIC_DURATION, "s", "histogram"));
    expect(PROMETHEUS_NAMES.outcome).toBe(prometheus(otel.METRIC_OUTCOME, "{run}", "counter"));
    expect(PROMETHEUS_NAMES.lateness).toBe(prometheus(otel.METRIC_LATENESS, "s", "histogram"));
    expect(PROMETHEUS_NAMES.skipped).toBe(prometheus(otel.METRIC_SKIPPED, "{slot}", "counter"));
    expect(PROMETHEUS_NAMES.active).toBe(prometheus(otel.METRIC_ACTIVE, "{run}", "gauge"));
    expect(PROMETHEUS_NAMES.leases).toBe(prometheus(otel.METRIC_LEASES, "{lease}", "gauge"));
    expect(HTTP_PLATFORM).toBe(otel.PLATFORM);
    expect(HTTP_BUCKETS).toEqual(otel.SECONDS_BUCKETS);
    // The labels are the attributes, spelled the same way.
    for (const attribute of [otel.ATTR_PLATFORM, otel.ATTR_TASK, otel.ATTR_OUTCOME, otel.ATTR_ERROR_TYPE, otel.ATTR_SKIP_REASON]) {
      expect(["workflow_platform_name", "workflow_task_name", "workflow_execution_outcome", "error_type", "background_worker_skip_reason"])
        .toContain(attribute.replace(/\./g, "_"));
    }
    class QuotaError extends Error {}
    const cases: [RunOutcome, unknown][] = [
      ["success", undefined],
      ["failure", new TypeError("x")],
      ["failure", new QuotaError("x")],
      ["failure", new DOMException("x", "AbortError")],
      ["failure", "a string"],
      ["timeout", new Error("t")],
      ["lease-lost", undefined],
      ["aborted", new Error("a")],
      ["cancelled", undefined],
    ];
    for (const [outcome, error] of cases) expect([outcome, httpErrorType(outcome, error)]).toEqual([outcome, otel.errorType(outcome, error)]);
  });
});

const promtool = spawnSync("promtool", ["--version"], { encoding: "utf8" });
const promtoolMissing = promtool.error !== undefined || promtool.status !== 0
  ? "promtool is not installed (Debian's `prometheus` package; scripts/install_test_tools.sh installs it)"
  : undefined;
if (promtoolMissing) console.log(`skipping the promtool test: ${promtoolMissing}`);

describe.skipIf(promtoolMissing !== undefined)("promtool check metrics", () => {
  const check = (text: string) => spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });

  test("passes on the exposition of a manager with runs, failures, a pause and awkward names", async () => {
    const { manager, handler } = await scriptedRuns('we"ird\\name\n<script>');
    await manager.pause("Idle");
    const text = await (await handler(new Request("http://localhost/metrics"))).text();
    expect(text).toContain("workflow_execution_duration_seconds_bucket");
    const result = check(text);
    expect([result.status, result.stdout + result.stderr]).toEqual([0, ""]);
    // And before any run: the families with no series yet pass too.
    const fresh = new BackgroundWorkerManager();
    fresh.add(periodic("Never", { period: 1_000 }, () => {}));
    const empty = check(await (await statusHandler(fresh)(new Request("http://localhost/metrics"))).text());
    expect([empty.status, empty.stdout + empty.stderr]).toEqual([0, ""]);
    await drain(manager.stop());
  });

  test("the check can fail: a counter without _total and a broken sample line are reported", () => {
    const result = check('# HELP runs Runs.\n# TYPE runs counter\nruns{worker="x"} 1\nbroken{ 2\n');
    expect(result.status).not.toBe(0);
  });
});
