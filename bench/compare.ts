/**
 * Ours at another commit beside ours now, in one run: the scale workload (bench/scale.ts) against
 * each tree's mod.ts, alternating the trees round by round on each runtime, steady state (after a
 * warm-up) and cold (measured from the start), medians of the rounds. For a change to the run path:
 * "measure before and after, in one run, beside the previous commit".
 *
 *   node_modules/.bin/deno run -A bench/compare.ts --base HEAD~1
 *   node_modules/.bin/deno run -A bench/compare.ts --base 7774fee --count 100000 --seconds 5 --rounds 3
 *
 * The other commit is checked out (detached, once) under bench/results/compare/; both
 * trees run the same child, this tree's bench/scale.ts, with only its import of mod.ts pointed at
 * the tree. Node 20 runs bundles made by the dev-dependency Bun, as the rest of the bench does.
 */
import { parseArgs } from "node:util";
import { medianOf } from "./harness/report.ts";
import { bun, root } from "./harness/runtimes.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    base: { type: "string" },
    count: { type: "string", default: "100000" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    runtimes: { type: "string", default: "node,deno,bun" },
    phases: { type: "string", default: "steady,cold" },
  },
});
if (flags.base === undefined) throw new Error("compare: --base <commit> is required");
const rounds = Number(flags.rounds);
// Not under node_modules: Deno strips no types there. bench/results/ is ignored by git.
const work = `${root}bench/results/compare`;

async function sh(cmd: string, args: string[], cwd = root): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd, stdout: "piped", stderr: "piped" }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed:\n${text}${new TextDecoder().decode(out.stderr)}`);
  return text;
}

const rev = (await sh("git", ["rev-parse", "--short", flags.base])).trim();
const baseTree = `${work}/tree-${rev}`;
try {
  await Deno.stat(`${baseTree}/mod.ts`);
} catch {
  await sh("git", ["worktree", "add", "--detach", "--force", baseTree, rev]);
}

/** The same child for both trees, importing the tree's mod.ts; for Node, bundled. */
async function child(label: string, tree: string): Promise<{ ts: string; mjs: string }> {
  const dir = `${work}/child-${label}`;
  await Deno.mkdir(dir, { recursive: true });
  const source = (await Deno.readTextFile(`${root}bench/scale.ts`)).replace('from "../mod.ts"', `from "${tree}/mod.ts"`);
  const ts = `${dir}/scale.ts`;
  await Deno.writeTextFile(ts, source);
  const mjs = `${dir}/scale.mjs`;
  await sh(bun, ["build", ts, "--target=node", "--outfile", mjs]);
  return { ts, mjs };
}

const trees = [
  { label: `base ${rev}`, files: await child("base", baseTree) },
  { label: "this tree", files: await child("head", root.replace(/\/$/, "")) },
];

type Result = Record<string, number>;
const runtimes: Record<string, (f: { ts: string; mjs: string }, args: string[]) => [string, string[]]> = {
  node: (f, a) => ["node", ["--expose-gc", f.mjs, ...a]],
  deno: (f, a) => [Deno.execPath(), ["run", "-A", "--v8-flags=--expose-gc", f.ts, ...a]],
  bun: (f, a) => [bun, [f.ts, ...a]],
};

async function measure(command: [string, string[]]): Promise<Result> {
  const text = await sh(command[0], command[1]);
  const line = text.trim().split("\n").map((l) => JSON.parse(l)).find((l) => l.bench === "result");
  if (line === undefined) throw new Error(`no result from ${command.join(" ")}`);
  return line;
}

const metrics: [string, string, (x: number) => string][] = [
  ["cpuPer1000", "CPU per 1,000 ticks (ms)", (x) => x.toFixed(3)],
  ["heapPerTask", "heap per worker (B)", (x) => x.toFixed(0)],
  ["p99", "interval error p99 (ms)", (x) => x.toFixed(2)],
  ["delivered", "delivered", (x) => `${(x * 100).toFixed(1)}%`],
  ["startMs", "setup (ms)", (x) => x.toFixed(0)],
];

console.log(`Compare: ${Number(flags.count).toLocaleString("en")} workers at 1 s, ${flags.seconds} s windows, median of ${rounds} rounds (trees alternating), ${
  new Date().toISOString().slice(0, 16)
}`);
for (const id of flags.runtimes.split(",")) {
  for (const phase of flags.phases.split(",")) {
    const warmup = phase === "cold" ? "0" : "2";
    const results: Result[][] = trees.map(() => []);
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const t of order) {
        results[t]!.push(await measure(runtimes[id]!(trees[t]!.files, ["ours", flags.count, flags.seconds, warmup])));
        console.error(`${id} ${phase} round ${r + 1}/${rounds}: ${trees[t]!.label} done`);
      }
    }
    // Each table as soon as it is measured: a long comparison that fails late keeps what it had.
    let out = `\n### ${id}, ${phase}\n\n| | ${trees.map((t) => t.label).join(" | ")} | this / base |\n|---|---|---|---|\n`;
    for (const [key, title, show] of metrics) {
      const [a, b] = results.map((rs) => medianOf(rs.map((x) => x[key] ?? NaN)));
      const cell = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? "n/a" : show(x));
      out += `| ${title} | ${cell(a)} | ${cell(b)} | ${cell(b! / a!) === "n/a" ? "n/a" : (b! / a!).toFixed(3)} |\n`;
    }
    console.log(out);
  }
}
