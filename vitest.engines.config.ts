import { defineConfig, type ViteUserConfig } from "vitest/config";

// The engines' multi-process tests (`npm run test:engines`): their slots are the engines' own (pg-boss
// schedules by the minute), so they wait for real minutes and stay out of `npm test`. One file at a time.
const config: ViteUserConfig = defineConfig({
  test: {
    include: ["test/engines/**/*.engine.ts"],
    fileParallelism: false,
    testTimeout: 150_000,
    hookTimeout: 90_000,
  },
});
export default config;
