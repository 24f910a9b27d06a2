// @ts-nocheck
import { defineConfig, type ViteUserConfig } from "vitest/config";

// The unit tests that `npm run mutate` (Stryker, tools/mutate/) runs against each mutant of src/core
// and src/lease: in-process, fake time where they schedule. Left out: the tests whose work happens
// in child processes (a mutant is active only in the test process, so they cannot kill one and cost
// seconds per run): lease_redis, lease_postgres, lease_spread, lease_faults(_postgres), shutdown,
// package, create_worker*, architecture, defects (its retention tests run children by the path
// node_modules/.bin/…, which a Stryker sandbox lacks); and cron (src/cron is out of scope, and its 10,000-worker and
// blocked-loop tests would add seconds to every run of a core mutant).
export const mutateTests: string[] = [
  "test/cluster_coordinator.test.ts",
  "test/errors.test.ts",
  "test/lease.test.ts",
  "test/lease_gate.test.ts",
  "test/lease_stores.test.ts",
  "test/manager.test.ts",
  "test/observer.test.ts",
  "test/run.test.ts",
  "test/scheduling.test.ts",
  "test/stop.test.ts",
  "test/timer_queue.test.ts",
  "test/validation.test.ts",
  "test/mutants*.test.ts",
];

const config: ViteUserConfig = defineConfig({
  test: { include: mutateTests },
});
export default config;
