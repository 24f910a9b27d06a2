/**
 * The manager's side of the `engine` option, against a small engine in memory that stands for the
 * contract (the real engines, BullMQ and pg-boss, have their own tests against Redis and PostgreSQL):
 * what the manager registers, how a job runs through the worker's run path, stop, pause, remove and
 * the errors at add().
 */
import { describe, expect, test, vi } from "vitest";
import {
  BackgroundWorkerManager,
  type Engine,
  type EngineJob,
  type EngineRegistration,
  type EngineSchedule,
  type EngineWorker,
  periodic,
  type RunResult,
} from "../mod.ts";
import { silentLogger, sleep } from "./helpers.ts";

/** Takes registrations and lets the test hand over jobs. */
class MemoryEngine implements Engine {
  readonly name = "memory";
  readonly workers = new Map<string, EngineWorker>();
  readonly unscheduled: string[] = [];
  stops = 0;
  closed = 0;
  check(schedule: EngineSchedule): void {
    if (schedule.period !== undefined && schedule.period < 1_000) {
      throw new TypeError(`${schedule.name}: option "period" cannot map onto the memory engine: whole seconds only, got ${schedule.period}`);
    }
  }
  register(worker: EngineWorker): Promise<EngineRegistration> {
    this.workers.set(worker.name, worker);
    return Promise.resolve({
      stop: (): Promise<boolean> => {
        this.stops++;
        this.workers.delete(worker.name);
        return Promise.resolve(true);
      },
      nextRunAt: () => 42,
      trigger: (): Promise<RunResult> =>
        worker.run({}).then(() => ({ worker: worker.name, run: 0, ok: true, durationMs: 0 }), (error: unknown) => ({ worker: worker.name, run: 0, ok: false, error, durationMs: 0 })),
    });
  }
  unschedule(name: string): Promise<void> {
    this.unscheduled.push(name);
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.closed++;
    return Promise.resolve();
  }
  job(name: string, job: EngineJob = {}): Promise<void> {
    const worker = this.workers.get(name);
    if (worker === undefined) return Promise.reject(new Error(`${name} is not registered here`));
    return worker.run(job);
  }
}

describe("the engine option (manager side)", () => {
  test("workers register at start, jobs run through the run path (context, errors, status), stop and remove", async () => {
    const engine = new MemoryEngine();
    const onError = vi.fn();
    const manager = new BackgroundWorkerManager({ engine, onError, logger: silentLogger() });
    const seen: { run: number; scheduledAt: number; fencingToken?: number }[] = [];
    manager.add(periodic("Report", { period: 5_000, mode: "fixed-rate" }, ({ run, scheduledAt, fencingToken }) => {
      seen.push({ run, scheduledAt, ...(fencingToken === undefined ? {} : { fencingToken }) });
      if (run === 2) throw new Error("boom");
    }));
    await manager.start();
    expect(engine.workers.get("Report")).toMatchObject({ name: "Report", period: 5_000, cron: undefined, mode: "fixed-rate", runOnStart: false });
    await engine.job("Report", { scheduledAt: 1_000_000, fencingToken: 7 });
    await expect(engine.job("Report")).rejects.toThrow("boom");
    expect(seen[0]).toEqual({ run: 1, scheduledAt: 1_000_000, fencingToken: 7 });
    expect(onError).toHaveBeenCalledTimes(1);
    expect(manager.status()[0]).toMatchObject({ state: "idle", runs: 2, failures: 1, nextRunAt: 42 });
    expect((await manager.trigger("Report")).ok).toBe(true);
    await manager.stop();
    expect(engine.stops).toBe(1);
    expect(engine.closed).toBe(1);
    // Stopped here: a job the engine still hands over is refused (the engine gives it to another instance).
    await expect(engine.workers.get("Report")?.run({}) ?? Promise.reject(new Error("gone"))).rejects.toThrow();
    await manager.start();
    await manager.remove("Report");
    expect(engine.unscheduled).toEqual(["Report"]);
    await manager.stop();
  });

  test("the engine's cancellation and stop() abort the run's signal; stop waits for the run", async () => {
    const engine = new MemoryEngine();
    const manager = new BackgroundWorkerManager({ engine, logger: silentLogger() });
    const reasons: unknown[] = [];
    manager.add(periodic("Long", { period: 1_000 }, async ({ signal }) => {
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      reasons.push(signal.reason);
      await sleep(20);
    }));
    await manager.start();
    const cancel = new AbortController();
    const job = engine.job("Long", { signal: cancel.signal });
    cancel.abort(new Error("cancelled by the engine"));
    await job;
    expect((reasons[0] as Error).message).toBe("cancelled by the engine");
    const second = engine.job("Long");
    const report = await manager.stop();
    await second;
    expect(report.ok).toBe(true);
    expect((reasons[1] as DOMException).name).toBe("AbortError");
  });

  test("pause stops taking jobs here; resume registers again", async () => {
    const engine = new MemoryEngine();
    const manager = new BackgroundWorkerManager({ engine, logger: silentLogger() });
    manager.add(periodic("Job", { period: 1_000 }, () => {}));
    await manager.start();
    await manager.pause("Job");
    expect(engine.workers.has("Job")).toBe(false);
    expect(manager.status()[0]!.state).toBe("paused");
    await manager.resume("Job");
    expect(engine.workers.has("Job")).toBe(true);
    await engine.job("Job");
    await manager.stop();
  });

  test("a trigger whose job runs on another instance leaves nothing to reject at stop (no unhandled rejection)", async () => {
    const engine = new MemoryEngine();
    const register = engine.register.bind(engine);
    // The engine's job runs elsewhere: this instance's worker never runs it.
    engine.register = async (worker) => ({ ...(await register(worker)), trigger: () => Promise.resolve({ worker: worker.name, run: 0, ok: true, durationMs: 1 }) });
    const unhandled = vi.fn();
    process.on("unhandledRejection", unhandled);
    try {
      const manager = new BackgroundWorkerManager({ engine, logger: silentLogger() });
      manager.add(periodic("Elsewhere", { period: 1_000 }, () => {}));
      await manager.start();
      expect(await manager.trigger("Elsewhere")).toMatchObject({ ok: true });
      expect((await manager.stop()).ok).toBe(true);
      await sleep(20);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off("unhandledRejection", unhandled);
    }
  });

  test("bad input: an engine and a lease at once, a schedule the engine cannot express, a worker lease", () => {
    const engine = new MemoryEngine();
    const store = { acquire: () => Promise.resolve(1), renew: () => Promise.resolve(true), release: () => Promise.resolve() };
    expect(() => new BackgroundWorkerManager({ engine, lease: store })).toThrow(
      new TypeError('BackgroundWorkerManager: options "engine" and "lease" exclude each other: the memory engine coordinates the instances itself'),
    );
    expect(() => new BackgroundWorkerManager({ engine: {} as Engine })).toThrow(/option "engine" must be an engine/);
    const manager = new BackgroundWorkerManager({ engine, logger: silentLogger() });
    expect(() => manager.add(periodic("Fast", { period: 500 }, () => {}))).toThrow(
      new TypeError('Fast: option "period" cannot map onto the memory engine: whole seconds only, got 500'),
    );
    expect(() => manager.add(periodic("Leased", { period: 1_000, lease: store }, () => {}))).toThrow(
      new TypeError('Leased: option "lease" cannot be used on the memory engine: the engine coordinates the instances itself'),
    );
    for (const [option, value] of [["jitter", 100], ["overlap", "skip"], ["firstDelay", 10], ["maxRuns", 3], ["missed", "all"]] as const) {
      expect(() => manager.add(periodic(`With-${option}`, { period: 1_000, [option]: value }, () => {}))).toThrow(
        new TypeError(`With-${option}: option "${option}" cannot be used on the memory engine: the engine's schedule decides when runs happen`),
      );
    }
    expect(manager.size).toBe(0);
    expect(engine.workers.size).toBe(0);
  });
});
