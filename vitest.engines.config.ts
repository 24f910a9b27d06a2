import { defineConfig, type ViteUserConfig } from "vitest/config";

// Issue 14's engine clusters (`npm run test:engines`): three instance processes per test against
// the real Redis (and PostgreSQL), one file at a time, outside `npm test`'s budget.
const config: ViteUserConfig = defineConfig({
  test: {
    include: ["test/engines/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
export default config;
