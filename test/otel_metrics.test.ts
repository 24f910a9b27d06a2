/**
 * Telemetry's metrics, with the real OpenTelemetry SDK and a reader that collects on demand: each
 * metric's value after a scripted series of runs under fake time.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, type LeaseStore, periodic, type SkipReason } from "../mod.ts";
import { telemetry } from "../src/otel/mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";
import { type Point, sdk } from "./otel_sdk.ts";

const base = (worker: string) => ({ "workflow.platform.name": "background-workers", "workflow.task.name": worker });

/** The points of one metric, each as [attributes, value], sorted for comparison. */
function points(metrics: Map<string, { unit: string; points: Point[] }>, name: string): [Record<string, unknown>, Point["value"]][] {
  const metric = metrics.get(name);
  if (metric === undefined) return [];
  return metric.points.map((p): [Record<string, unknown>, Point["value"]] => [p.attributes, p.value])
    .sort(([a], [b]) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** A histogram's value as the tests write it (seconds, rounded to the µs against float sums). */
const hist = (count: number, sum: number, min: number, max: number) => ({ count, sum, min, max });
const rounded = (value: Point["value"]) =>
  typeof value === "number" ? value : { ...value, sum: Math.round(value.sum! * 1e6) / 1e6, min: Math.round(value.min! * 1e6) / 1e6, max: Math.round(value.max! * 1e6) / 1e6 };

describe("telemetry: metrics", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("duration, lateness, runs by outcome and runs in flight after a scripted series", async () => {
    const otel = sdk();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    // Fixed delay: runs at 100 (20 ms), 220 (150 ms) and 470 (10 ms).
    const durations = [20, 150, 10, 10];
    let work = 0;
    manager.add(periodic("Work", { period: 100 }, () => sleep(durations[work++]!)));
    let fails = 0;
    manager.add(periodic("Fails", { period: 100 }, () => {
      if (++fails === 1) throw new RangeError("bad input");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(250);
    const during = await otel.collect();
    expect(during.get("background_worker.run.active")?.unit).toBe("{run}");
    expect(points(during, "background_worker.run.active")).toEqual([[base("Fails"), 0], [base("Work"), 1]]);
    await vi.advanceTimersByTimeAsync(240);
    await drain(manager.stop());
    expect(work).toBe(3);
    expect(fails).toBe(4);
    const after = await otel.collect();

    expect(after.get("workflow.execution.duration")?.unit).toBe("s");
    expect(points(after, "workflow.execution.duration").map(([a, v]) => [a, rounded(v)])).toEqual([
      [{ ...base("Fails"), "workflow.execution.outcome": "failure", "error.type": "RangeError" }, hist(1, 0, 0, 0)],
      [{ ...base("Fails"), "workflow.execution.outcome": "success" }, hist(3, 0, 0, 0)],
      [{ ...base("Work"), "workflow.execution.outcome": "success" }, hist(3, 0.18, 0.01, 0.15)],
    ]);
    expect(after.get("workflow.execution.outcome")?.unit).toBe("{run}");
    expect(points(after, "workflow.execution.outcome")).toEqual([
      [{ ...base("Fails"), "workflow.execution.outcome": "failure", "error.type": "RangeError" }, 1],
      [{ ...base("Fails"), "workflow.execution.outcome": "success" }, 3],
      [{ ...base("Work"), "workflow.execution.outcome": "success" }, 3],
    ]);
    // Every run started at its slot.
    expect(points(after, "background_worker.run.lateness").map(([a, v]) => [a, rounded(v)])).toEqual([
      [base("Fails"), hist(4, 0, 0, 0)],
      [base("Work"), hist(3, 0, 0, 0)],
    ]);
    expect(points(after, "background_worker.run.active")).toEqual([[base("Fails"), 0], [base("Work"), 0]]);
    await otel.shutdown();
  });

  test("lateness: start minus the slot, here the lease store's 30 ms before the first run (the later ones keep the lease)", async () => {
    let holder: string | undefined;
    const store: LeaseStore = {
      acquire: (_n, owner) =>
        sleep(30).then(() => {
          if (holder !== undefined && holder !== owner) return null;
          holder = owner;
          return 1;
        }),
      renew: (_n, owner) => Promise.resolve(holder === owner),
      release: (_n, owner) => Promise.resolve(void (holder === owner && (holder = undefined))),
    };
    const otel = sdk();
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 1_000 } });
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    manager.add(periodic("Remote", { period: 100, mode: "fixed-rate" }, () => {}));
    await manager.start();
    await vi.advanceTimersByTimeAsync(350);
    await drain(manager.stop());
    const metrics = await otel.collect();
    expect(metrics.get("background_worker.run.lateness")?.unit).toBe("s");
    expect(points(metrics, "background_worker.run.lateness").map(([a, v]) => [a, rounded(v)])).toEqual([[base("Remote"), hist(3, 0.03, 0, 0.03)]]);
    await otel.shutdown();
  });

  test("an observer added while a run goes on hears the later runs, and runs in flight do not go below zero", async () => {
    const otel = sdk();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Long", { period: 100 }, () => sleep(50)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(120);
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    await vi.advanceTimersByTimeAsync(190);
    await drain(manager.stop());
    const metrics = await otel.collect();
    // Runs 1 (100-150, begun unobserved: the core reports neither end) and 2 (250-300).
    expect(points(metrics, "workflow.execution.outcome")).toEqual([[{ ...base("Long"), "workflow.execution.outcome": "success" }, 1]]);
    expect(points(metrics, "background_worker.run.active")).toEqual([[base("Long"), 0]]);
    expect(otel.spans().map((s) => [s.name, s.attributes["background_worker.run.number"]])).toEqual([["run Long", 2]]);
    await otel.shutdown();
  });

  test("skipped slots by reason, leases held, and a run whose lease was lost", async () => {
    let holder: string | undefined = "other";
    let down = false;
    let token = 0;
    const store: LeaseStore = {
      acquire: (_n, owner) => {
        if (down) return Promise.reject(new Error("down"));
        if (holder !== undefined) return Promise.resolve(null);
        holder = owner;
        return Promise.resolve(++token);
      },
      renew: (_n, owner) => Promise.resolve(holder === owner),
      release: (_n, owner) => Promise.resolve(void (holder === owner && (holder = undefined))),
    };
    const otel = sdk();
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 300 } });
    const observer = telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider });
    manager.observe(observer);
    manager.add(periodic("Leased", { period: 100 }, ({ signal }) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, 1_000);
        signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
      })));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100); // held elsewhere
    down = true;
    await vi.advanceTimersByTimeAsync(100); // the store fails
    down = false;
    holder = undefined;
    await vi.advanceTimersByTimeAsync(100); // taken here: the run goes on
    const holding = await otel.collect();
    expect(holding.get("background_worker.lease.held")?.unit).toBe("{lease}");
    expect(points(holding, "background_worker.lease.held")).toEqual([[base("Leased"), 1]]);
    expect(points(holding, "background_worker.run.active")).toEqual([[base("Leased"), 1]]);
    holder = "thief";
    await vi.advanceTimersByTimeAsync(300); // lost, then held elsewhere at each slot
    await drain(manager.stop());
    // Every reason is counted as it comes (one the core may add later too), by the slots it stands for.
    observer.skipped!({ worker: "Leased", scheduledAt: Date.now(), reason: "paused", slots: 1 });
    observer.skipped!({ worker: "Leased", scheduledAt: Date.now(), reason: "drained" as SkipReason, slots: 3 });
    const after = await otel.collect();
    expect(points(after, "background_worker.lease.held")).toEqual([[base("Leased"), 0]]);
    expect(points(after, "background_worker.run.active")).toEqual([[base("Leased"), 0]]);
    expect(points(after, "workflow.execution.outcome")).toEqual([
      [{ ...base("Leased"), "workflow.execution.outcome": "lease-lost", "error.type": "lease-lost" }, 1],
    ]);
    expect(after.get("background_worker.run.skipped")?.unit).toBe("{slot}");
    const skipped = Object.fromEntries(points(after, "background_worker.run.skipped").map(([a, v]) => [a["background_worker.skip.reason"], v]));
    expect(skipped).toEqual({ "lease-held": expect.any(Number), "store-fault": 1, paused: 1, drained: 3 });
    // Held elsewhere at the first slot and at each slot after the loss.
    expect(skipped["lease-held"]).toBeGreaterThanOrEqual(2);
    expect(points(after, "background_worker.run.skipped").every(([a]) => a["workflow.task.name"] === "Leased")).toBe(true);
    await otel.shutdown();
  });

  test("skipped slots of a paused worker and of overlap: \"skip\" are counted by the slots they stand for", async () => {
    const otel = sdk();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    let run = 0;
    // Run 1 lasts 100–350: the slots at 200 and 300 are dropped.
    manager.add(periodic("Overrun", { period: 100, mode: "fixed-rate", overlap: "skip" }, () => (++run === 1 ? sleep(250) : undefined)));
    manager.add(periodic("Paused", { period: 100 }, () => {}));
    await manager.start();
    await manager.pause("Paused");
    await vi.advanceTimersByTimeAsync(450);
    await drain(manager.stop());
    const metrics = await otel.collect();
    const skipped = points(metrics, "background_worker.run.skipped").map(([a, v]) => [a["workflow.task.name"], a["background_worker.skip.reason"], v]);
    expect(skipped).toEqual([["Overrun", "overlap", 2], ["Paused", "paused", 4]]);
    expect(manager.status().map((s) => s.skipped)).toEqual([
      { overlap: 2, paused: 0, "lease-held": 0, "store-fault": 0 },
      { overlap: 0, paused: 4, "lease-held": 0, "store-fault": 0 },
    ]);
    await otel.shutdown();
  });

  test("metrics: false records nothing and does not listen to skips or leases", async () => {
    const otel = sdk();
    const observer = telemetry({ metrics: false, tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider });
    expect([observer.skipped, observer.lease]).toEqual([undefined, undefined]);
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.observe(observer);
    manager.add(periodic("Quiet", { period: 100 }, () => {}));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    await drain(manager.stop());
    expect((await otel.collect()).size).toBe(0);
    expect(otel.spans()).toHaveLength(1);
    await otel.shutdown();
  });
});
