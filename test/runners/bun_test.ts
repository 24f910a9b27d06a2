/** The TestClock cases under Bun's own runner: `bun test ./test/runners/bun_test.ts`. */
import { test } from "bun:test";
import { cases } from "./cases.ts";

for (const c of cases) test(c.name, c.run);
