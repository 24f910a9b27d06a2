/**
 * Invariants under random operations (issue 15): random sequences of add / remove / start / stop
 * (with and without timeouts) / trigger / period changes / fake-time advances, over workers whose
 * runs take random times, throw, ignore their signal or settle late. The checks are in
 * test/property_harness.ts; each test prints what its runs exercised, so that a generator that
 * stopped reaching a case shows. `FUZZ_RUNS=n` (`npm run fuzz`) runs more; `FUZZ_SEED` replays one.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { coverage, nextOnGrid, type Op, opArb, runSequence, workerArb } from "./property_harness.ts";
import { fuzzRuns, fuzzSeed, fuzzTimeout } from "./property_runs.ts";

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
          const problems = await runSequence(specs, timeout, [...prefix, ...ops], cov);
          expect(problems).toEqual([]);
        },
      ),
      { numRuns: runs, seed: fuzzSeed() },
    );
    console.log(`${title}: ${runs} sequences, ${JSON.stringify(cov)}`);
    // The properties were exercised, not vacuously true.
    expect(enough(cov)).toBe(true);
  }, fuzzTimeout(base, runs));
}

describe("invariants under random operations", () => {
  property(
    "no overlap, nothing after stop, no timer left, queue size, status and onError counts, no unhandled rejection",
    200,
    ["fixed-delay", "fixed-rate"],
    true,
    2,
    (c) => c.runs > 0 && c.abandoned > 0 && c.failures > 0,
  );
  property("fixed delay: spacing exact under fake time", 100, ["fixed-delay"], false, 1, (c) => c.delayPairs > 0 && c.firstRuns > 0);
  property("fixed rate: on the grid, never drifts, never bursts", 100, ["fixed-rate"], false, 1, (c) => c.ratePairs > 0 && c.catchups > 0);
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
