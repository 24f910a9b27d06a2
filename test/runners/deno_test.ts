/** The TestClock cases under Deno's own runner: `deno test -A test/runners/deno_test.ts`. */
import { cases } from "./cases.ts";

for (const c of cases) Deno.test(c.name, c.run);
