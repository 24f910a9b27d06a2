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

export function intern(config: WorkerConfig): WorkerConfig {
  if ((config.lease !== undefined && config.lease !== false) || config.clock !== undefined) return Object.freeze(config);
  const c = config;
  const key = `${c.runOnStart}|${c.jitter}|${c.timeout}|${c.backoff?.factor},${c.backoff?.max}|${c.lease}|${c.missed}|${c.maxCatchup}|` +
    `${c.overlap}|${c.cron}|${c.timezone}|${c.mode}|${c.firstDelay}|${c.maxRuns}`;
  const found = CONFIGS.get(key);
  if (found !== undefined) return found;
  const frozen = Object.freeze(config);
  if (CONFIGS.size < MAX_CONFIGS) CONFIGS.set(key, frozen);
  return frozen;
}
