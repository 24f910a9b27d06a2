/**
 * Tests that mutation testing (`npm run mutate`, MUTATION.md) showed missing: the exact messages of
 * bad options (each names the option and the value), how a failure's phase is logged, the schedules'
 * resumption from a cluster's last slot, and the backoff's arithmetic. Fake time where it schedules.
 * The cron entry point is deliberately not imported here: a cron worker must then fail clearly.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, periodic, PeriodicBackgroundWorker } from "../mod.ts";
import { combine } from "../src/core/observer.ts";
import { backedOff, FixedDelay, FixedRate } from "../src/core/schedule.ts";
import { digest, groupOf, hash, owner } from "../src/lease/rendezvous.ts";
import { drain, silentLogger } from "./helpers.ts";

const work = (): void => {};
/** The message `periodic("W", options, work)` throws. */
function refusal(options: unknown): string {
  try {
    periodic("W", options as never, work);
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  return "no error";
}

describe("bad options: the message names the option and shows the value", () => {
  test("values are shown as JSON, bigints with n, functions as such, unprintable objects by String()", () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(refusal({ period: "5" })).toBe('RangeError: W: option "period" must be a finite number > 0, got "5"');
    expect(refusal({ period: 5n })).toBe('RangeError: W: option "period" must be a finite number > 0, got 5n');
    expect(refusal({ period: () => 5 })).toBe('RangeError: W: option "period" must be a finite number > 0, got a function');
    expect(refusal({ period: { ms: 5 } })).toBe('RangeError: W: option "period" must be a finite number > 0, got {"ms":5}');
    expect(refusal({ period: circular })).toBe('RangeError: W: option "period" must be a finite number > 0, got [object Object]');
    expect(refusal({ period: Infinity })).toBe('RangeError: W: option "period" must be a finite number > 0, got Infinity');
    expect(refusal({ period: 0 })).toBe('RangeError: W: option "period" must be a finite number > 0, got 0');
  });

  test("an unknown option is named with its value and the known ones", () => {
    expect(refusal({ period: 1, every: 2 })).toMatch(/^TypeError: W: unknown option "every" \(value 2\); known options: period, cron, timezone, /);
    expect(refusal({ period: 1, name: "X" })).toBe(`TypeError: W: option "name" is not allowed here; the name is periodic()'s first argument`);
    expect(refusal([])).toBe("TypeError: W: options must be an object, got []");
    expect(refusal(null)).toBe("TypeError: W: options must be an object, got null");
  });

  test("jitter and stopTimeout: ≥ 0, and only stopTimeout may be Infinity", () => {
    expect(refusal({ period: 100, jitter: -1 })).toBe('RangeError: W: option "jitter" must be a finite number ≥ 0, got -1');
    expect(refusal({ period: 100, jitter: Infinity })).toBe('RangeError: W: option "jitter" must be a finite number ≥ 0, got Infinity');
    expect(refusal({ period: 100, jitter: NaN })).toBe('RangeError: W: option "jitter" must be a finite number ≥ 0, got NaN');
    expect(() => new BackgroundWorkerManager({ stopTimeout: -1 })).toThrow(
      new RangeError('BackgroundWorkerManager: option "stopTimeout" must be a number ≥ 0 (or Infinity), got -1'),
    );
    expect(() => new BackgroundWorkerManager({ stopTimeout: NaN })).toThrow(/must be a number ≥ 0 \(or Infinity\), got NaN/);
    expect(new BackgroundWorkerManager({ stopTimeout: Infinity, logger: silentLogger() }).size).toBe(0);
  });

  test("a logger without a method says which, and what it got", () => {
    const prefix = 'TypeError: BackgroundWorkerManager: option "logger" must have the method';
    const message = (logger: unknown): string => {
      try {
        new BackgroundWorkerManager({ logger: logger as never });
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
      return "no error";
    };
    expect(message({ debug() {} })).toBe(`${prefix} info(), got an object with keys ["debug"]`);
    expect(message({ debug() {}, info() {}, warn() {}, error: 1 })).toBe(`${prefix} error(), got an object with keys ["debug","info","warn","error"]`);
    expect(message(null)).toBe(`${prefix} debug(), got null`);
    expect(message(5)).toBe(`${prefix} debug(), got 5`);
  });

  test("period and cron exclude each other; timezone needs cron; mode is for periods only", () => {
    expect(refusal({ period: 100, cron: "* * * * *" })).toBe(
      'TypeError: W: options "period" and "cron" exclude each other, got period 100 and cron "* * * * *"',
    );
    expect(refusal({ period: 100, timezone: "UTC" })).toBe('TypeError: W: option "timezone" needs "cron", got timezone "UTC"');
    expect(refusal({ cron: "* * * * *", mode: "fixed-rate" })).toBe(
      'TypeError: W: option "mode" applies to "period" only, got mode "fixed-rate" with cron',
    );
    expect(refusal({ cron: 5 })).toBe('TypeError: W: option "cron" must be a string, got number');
  });

  test("a cron worker without the cron entry point loaded says how to load it", () => {
    expect(refusal({ cron: "* * * * *" })).toBe(
      'TypeError: W: option "cron" ("* * * * *") needs the cron entry point: import "@background/workers/cron" once, before creating the worker',
    );
  });

  test("missed and maxCatchup", () => {
    expect(refusal({ period: 100, missed: "some" })).toBe('TypeError: W: option "missed" must be "skip", "once" or "all", got "some"');
    expect(refusal({ period: 100, maxCatchup: 3 })).toBe(
      'TypeError: W: option "maxCatchup" applies to missed: "all", got maxCatchup 3 with missed "once"',
    );
    expect(refusal({ period: 100, missed: "all", maxCatchup: 2.5 })).toBe('RangeError: W: option "maxCatchup" must be a whole number, got 2.5');
    expect(refusal({ period: 100, missed: "all", maxCatchup: 0 })).toBe('RangeError: W: option "maxCatchup" must be a finite number > 0, got 0');
    expect(refusal({ period: 100, missed: "all", maxCatchup: 3 })).toBe("no error");
    expect(refusal({ period: 100, missed: "skip" })).toBe("no error");
  });

  test("backoff: factor ≥ 1 (1 is allowed), max optional", () => {
    expect(refusal({ period: 100, backoff: { factor: 1 } })).toBe("no error");
    expect(refusal({ period: 100, backoff: { max: 1_000 } })).toBe("no error");
    expect(refusal({ period: 100, backoff: { factor: 0.5 } })).toBe('RangeError: W: option "backoff.factor" must be ≥ 1, got 0.5');
    expect(refusal({ period: 100, backoff: { factor: 0 } })).toBe('RangeError: W: option "backoff.factor" must be a finite number > 0, got 0');
    expect(refusal({ period: 100, backoff: { max: 0 } })).toBe('RangeError: W: option "backoff.max" must be a finite number > 0, got 0');
  });

  test("a subclass that passes no options is told what it needs", () => {
    class Bare extends PeriodicBackgroundWorker {
      constructor() {
        super(undefined as never);
      }
      protected override doWork(): void {}
    }
    expect(() => new Bare()).toThrow(new TypeError('Bare: options with a "period" or a "cron" are required'));
  });
});

describe("what is logged for each phase of a failure", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a scope that cannot be made, one that cannot be disposed, and a run that throws, each logged as such", async () => {
    const logger = silentLogger();
    const phases: string[] = [];
    let n = 0;
    const manager = new BackgroundWorkerManager({
      logger,
      onError: (_e, info) => void phases.push(`${info.phase} ${info.run}`),
      scope: () => {
        n++;
        if (n === 1) throw new Error("no scope");
        return {
          [Symbol.dispose]() {
            throw new Error("no dispose");
          },
        };
      },
    });
    manager.add(periodic("Scoped", { period: 100 }, ({ run }) => {
      if (run === 3) throw new Error("run failed");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(350);
    await drain(manager.stop());
    const lines = logger.error.mock.calls.map((c) => String(c[0]));
    expect(lines.slice(0, 4)).toEqual([
      "[background-workers] Scoped: making the scope of run 1 failed:",
      "[background-workers] Scoped: disposing the scope of run 2 failed:",
      // The scope is disposed before the run's end is reported.
      "[background-workers] Scoped: disposing the scope of run 3 failed:",
      "[background-workers] Scoped: run 3 failed:",
    ]);
    expect(phases.slice(0, 4)).toEqual(["scope 1", "dispose 2", "dispose 3", "run 3"]);
  });

  test("a start that fails is logged under its phase's name", async () => {
    const logger = silentLogger();
    const manager = new BackgroundWorkerManager({ logger });
    manager.add({ name: "Custom", start: () => Promise.reject(new Error("cannot start")), stop: () => Promise.resolve({ ok: true, unsettled: [] }) });
    await manager.start();
    await vi.advanceTimersByTimeAsync(1);
    expect(logger.error.mock.calls.map((c) => String(c[0]))).toContain("[background-workers] Custom: start failed:");
    await drain(manager.stop());
  });

  test("an onError that returns a thenable which rejects is logged; a plain return value is not awaited", async () => {
    const logger = silentLogger();
    const thenable = { then: (_ok: unknown, fail: (e: unknown) => void) => fail(new Error("handler failed")) };
    const manager = new BackgroundWorkerManager({ logger, onError: () => thenable as never });
    manager.add(periodic("Thrower", { period: 100 }, () => {
      throw new Error("boom");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(150);
    await drain(manager.stop());
    expect(logger.error.mock.calls.map((c) => String(c[0]))).toContain("[background-workers] onError rejected:");
  });
});

describe("observers combined", () => {
  test("none is no observer; an observer without a method is skipped, not a throw", () => {
    const thrown: unknown[] = [];
    expect(combine([], (e) => thrown.push(e))).toBeUndefined();
    const seen: string[] = [];
    const both = combine([{ settled: () => void seen.push("a") }, { due: () => void seen.push("b") }], (e) => thrown.push(e))!;
    both.settled!({} as never);
    both.due!({} as never);
    expect(seen).toEqual(["a", "b"]);
    expect(thrown).toEqual([]);
    expect(both.around).toBeUndefined();
  });
});

describe("schedules resumed from a cluster's last slot (missed slots)", () => {
  test("fixed delay: the slot one period after the last, if it went by; skip drops it", () => {
    const s = new FixedDelay(100);
    expect(s.lane).toBe(100);
    expect(s.resume(1_000, 1_050, "once")).toEqual({ run: [], next: 1_100 });
    expect(s.resume(1_000, 1_100, "once")).toEqual({ run: [1_100], next: 1_200 });
    expect(s.resume(1_000, 1_350, "all")).toEqual({ run: [1_100], next: 1_450 });
    expect(s.resume(1_000, 1_350, "skip")).toEqual({ run: [], next: 1_450 });
  });

  test("fixed rate: the grid last + k·period, with one run, none, or the latest maxCatchup", () => {
    const s = new FixedRate(100);
    expect(s.lane).toBe(100);
    expect(s.resume(1_000, 1_050, "once", 10)).toEqual({ run: [], next: 1_100 });
    expect(s.resume(1_000, 1_350, "once", 10)).toEqual({ run: [1_300], next: 1_400 });
    expect(s.resume(1_000, 1_350, "skip", 10)).toEqual({ run: [], next: 1_400 });
    expect(s.resume(1_000, 1_350, "all", 10)).toEqual({ run: [1_100, 1_200, 1_300], next: 1_400 });
    expect(s.resume(1_000, 1_350, "all", 2)).toEqual({ run: [1_200, 1_300], next: 1_400 });
  });

  test("fixed rate: the wall time of a due time is on the cluster's grid, and none once the anchor is local again", () => {
    const s = new FixedRate(100);
    expect(s.wallOf(1_000)).toBeUndefined();
    s.resume(1_000, 1_350, "once", 10, 1_700_000_000_000);
    expect(s.wallOf(1_300)).toBe(1_700_000_000_300);
    expect(s.wallOf(1_301)).toBe(1_700_000_000_300);
    expect(s.wallOf(1_449)).toBe(1_700_000_000_400);
    s.rebase(5_000);
    expect(s.wallOf(5_100)).toBeUndefined();
    expect(s.next(5_100, 5_100, 5_110)).toBe(5_200);
    s.resume(1_000, 1_350, "once", 10, 1_700_000_000_000);
    expect(s.first(9_000)).toBe(9_100);
    expect(s.wallOf(9_100)).toBeUndefined();
  });
});

describe("backoff", () => {
  test("the delay grows by factor per failure from the period, capped at max, never before the schedule's due", () => {
    const b = { factor: 2, max: undefined };
    expect(backedOff(1_100, 1_000, 100, 1, b)).toBe(1_200);
    expect(backedOff(1_100, 1_000, 100, 3, b)).toBe(1_800);
    expect(backedOff(1_100, 1_000, 100, 3, { factor: 2, max: 500 })).toBe(1_500);
    expect(backedOff(5_000, 1_000, 100, 1, b)).toBe(5_000);
    // The default cap is 5 minutes, or the period when that is longer.
    expect(backedOff(0, 0, 100, 30, b)).toBe(300_000);
    expect(backedOff(0, 0, 600_000, 3, b)).toBe(600_000);
  });

  test("a cron worker (no period) backs off from its own interval to the next slot, at least 1 ms", () => {
    const b = { factor: 2, max: undefined };
    expect(backedOff(2_000, 1_000, undefined, 1, b)).toBe(3_000);
    expect(backedOff(2_000, 1_000, undefined, 2, b)).toBe(5_000);
    expect(backedOff(1_000, 1_000, undefined, 3, b)).toBe(1_008);
  });
});

describe("the worker's lifecycle edges", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("a fixed-rate worker's period cannot be set to its jitter or less; a fixed-delay worker's can", () => {
    const rate = periodic("Rate", { period: 100, mode: "fixed-rate", jitter: 50 }, work);
    expect(() => (rate.period = 50)).toThrow(
      new RangeError('Rate: option "jitter" must be less than "period" with mode "fixed-rate", got jitter 50 and period 50'),
    );
    rate.period = 51;
    expect(rate.period).toBe(51);
    const delay = periodic("Delay", { period: 100, jitter: 50 }, work);
    delay.period = 10;
    expect(delay.period).toBe(10);
    expect(() => (delay.period = 0)).toThrow(new RangeError('Delay: option "period" must be a finite number > 0, got 0'));
  });

  test("fixed rate: a period set during a run puts the grid at that run's due time", async () => {
    const starts: number[] = [];
    const t0 = Date.now();
    const worker = periodic("Rate", { period: 100, mode: "fixed-rate" }, async () => {
      starts.push(Date.now() - t0);
      await new Promise((r) => setTimeout(r, 30));
    });
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(worker);
    await manager.start();
    await vi.advanceTimersByTimeAsync(110);
    expect(starts).toEqual([100]);
    worker.period = 300;
    await vi.advanceTimersByTimeAsync(700);
    expect(starts).toEqual([100, 400, 700]);
    await drain(manager.stop());
  });

  test("a trigger during a run waits for that run: one run, both triggers get its result", async () => {
    let runs = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Once", { period: 10_000 }, async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
    }));
    await manager.start();
    const first = manager.trigger("Once");
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(1);
    const second = manager.trigger("Once");
    await vi.advanceTimersByTimeAsync(100);
    expect(await first).toEqual(await second);
    expect(runs).toBe(1);
    await drain(manager.stop());
  });

  test("a worker moves between managers only stopped and removed", async () => {
    const a = new BackgroundWorkerManager({ logger: silentLogger() });
    const b = new BackgroundWorkerManager({ logger: silentLogger() });
    const w = a.add(periodic("Mover", { period: 100 }, work));
    expect(() => b.add(w)).toThrow(new Error("Mover: this worker already belongs to a manager; remove it there first"));
    const lone = periodic("Lone", { period: 100 }, work);
    await lone.start();
    expect(() => b.add(lone)).toThrow(new Error("Lone: stop this worker before moving it into or out of a manager"));
    await drain(lone.stop());
    expect(b.add(lone)).toBe(lone);
    await a.remove("Mover");
    expect(b.add(w)).toBe(w);
  });

  test("a custom worker's stop() must resolve to a report: anything else is a clear error from manager.stop()", async () => {
    for (const bad of [null, 5, { ok: "yes", unsettled: [] }, { ok: true }, { ok: true, unsettled: "none" }]) {
      const manager = new BackgroundWorkerManager({ logger: silentLogger() });
      manager.add({ name: "Custom", start: () => Promise.resolve(), stop: () => Promise.resolve(bad as never) });
      await manager.start();
      const error = await drain(manager.stop()).then(() => undefined, (e: AggregateError) => e);
      expect(error).toBeInstanceOf(AggregateError);
      expect((error as AggregateError).errors.map(String)).toEqual([
        `TypeError: BackgroundWorkerManager.stop: worker "Custom": stop() must resolve to a report { ok, unsettled }, got ${JSON.stringify(bad)}`,
      ]);
    }
  });

  test("stop options: an object with a timeout ≥ 0 (Infinity too); the default without one", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), stopTimeout: 100 });
    const worker = manager.add(periodic("Slow", { period: 10, runOnStart: true }, () => new Promise((r) => setTimeout(r, 1_000))));
    expect(() => worker.stop(5 as never)).toThrow(new TypeError("Slow: stop options must be an object, got 5"));
    expect(() => worker.stop({ timeout: -1 })).toThrow(new RangeError('Slow: option "timeout" must be a number ≥ 0 (or Infinity), got -1'));
    await manager.start();
    await vi.advanceTimersByTimeAsync(1);
    // No timeout given: the manager's stopTimeout (100 ms), not the run's full second.
    const report = manager.stop({});
    await vi.advanceTimersByTimeAsync(150);
    expect(await report).toEqual({ ok: false, unsettled: [{ worker: "Slow", run: 1 }] });
  });
});

describe("rendezvous hashing (every instance must compute the same owner)", () => {
  test("the hash is a fixed function of every character: the same on every instance and runtime", () => {
    expect([hash(""), hash("a"), hash("worker")]).toEqual([2872998923, 444641715, 861408878]);
    expect(hash("ab")).not.toBe(hash("a"));
  });

  test("a group's digest ignores the order of the names but not where one ends", () => {
    expect(digest(["a", "b"])).toBe("ty930g");
    expect(digest(["b", "a"])).toBe(digest(["a", "b"]));
    expect(digest(["ab", "c"])).not.toBe(digest(["a", "bc"]));
    expect(groupOf("g1.instance")).toBe("g1");
  });

  test("a worker's owner is the member with the highest hash of the pair; none without members", () => {
    const members = Array.from({ length: 8 }, (_, i) => `g.m${i}`);
    for (const worker of ["Mailer", "Billing", "Reports", "w1", "w2"]) {
      const expected = [...members].sort((a, b) => hash(`${b}\u0000${worker}`) - hash(`${a}\u0000${worker}`))[0];
      expect(owner(worker, members)).toBe(expected);
      expect(owner(worker, [...members].reverse())).toBe(expected);
    }
    expect(owner("Mailer", [])).toBeUndefined();
  });
});
