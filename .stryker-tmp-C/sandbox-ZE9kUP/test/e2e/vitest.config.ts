/**
 * The install end-to-end tests (`npm run test:install`): one file after another, since each starts
 * real installs; globalSetup starts and stops the registries.
 */
// @ts-nocheck

import { defineConfig, type ViteUserConfig } from "vitest/config";

const config: ViteUserConfig = defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/setup.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
export default config;
