// @ts-nocheck
import { defineConfig, type ViteUserConfig } from "vitest/config";

// Issue 13's lease faults alone (`npm run test:faults`), one file at a time: their instance processes
// and private stores then have the two cores to themselves. The default run includes them too.
const config: ViteUserConfig = defineConfig({
  test: {
    include: ["test/lease_faults*.test.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
export default config;
