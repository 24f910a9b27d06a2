/**
 * Worker configs shared between workers made alike.
 * @module
 */
import type { WorkerConfig } from "./worker_options.ts";

/**
 * One frozen config for all workers with the same options: 100,000 workers made alike hold one, not
 * 100,000 (~150 B each). Configs with a lease or a clock are not shared (compared by identity),
 * and the table stops growing at a bound, so that options that differ per worker cost no more than
 * before.
 */
const CONFIGS = new Map<string, WorkerConfig>();
const MAX_CONFIGS = 1_000;

/** The config interned last: workers are mostly made in runs of alike ones, and a key costs more than a compare. */
let last: WorkerConfig | undefined = undefined;

function same(a: WorkerConfig, b: WorkerConfig): boolean {
  return a.runOnStart === b.runOnStart && a.jitter === b.jitter && a.timeout === b.timeout &&
    a.backoff?.factor === b.backoff?.factor && a.backoff?.max === b.backoff?.max && a.lease === b.lease &&
    a.missed === b.missed && a.maxCatchup === b.maxCatchup && a.overlap === b.overlap && a.cron === b.cron &&
    a.timezone === b.timezone && a.mode === b.mode && a.firstDelay === b.firstDelay && a.maxRuns === b.maxRuns &&
    (a.backoff === undefined) === (b.backoff === undefined);
}

/** The shared config equal to `config` (frozen), or `config` itself frozen. */
export function intern(config: WorkerConfig): WorkerConfig {
  if ((config.lease !== undefined && config.lease !== false) || config.clock !== undefined) return Object.freeze(config);
  if (last !== undefined && same(last, config)) return last;
  return last = byKey(config);
}

function byKey(c: WorkerConfig): WorkerConfig {
  const key = `${c.runOnStart}|${c.jitter}|${c.timeout}|${c.backoff?.factor},${c.backoff?.max}|${c.lease}|${c.missed}|${c.maxCatchup}|` +
    `${c.overlap}|${c.cron}|${c.timezone}|${c.mode}|${c.firstDelay}|${c.maxRuns}`;
  const found = CONFIGS.get(key);
  if (found !== undefined) return found;
  const frozen = Object.freeze(c);
  if (CONFIGS.size < MAX_CONFIGS) CONFIGS.set(key, frozen);
  return frozen;
}
