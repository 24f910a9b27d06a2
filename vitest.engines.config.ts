import { defineConfig, type ViteUserConfig } from "vitest/config";

// The engines' multi-process tests (`npm run test:engines`): three instance processes per test
// against the real Redis and PostgreSQL; pg-boss schedules by the minute, so its tests wait for real
// minutes. Outside `npm test`'s budget, one file at a time.
const config: ViteUserConfig = defineConfig({
  test: {
    include: ["test/engines/**/*.test.ts", "test/engines/**/*.engine.ts"],
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 90_000,
  },
});
export default config;
