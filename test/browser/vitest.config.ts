/**
 * The browser tests (`npm run test:browser`): Chromium against a real server, one file at a time,
 * on Node (playwright-core drives the browser over a pipe from Node).
 */
import { defineConfig, type ViteUserConfig } from "vitest/config";

const config: ViteUserConfig = defineConfig({
  test: {
    root: new URL("../..", import.meta.url).pathname,
    include: ["test/browser/**/*.browser.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
export default config;
