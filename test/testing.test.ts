/**
 * TestClock (`@background/workers/testing`) under vitest on every runtime: the cases every runner
 * runs (test/runners/cases.ts), and what only vitest checks here.
 */
import { describe, expect, test } from "vitest";
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { TestClock } from "../src/testing/mod.ts";
import { detectRuntime } from "../mod.ts";
import { cases } from "./runners/cases.ts";
import { silentLogger } from "./helpers.ts";

describe(`TestClock on ${detectRuntime()} (vitest)`, () => {
  for (const c of cases) test(c.name, c.run);

  test("a run still in flight after settleTimeout is an error naming it; a stop's deadline stays real", async () => {
    const clock = new TestClock({ settleTimeout: 50 });
    const manager = new BackgroundWorkerManager({ clock, logger: silentLogger() });
    let release = (): void => {};
    // Ignores its signal: only release() ends it.
    manager.add(periodic("Stuck", { period: 1_000 }, () => new Promise<void>((resolve) => (release = resolve))));
    await manager.start();
    await expect(clock.advance(1_000)).rejects.toThrow(/runs still in flight after 50 ms of real time: Stuck run 1/);
    // Virtual time does not move during a stop: its 20 ms limit passes in real time.
    const report = await manager.stop({ timeout: 20 });
    expect(report).toEqual({ ok: false, unsettled: [{ worker: "Stuck", run: 1 }] });
    release();
  });

  test("a run's timeout passes in virtual time (advance without waiting for the run)", async () => {
    const clock = new TestClock();
    const manager = new BackgroundWorkerManager({ clock, logger: silentLogger() });
    const reasons: string[] = [];
    manager.add(periodic("Slow", { period: 1_000, timeout: 200 }, ({ signal }) =>
      new Promise<void>((resolve) => signal.addEventListener("abort", () => (reasons.push(signal.reason.name), resolve())))));
    await manager.start();
    await clock.advance(1_199, { settle: false });
    expect(reasons).toEqual([]);
    expect(clock.inFlight).toBe(1);
    await clock.advance(1, { settle: false });
    await clock.settle();
    expect(reasons).toEqual(["TimeoutError"]);
    expect(manager.status()[0]?.runs).toBe(1);
    await manager.stop();
  });

  test("advance() and next() refuse to overlap; a trigger is waited for with settle()", async () => {
    const clock = new TestClock();
    const manager = new BackgroundWorkerManager({ clock });
    let runs = 0;
    manager.add(periodic("T", { period: 1_000 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      runs++;
    }));
    await manager.start();
    const first = clock.advance(1_000);
    await expect(clock.next()).rejects.toThrow(/TestClock\.next: advance\(\) is under way/);
    await first;
    expect(runs).toBe(1);
    const triggered = manager.trigger("T");
    await clock.settle();
    expect(runs).toBe(2);
    expect((await triggered).ok).toBe(true);
    await manager.stop();
  });

  test("run control under a TestClock: maxRuns, firstDelay, and overlap skip with a run asleep in virtual time", async () => {
    const clock = new TestClock();
    const manager = new BackgroundWorkerManager({ clock });
    const limited: number[] = [];
    const skipping: number[] = [];
    manager.add(periodic("Limited", { period: 1_000, firstDelay: 100, maxRuns: 2 }, ({ run }) => void limited.push(run)));
    manager.add(periodic("Long", { period: 1_000, mode: "fixed-rate", overlap: "skip" }, async ({ run, signal }) => {
      skipping.push(run);
      await clock.sleep(1_500, signal);
    }));
    await manager.start();
    await clock.advance(5_000);
    expect(limited).toEqual([1, 2]);
    expect(manager.status()[0]?.state).toBe("stopped");
    // Runs at 1 s (to 2.5 s), 3 s (to 4.5 s), 5 s: the slots at 2 s and 4 s went by during runs.
    expect(skipping).toEqual([1, 2, 3]);
    await manager.stop();
  });

  test("a worker's clock is its own: a worker made alike without one stays on the real clock", () => {
    const clock = new TestClock();
    periodic("WithClock", { period: 1_000, clock }, () => {});
    // Shared configs of workers made alike must not hand this one the other's clock.
    expect(() => new BackgroundWorkerManager().add(periodic("Plain", { period: 1_000 }, () => {}))).not.toThrow();
    expect(() => new BackgroundWorkerManager().add(periodic("Clocked", { period: 1_000, clock }, () => {}))).toThrow(TypeError);
  });

  test("TestClock's own options are checked", () => {
    expect(() => new TestClock({ start: Number.NaN })).toThrow(/option "start" must be epoch ms/);
    expect(() => new TestClock({ settleTimeout: 0 })).toThrow(/option "settleTimeout" must be a finite number of ms > 0/);
    expect(() => new TestClock({ speed: 2 } as never)).toThrow(/unknown option "speed"/);
    expect(() => new BackgroundWorkerManager({ unref: "yes" as never })).toThrow(/unref/);
    expect(() => periodic("W", { period: 1, clock: 5 as never }, () => {})).toThrow(/W: option "clock" must be a clock source/);
    const engine = { name: "fake", check: () => {}, register: () => {}, unschedule: () => Promise.resolve() };
    expect(() => new BackgroundWorkerManager({ clock: new TestClock(), engine: engine as never })).toThrow(
      /options "clock" and "engine" exclude each other/,
    );
  });
});
