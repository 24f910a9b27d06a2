import { defineConfig, type ViteUserConfig } from "vitest/config";

const config: ViteUserConfig = defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Most test files wait on child processes, stores and timers rather than compute: three at a
    // time on two cores (vitest's default would be one) keeps the suite well inside its budget.
    maxWorkers: 3,
    // A deadline only bounds a hang: vitest's defaults (5 s a test, 10 s a hook) are real time, and
    // CPU-heavy fake-time tests (10,000 cron workers, 1,000 workers' runs: 1-3 s on a quiet machine)
    // and child-process tests passed or failed by the machine's load against them. Tests that wait
    // for something say what with their own, shorter bounds (waitUntil, waitFor, until).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
export default config;
