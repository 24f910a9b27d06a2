/**
 * Invariants under random operations (issue 15): random sequences of add / remove / start / stop
 * (with and without timeouts) / trigger / pause / resume / period changes / fake-time advances, over workers whose
 * runs take random times, throw, ignore their signal or settle late. The checks are in
 * test/property_harness.ts; each test prints what its runs exercised, so that a generator that
 * stopped reaching a case shows. `FUZZ_RUNS=n` (`npm run fuzz`) runs more; `FUZZ_SEED` replays one.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type Behaviour,
  coverage,
  nextOnGrid,
  type Op,
  opArb,
  runSequence,
  workerArb,
  type WorkerSpec,
} from "./property_harness.ts";
import { fuzzParams, fuzzRuns, fuzzTimeout } from "./property_runs.ts";

const stopTimeout = fc.constantFrom(0, 25, 30_000);

function property(
  title: string,
  base: number,
  modes: readonly ("fixed-delay" | "fixed-rate")[],
  fractions: boolean,
  disturb: number,
  enough: (c: ReturnType<typeof coverage>) => boolean,
): void {
  const runs = fuzzRuns(base);
  test(title, async () => {
    const cov = coverage();
    await fc.assert(
      fc.asyncProperty(
        fc.array(workerArb(modes, fractions), { minLength: 1, maxLength: 4, size: "max" }),
        stopTimeout,
        fc.boolean(),
        fc.array(opArb(disturb, fractions), { minLength: 1, maxLength: 40, size: "max" }),
        async (specs, timeout, started, ops) => {
          // Half the sequences begin with every worker added and the manager started.
          const prefix: Op[] = started ? [...specs.map((_, w) => ({ op: "add" as const, w })), { op: "start" }] : [];
          const problems = await runSequence(specs, timeout, [...prefix, ...ops], cov, true);
          expect(problems).toEqual([]);
        },
      ),
      fuzzParams(base),
    );
    console.log(`${title}: ${runs} sequences, ${JSON.stringify(cov)}`);
    // The properties were exercised, not vacuously true.
    expect(enough(cov)).toBe(true);
  }, fuzzTimeout(base, runs));
}

describe("invariants under random operations", () => {
  property(
    "no overlap, nothing after stop or pause, no timer left, queue size, status and onError counts, no unhandled rejection",
    200,
    ["fixed-delay", "fixed-rate"],
    true,
    2,
    (c) => c.runs > 0 && c.abandoned > 0 && c.failures > 0,
  );
  property("fixed delay: spacing exact under fake time", 100, ["fixed-delay"], false, 1, (c) => c.delayPairs > 0 && c.firstRuns > 0);
  property("fixed rate: on the grid, never drifts, never bursts", 100, ["fixed-rate"], false, 1, (c) => c.ratePairs > 0 && c.catchups > 0);
});

/**
 * Core bugs the properties found, each replayed from its shrunk counterexample with every check
 * (strict). All are fixed; these stay as regression tests.
 */
describe("core bugs the properties found, replayed from their counterexamples (fixed)", () => {
  const bug = (title: string, specs: WorkerSpec[], stopTimeout: number, ops: Op[]) =>
    test(title, async () => {
      expect(await runSequence(specs, stopTimeout, ops, coverage(), true)).toEqual([]);
    });
  const run = (ms: number, extra: Partial<Behaviour> = {}): Behaviour => ({ sync: false, ms, throws: false, honours: false, ...extra });
  const worker = (period: number, extra: Partial<WorkerSpec> = {}): WorkerSpec => ({
    period,
    mode: "fixed-delay",
    timeout: undefined,
    runOnStart: false,
    jitter: 0,
    script: [run(1)],
    ...extra,
  });
  const started = (n: number): Op[] => [...Array.from({ length: n }, (_, w) => ({ op: "add" as const, w })), { op: "start" }];

  // TimerQueue.#arm keeps a pending timer only if `armedAt <= top.due`; a timer armed for a due time
  // with a fraction fires at its ceiling, so any schedule() before it fires clears and re-creates it
  // (a clearTimeout + setTimeout per run with jitter), and one made at that instant has a 0 ms delay:
  // the run due at 5.25 (timer at 6) starts at 7, when B's run ends at 6 and re-queues.
  bug(
    "timer queue: a due time with a fraction makes each schedule() re-arm the timer, and a run start 1 ms late",
    [worker(5.25), worker(5)],
    0,
    [...started(2), { op: "advance", ms: 7 }, { op: "advance", ms: 0 }],
  );
  // PeriodicState.stopWaiting is one flag: stop (waits), start, stop again (stopTimeout 0, gives up
  // first) clears it while the first stop still waits; the run then ends within the first stop's
  // limit, that stop resolves ok, but the run is not counted (nor would its error reach onError).
  bug(
    "worker: a run two stops wait for is not counted when the later stop gives up first",
    [worker(5, { timeout: 1 })],
    0,
    [...started(1), { op: "advance", ms: 65 }, { op: "wstop", w: 0, timeout: undefined }, { op: "wstart", w: 0 }, {
      op: "remove",
      w: 0,
    }],
  );
  // pause.ts: resumeWorker awaits the pause under way before it clears `paused`; a pause() called in
  // between sees `paused` still set, returns that pause, and is lost when the resume completes: the
  // worker runs at 11 although the last call was pause().
  bug(
    "worker: pause() called while a resume() waits for the run in flight is lost",
    [worker(5)],
    0,
    [...started(1), { op: "advance", ms: 5 }, { op: "pause", w: 0 }, { op: "resume", w: 0 }, { op: "pause", w: 0 }, {
      op: "advance",
      ms: 6,
    }],
  );
  // Issue 15, defect 5 (the lead's): stop() from the synchronous part of a run resolves ok at once.
  bug(
    "worker: stop() called before the first await of a run resolves ok while the run goes on (defect 5)",
    [worker(10, { script: [run(20, { stopsSelf: true, throws: true })] })],
    30_000,
    [...started(1), { op: "advance", ms: 100 }],
  );
});

describe("the grid rule the fixed-rate property checks against", () => {
  test("a slot passed during the run gives one run at once; otherwise the next slot after the end", () => {
    expect(nextOnGrid(0, 100, 100, 100, 130)).toBe(200);
    expect(nextOnGrid(0, 100, 100, 100, 250)).toBe(250);
    expect(nextOnGrid(0, 100, 100, 100, 200)).toBe(200);
    // A late start covers the slots before it: the catch-up run at 250 is followed by the grid.
    expect(nextOnGrid(0, 100, 200, 250, 260)).toBe(300);
  });
});
