/**
 * The TestClock cases under Node's own runner. Node 20 runs no TypeScript: test/runners/run.ts
 * bundles this file with Bun first, then runs `node --test` on the bundle.
 */
import { test } from "node:test";
import { cases } from "./cases.ts";

for (const c of cases) test(c.name, c.run);
