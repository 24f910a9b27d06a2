import { existsSync, symlinkSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { defineConfig, type ViteUserConfig } from "vitest/config";

// A Stryker sandbox (.stryker-tmp-*/sandbox-*/) gets no node_modules of its own here (the root's is
// itself a symlink, which Stryker does not link): imports still resolve by walking up, but the tests
// that start children find Bun and Deno at <root>/node_modules/.bin (test/child.ts). Link it.
if (!existsSync("node_modules")) {
  for (let dir = resolve(".."); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules", ".bin"))) {
      symlinkSync(join(dir, "node_modules"), "node_modules");
      break;
    }
  }
}

// The unit tests that `npm run mutate` (Stryker, tools/mutate/) runs against each mutant of src/core
// and src/lease: in-process, fake time where they schedule. Left out: the tests whose work happens
// in child processes (a mutant is active only in the test process, so they cannot kill one and cost
// seconds per run): lease_redis, lease_postgres, lease_spread, lease_faults(_postgres), shutdown,
// package, create_worker*, architecture; and cron (src/cron is out of scope, and its 10,000-worker and
// blocked-loop tests would add seconds to every run of a core mutant).
export const mutateTests: string[] = [
  "test/cluster_coordinator.test.ts",
  "test/defects.test.ts",
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
  // The run control, the test clock, the engine seam, the lease check on a paused holder, and the
  // properties and queue model: in-process too, and the only tests of much of pause.ts, overlap.ts,
  // clock.ts, engine_run.ts and run_signal.ts.
  "test/run_control.test.ts",
  "test/testing.test.ts",
  "test/engine_core.test.ts",
  "test/engine_refused.test.ts",
  "test/lease_pause.test.ts",
  "test/timer_queue_model.test.ts",
  "test/properties.test.ts",
  "test/memory_layout.test.ts",
  "test/option_shapes.test.ts",
  "test/cluster_resume.test.ts",
  "test/cluster_pause.test.ts",
];

const config: ViteUserConfig = defineConfig({
  // Instrumented code with per-test coverage runs several times slower: the 1,000-worker tests
  // need more than vitest's 5 s on a loaded machine.
  test: { include: mutateTests, testTimeout: 30_000 },
});
export default config;
