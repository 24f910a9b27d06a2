/**
 * `npm run test:runners`: the TestClock cases (cases.ts) under each runtime's own test runner,
 * Deno.test, bun:test and node:test, each printing what it ran. Run by Bun (`bun test/runners/run.ts`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const bin = (name: string): string => join(root, "node_modules/.bin", name);
// Inside the repo, so that the bundle's bare imports (croner) resolve from node_modules.
const out = join(root, `node_modules/.cache/bgw-test/runners_node_test-${process.pid}.mjs`);
mkdirSync(join(root, "node_modules/.cache/bgw-test"), { recursive: true });
execFileSync(bin("bun"), ["build", join(root, "test/runners/node_test.ts"), "--target=node", "--packages=external", "--outfile", out], {
  stdio: "pipe",
});

const runs: [string, string, string[]][] = [
  ["Deno.test", bin("deno"), ["test", "-A", "test/runners/deno_test.ts"]],
  ["bun:test", bin("bun"), ["test", "./test/runners/bun_test.ts"]],
  // The machine's Node (20), the one the project supports.
  ["node:test", "node", ["--test", "--test-reporter=spec", out]],
];
let failed = 0;
for (const [name, command, args] of runs) {
  console.log(`\n== ${name}: ${[command.replace(root, ""), ...args].join(" ")}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    failed++;
    console.log(`== ${name}: FAILED (exit ${result.status ?? result.signal})`);
  } else {
    console.log(`== ${name}: passed`);
  }
}
process.exit(failed === 0 ? 0 : 1);
