// @ts-nocheck
import { defineConfig, type ViteUserConfig } from "vitest/config";

const config: ViteUserConfig = defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Most test files wait on child processes, stores and timers rather than compute: three at a
    // time on two cores (vitest's default would be one) keeps the suite well inside its budget.
    maxWorkers: 3,
  },
});
export default config;
