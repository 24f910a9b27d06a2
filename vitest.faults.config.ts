import { defineConfig, type ViteUserConfig } from "vitest/config";

// Issue 13's lease faults: they fail until the lease redesign lands, so the default run leaves them
// out (vitest.config.ts). One file at a time: their instance processes and private stores would
// otherwise share two cores with another file's.
const config: ViteUserConfig = defineConfig({
  test: {
    include: ["test/lease_faults*.test.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
export default config;
