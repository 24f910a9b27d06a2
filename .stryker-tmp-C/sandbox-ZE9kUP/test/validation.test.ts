// @ts-nocheck
import { describe, expect, test } from "vitest";
import {
  BackgroundWorkerManager,
  periodic,
  type PeriodicOptions,
  PeriodicBackgroundWorker,
  type PeriodicWorkerOptions,
} from "../mod.ts";
import { silentLogger } from "./helpers.ts";

/**
 * Bad input throws at the call that got it (README, "Bad input"): a RangeError or TypeError whose
 * message names the worker (or the manager), the option and the value.
 */
type ErrorClass = typeof RangeError | typeof TypeError;

function expectBadInput(call: () => unknown, kind: ErrorClass | "RangeError or TypeError", parts: (string | RegExp)[]): void {
  let thrown: unknown = undefined;
  let threw = false;
  try {
    call();
  } catch (error) {
    thrown = error;
    threw = true;
  }
  expect(threw, "the call must throw synchronously").toBe(true);
  if (kind === "RangeError or TypeError") {
    expect(thrown instanceof RangeError || thrown instanceof TypeError, `${String(thrown)} is a RangeError or TypeError`)
      .toBe(true);
  } else {
    expect(thrown).toBeInstanceOf(kind);
  }
  const message = (thrown as Error).message;
  for (const part of parts) {
    if (typeof part === "string") expect(message).toContain(part);
    else expect(message).toMatch(part);
  }
}

/** Options of the wrong type, as a JavaScript caller (or a cast) could pass them. */
const bad = <T>(options: unknown): T => options as T;

class Job extends PeriodicBackgroundWorker {
  constructor(options: PeriodicWorkerOptions) {
    super(options);
  }
  protected override doWork(): void {}
}

const noop = (): void => {};

describe("Bad input", () => {
  test.each([
    ["NaN", NaN, "NaN"],
    ["Infinity", Infinity, "Infinity"],
    ["-Infinity", -Infinity, "-Infinity"],
    ["zero", 0, /, got 0$/],
    ["negative", -5, "-5"],
    ["a string", "100", '"100"'],
    ["missing", undefined, "undefined"],
  ])("1.4 period %s is a RangeError naming the worker, the option and the value", (_, period, value) => {
    expectBadInput(() => new Job(bad({ period })), RangeError, ["Job", '"period"', value]);
    expectBadInput(() => periodic("Fn", bad({ period }), noop), RangeError, ["Fn", '"period"', value]);
  });

  test("1.5 setting worker.period to a bad value throws and keeps the old period", () => {
    const job = new Job({ period: 100 });
    expectBadInput(() => (job.period = -1), RangeError, ["Job", '"period"', "-1"]);
    expectBadInput(() => (job.period = NaN), RangeError, ["Job", '"period"', "NaN"]);
    expectBadInput(() => (job.period = bad<number>("5")), RangeError, ["Job", '"period"', '"5"']);
    expect(job.period).toBe(100);
  });

  test("1.2 an unknown mode is a TypeError naming the worker, the option and the value", () => {
    expectBadInput(() => new Job(bad({ period: 1, mode: "fixed-interval" })), TypeError, [
      "Job",
      '"mode"',
      '"fixed-interval"',
    ]);
    expectBadInput(() => periodic("Fn", bad({ period: 1, mode: 5 }), noop), TypeError, ["Fn", '"mode"', "5"]);
  });

  test("1.6 a negative or non-finite jitter is a RangeError naming the worker, the option and the value", () => {
    expectBadInput(() => new Job({ period: 1, jitter: -5 }), RangeError, ["Job", '"jitter"', "-5"]);
    expectBadInput(() => periodic("Fn", { period: 1, jitter: NaN }, noop), RangeError, ["Fn", '"jitter"', "NaN"]);
    expectBadInput(() => periodic("Fn", { period: 1, jitter: Infinity }, noop), RangeError, ["Fn", '"jitter"', "Infinity"]);
  });

  test("2.2 a negative, zero or non-finite timeout is a RangeError naming the worker, the option and the value", () => {
    expectBadInput(() => new Job({ period: 1, timeout: -1 }), RangeError, ["Job", '"timeout"', "-1"]);
    expectBadInput(() => new Job({ period: 1, timeout: 0 }), RangeError, ["Job", '"timeout"', /, got 0$/]);
    expectBadInput(() => periodic("Fn", { period: 1, timeout: NaN }, noop), RangeError, ["Fn", '"timeout"', "NaN"]);
  });

  test("1.3 runOnStart and enabled must be booleans (TypeError naming the worker, the option and the value)", () => {
    expectBadInput(() => new Job(bad({ period: 1, runOnStart: "yes" })), TypeError, ["Job", '"runOnStart"', '"yes"']);
    expectBadInput(() => periodic("Fn", bad({ period: 1, enabled: 0 }), noop), TypeError, ["Fn", '"enabled"', "0"]);
  });

  test("5.1 a worker without a name is a TypeError: an anonymous class, or name \"\"", () => {
    expectBadInput(
      () =>
        new (class extends PeriodicBackgroundWorker {
          protected override doWork(): void {}
        })({ period: 1 }),
      TypeError,
      ["PeriodicBackgroundWorker", '"name"', '""'],
    );
    expectBadInput(() => new Job({ period: 1, name: "" }), TypeError, ["Job", '"name"', '""']);
    expectBadInput(() => new Job({ period: 1, name: "   " }), TypeError, ["Job", '"name"', '"   "']);
    expectBadInput(() => periodic("", { period: 1 }, noop), TypeError, ["periodic()", "name", '""']);
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const nameless = { name: "", start: () => Promise.resolve(), stop: () => Promise.resolve({ ok: true, unsettled: [] }) };
    expectBadInput(() => manager.add(nameless), TypeError, ["BackgroundWorkerManager.add", "name", '""']);
    expect(manager.size).toBe(0);
  });

  test("5.1 a duplicate name in manager.add is a TypeError naming the worker", () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(new Job({ period: 1, name: "Dup" }));
    expectBadInput(() => manager.add(periodic("Dup", { period: 1 }, noop)), TypeError, [
      "BackgroundWorkerManager.add",
      "name",
      '"Dup"',
    ]);
  });

  test("1 an unknown option key on a worker is a TypeError naming the worker, the key and its value", () => {
    expectBadInput(() => new Job(bad({ period: 1, perod: 5 })), TypeError, ["Job", '"perod"', "5"]);
    expectBadInput(() => new Job(bad({ period: 1, runOnstart: true })), TypeError, ["Job", '"runOnstart"', "true"]);
  });

  test("1 an unknown option key on periodic() is a TypeError naming the worker, the key and its value", () => {
    expectBadInput(() => periodic("Fn", bad<PeriodicOptions>({ period: 1, every: 1_000 }), noop), TypeError, [
      "Fn",
      '"every"',
      "1000",
    ]);
    // The name is periodic()'s first argument, not an option.
    expectBadInput(() => periodic("Fn", bad<PeriodicOptions>({ period: 1, name: "Other" }), noop), TypeError, [
      "Fn",
      '"name"',
    ]);
  });

  test("5 an unknown option key on the manager is a TypeError naming the manager, the key and its value", () => {
    expectBadInput(() => new BackgroundWorkerManager(bad({ stoptimeout: 5_000 })), TypeError, [
      "BackgroundWorkerManager",
      '"stoptimeout"',
      "5000",
    ]);
  });

  test("4.1 an unknown option key or a bad timeout on stop() throws at the call, and stops nothing", async () => {
    const job = new Job({ period: 60_000 });
    await job.start();
    expectBadInput(() => job.stop(bad({ timout: 5 })), TypeError, ["Job", '"timout"', "5"]);
    expectBadInput(() => job.stop({ timeout: -1 }), RangeError, ["Job", '"timeout"', "-1"]);
    expectBadInput(() => job.stop({ timeout: NaN }), RangeError, ["Job", '"timeout"', "NaN"]);
    expect(job.state).toBe("idle");
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    await manager.start();
    expectBadInput(() => manager.stop(bad({ timout: 5 })), TypeError, ["BackgroundWorkerManager", '"timout"', "5"]);
    expectBadInput(() => manager.stop({ timeout: -1 }), RangeError, ["BackgroundWorkerManager", '"timeout"', "-1"]);
    expect(manager.running).toBe(true);
    await manager.stop();
    await job.stop();
  });

  test("3.4 backoff with an unknown key or a bad value throws, naming the worker, the option and the value", () => {
    expectBadInput(() => new Job(bad({ period: 1, backoff: { facter: 3 } })), TypeError, ["Job", "backoff", '"facter"', "3"]);
    expectBadInput(() => new Job({ period: 1, backoff: { factor: 0.5 } }), RangeError, ["Job", '"backoff.factor"', "0.5"]);
    expectBadInput(() => new Job({ period: 1, backoff: { max: 0 } }), RangeError, ["Job", '"backoff.max"', /, got 0$/]);
    expectBadInput(() => new Job(bad({ period: 1, backoff: "yes" })), TypeError, ["Job", '"backoff"', '"yes"']);
  });

  test("3.1 a manager logger without error() is a TypeError naming the manager, the option and the missing method", () => {
    const partial = { debug: noop, info: noop, warn: noop };
    expectBadInput(() => new BackgroundWorkerManager(bad({ logger: partial })), TypeError, [
      "BackgroundWorkerManager",
      '"logger"',
      "error()",
    ]);
  });

  test("5 other bad manager options throw, naming the manager, the option and the value", () => {
    expectBadInput(() => new BackgroundWorkerManager({ stopTimeout: -1 }), RangeError, [
      "BackgroundWorkerManager",
      '"stopTimeout"',
      "-1",
    ]);
    expectBadInput(() => new BackgroundWorkerManager(bad({ enabled: "no" })), TypeError, [
      "BackgroundWorkerManager",
      '"enabled"',
      '"no"',
    ]);
    expectBadInput(() => new BackgroundWorkerManager(bad({ onError: "log" })), TypeError, [
      "BackgroundWorkerManager",
      '"onError"',
      '"log"',
    ]);
    expectBadInput(() => new BackgroundWorkerManager(bad({ scope: {} })), TypeError, [
      "BackgroundWorkerManager",
      '"scope"',
      "{}",
    ]);
    expectBadInput(() => new BackgroundWorkerManager(bad(null)), TypeError, ["BackgroundWorkerManager", "null"]);
  });

  test("5.1 remove() or trigger() of an unknown name throws at the call, naming the call and the name", () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Known", { period: 1 }, noop));
    expectBadInput(() => manager.remove("Nope"), "RangeError or TypeError", ["remove", '"Nope"']);
    expectBadInput(() => manager.trigger("Nope"), "RangeError or TypeError", ["trigger", '"Nope"']);
    expect(manager.get("Known")).toBeDefined();
  });

  test("5.1 add() of something that is not a worker is a TypeError", () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    expectBadInput(() => manager.add(bad({ name: "Half", start: noop })), TypeError, ["BackgroundWorkerManager.add", "Half"]);
    expectBadInput(() => manager.add(bad(null)), TypeError, ["BackgroundWorkerManager.add", "null"]);
  });

  test("2.1 periodic() without a work function is a TypeError naming the worker and the value", () => {
    expectBadInput(() => periodic("Fn", { period: 1 }, bad<() => void>("work")), TypeError, ["Fn", '"work"']);
  });

  test("8.1 a cron worker without the cron entry point loaded is a TypeError saying what to import", () => {
    // This file never imports src/cron/mod.ts, and vitest gives each file its own module graph.
    expect(() => periodic("Nightly", { cron: "0 3 * * *" }, () => {})).toThrow(
      'Nightly: option "cron" ("0 3 * * *") needs the cron entry point: import "@background/workers/cron" once',
    );
  });
});
