/**
 * The README's telemetry setup is examples/telemetry.ts (which `deno check` type-checks with the
 * rest of the repo), with the package's specifiers in place of the repo's paths.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { root } from "./child.ts";

test("the README's telemetry snippet is examples/telemetry.ts", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.split(/^## /m).find((part) => part.startsWith("Telemetry (OpenTelemetry)\n"));
  expect(section).toBeDefined();
  const snippet = /^```ts\n([\s\S]*?)^```$/m.exec(section!)?.[1];
  const example = readFileSync(join(root, "examples/telemetry.ts"), "utf8")
    .replace(/^\/\*\*[\s\S]*?\*\/\n/, "")
    .replace('from "../mod.ts"', 'from "@background/workers"')
    .replace('from "../src/otel/mod.ts"', 'from "@background/workers/otel"');
  expect(snippet).toBe(example);
});
