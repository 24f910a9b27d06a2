/**
 * How many random cases each property runs: a few hundred in `npm test`, `FUZZ_RUNS` of them when
 * set (`npm run fuzz`). A failure prints fast-check's seed and path; `FUZZ_SEED` replays a seed.
 */
import process from "node:process";

/** `base`, or FUZZ_RUNS when it is set. */
export function fuzzRuns(base: number): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isInteger(n) && n > 0 ? n : base;
}

/** The seed to replay (FUZZ_SEED), if any. */
export function fuzzSeed(): number | undefined {
  const n = Number(process.env.FUZZ_SEED);
  return process.env.FUZZ_SEED !== undefined && Number.isInteger(n) ? n : undefined;
}

/** A per-test time limit that grows with the runs asked for (fake time: it only bounds a hang). */
export function fuzzTimeout(base: number, runs: number): number {
  return Math.max(60_000, (runs / base) * 60_000);
}

/** fast-check's parameters: `base` runs (or FUZZ_RUNS), and FUZZ_SEED when it is set. */
export function fuzzParams(base: number): { numRuns: number; seed?: number } {
  const seed = fuzzSeed();
  return seed === undefined ? { numRuns: fuzzRuns(base) } : { numRuns: fuzzRuns(base), seed };
}
