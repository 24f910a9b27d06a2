/**
 * Options that take an object with methods (`engine`, `clock`), checked at the call that received
 * them: every part missing or of the wrong kind is a TypeError naming the option; and the pieces
 * behind them that no other in-process test reaches: the unref'd clock and the manager's start of
 * one worker (starting.ts).
 */
import { describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, type BackgroundWorker, periodic } from "../mod.ts";
import { installUnref, realClock, unrefClock } from "../src/core/clock.ts";
import { STARTED } from "../src/core/host.ts";
import { startWorker } from "../src/core/starting.ts";
import { unrefTimer } from "../src/runtime/unref.ts";

const engine = {
  name: "test-engine",
  check: () => {},
  register: () => Promise.resolve({ stop: () => Promise.resolve() }),
  unschedule: () => Promise.resolve(),
};

describe("the engine option", () => {
  const broken: [string, unknown][] = [
    ["null", null],
    ["a string", "bullmq"],
    ["a function", () => engine],
    ["no name", { ...engine, name: undefined }],
    ["a name that is not a string", { ...engine, name: 7 }],
    ["no check()", { ...engine, check: undefined }],
    ["check not a function", { ...engine, check: "yes" }],
    ["no register()", { ...engine, register: undefined }],
    ["register not a function", { ...engine, register: {} }],
    ["no unschedule()", { ...engine, unschedule: undefined }],
    ["unschedule not a function", { ...engine, unschedule: 1 }],
  ];

  test.each(broken)("%s is a TypeError naming the option", (_, value) => {
    expect(() => new BackgroundWorkerManager({ engine: value as never })).toThrow(TypeError);
    expect(() => new BackgroundWorkerManager({ engine: value as never })).toThrow(/option "engine" must be an engine/);
  });

  test("an object with a name and the three methods is taken", () => {
    expect(() => new BackgroundWorkerManager({ engine: engine as never })).not.toThrow();
  });
});

describe("the clock option", () => {
  const queueClock = { now: () => 0, epochOffset: () => 0, setTimer: () => 1, clearTimer: () => {} };
  const broken: [string, unknown][] = [
    ["null", null],
    ["a number", 5],
    ["a function", () => queueClock],
    ["an object without queueClock", {}],
    ["queueClock null", { queueClock: null }],
    ["queueClock a string", { queueClock: "real" }],
    ["queueClock a function", { queueClock: Object.assign(() => {}, queueClock) }],
    ...(["now", "epochOffset", "setTimer", "clearTimer"] as const).map((m): [string, unknown] => [
      `queueClock without ${m}()`,
      { queueClock: { ...queueClock, [m]: undefined } },
    ]),
    ["queueClock with now not a function", { queueClock: { ...queueClock, now: 0 } }],
  ];

  test.each(broken)("%s is a TypeError naming the option, for a manager and for a worker", (_, value) => {
    expect(() => new BackgroundWorkerManager({ clock: value as never })).toThrow(/option "clock" must be a clock source/);
    expect(() => periodic("Timed", { period: 10, clock: value as never }, () => {})).toThrow(TypeError);
    expect(() => periodic("Timed", { period: 10, clock: value as never }, () => {})).toThrow(/option "clock" must be a clock source/);
  });

  test("an object whose queueClock has the four methods is taken", () => {
    expect(() => new BackgroundWorkerManager({ clock: { queueClock } })).not.toThrow();
  });
});

describe("the unref'd clock", () => {
  test("is the real clock whose timers are unref'd, with the real clock for stop deadlines", () => {
    const unref = vi.fn();
    installUnref(unref);
    try {
      const clock = unrefClock("Owner");
      expect(clock.now).toBe(realClock.now);
      expect(clock.epochOffset).toBe(realClock.epochOffset);
      expect(clock.clearTimer).toBe(realClock.clearTimer);
      expect(clock.deadlines).toBe(realClock);
      const fired = vi.fn();
      const handle = clock.setTimer(fired, 60_000);
      expect(unref).toHaveBeenCalledTimes(1);
      expect(unref).toHaveBeenCalledWith(handle);
      clock.clearTimer(handle);
    } finally {
      installUnref(unrefTimer);
    }
  });

  test("without the runtime adapters loaded it is an error saying what to import", () => {
    installUnref(undefined as never);
    try {
      expect(() => unrefClock("Owner")).toThrow(
        'Owner: option "unref" needs the runtime adapters; import the manager from "@background/workers"',
      );
    } finally {
      installUnref(unrefTimer);
    }
  });
});

describe("starting one worker (starting.ts)", () => {
  const failed = vi.fn();
  /** A worker of its own kind (not periodic), whose start is `start`. */
  const ownWorker = (name: string, start: () => Promise<void>): BackgroundWorker => ({
    name,
    start,
    stop: () => Promise.resolve({ ok: true, unsettled: [] }),
  });
  /** A worker whose start resolves when `finish()` is called. */
  const deferred = (name: string): { worker: BackgroundWorker; finish: () => void } => {
    let finish!: () => void;
    return { worker: ownWorker(name, () => new Promise<void>((resolve) => (finish = resolve))), finish: () => finish() };
  };

  test("a worker that started synchronously: nothing to wait for, nothing kept", () => {
    const underWay = new Map<BackgroundWorker, Promise<void>>();
    const worker = periodic("Sync", { period: 60_000 }, () => {});
    expect(startWorker(worker, underWay, failed)).toBeUndefined();
    expect(underWay.size).toBe(0);
    void worker.stop();
  });

  test("an async start is kept while under way and forgotten once it settled", async () => {
    const underWay = new Map<BackgroundWorker, Promise<void>>();
    const { worker: async, finish } = deferred("Async");
    const starting = startWorker(async, underWay, failed);
    expect(starting).toBeInstanceOf(Promise);
    expect(underWay.get(async)).toBeInstanceOf(Promise);
    finish();
    await starting;
    expect(underWay.size).toBe(0);
    expect(failed).not.toHaveBeenCalled();
  });

  test("a start that rejects or throws is reported once and forgotten; a newer start under way is kept", async () => {
    const underWay = new Map<BackgroundWorker, Promise<void>>();
    const boom = new Error("no start");
    const rejecting = ownWorker("Rejects", () => Promise.reject(boom));
    await startWorker(rejecting, underWay, failed);
    expect(failed).toHaveBeenLastCalledWith(rejecting, boom);
    expect(underWay.size).toBe(0);
    const throwing = ownWorker("Throws", () => {
      throw boom;
    });
    expect(startWorker(throwing, underWay, failed)).toBeUndefined();
    expect(failed).toHaveBeenLastCalledWith(throwing, boom);
    expect(underWay.size).toBe(0);
    // A start that settles after another start of the same worker began leaves the newer one.
    const { worker: twice, finish: first } = deferred("Twice");
    const one = startWorker(twice, underWay, failed);
    const newer = Promise.resolve();
    underWay.set(twice, newer);
    first();
    await one;
    expect(underWay.get(twice)).toBe(newer);
  });

  test("our workers say they started synchronously with the shared STARTED, also when already started", async () => {
    const worker = periodic("Shared", { period: 60_000 }, () => {});
    expect(worker.start()).toBe(STARTED);
    expect(worker.start()).toBe(STARTED);
    await worker.stop();
  });
});
