/**
 * Runs bench/scale.ts on Node, Deno and Bun, ours beside a bare setTimeout chain, each case in its
 * own process, and writes the medians into BENCHMARKS.md (between the scale markers).
 *
 *   npm run bench:scale                     # 100,000 tasks, 10 s, median of 3
 *   node_modules/.bin/deno run -A bench/run_scale.ts --count 10000 --seconds 3 --repeat 1
 *
 * Node 20 runs no TypeScript, so its case runs a bundle made by the dev-dependency Bun (`bun build
 * --target=node`): the same source, with types stripped, nothing else changed.
 */
const flag = (name: string, fallback: number): number => {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
};
const count = flag("count", 100_000);
const seconds = flag("seconds", 10);
const repeat = flag("repeat", 3);
const root = new URL("..", import.meta.url).pathname;

interface Result {
  mode: string;
  startMs: number;
  heapPerTask: number;
  p50: number;
  p99: number;
  max: number;
  cpuPer1000: number;
  delivered: number;
}

async function run(cmd: string, args: string[]): Promise<Result> {
  const out = await new Deno.Command(cmd, { args, cwd: root, stdout: "piped", stderr: "inherit" }).output();
  const text = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1) ?? "";
  return JSON.parse(text) as Result;
}

const nodeBundle = `${root}node_modules/.cache/bgw-bench/scale.mjs`;
await new Deno.Command(`${root}node_modules/.bin/bun`, {
  args: ["build", `${root}bench/scale.ts`, "--target=node", "--outfile", nodeBundle],
}).output();

const runtimes: [string, (mode: string) => [string, string[]]][] = [
  ["Node", (m) => ["node", ["--expose-gc", nodeBundle, m, String(count), String(seconds)]]],
  ["Deno", (m) => [Deno.execPath(), ["run", "-A", "--v8-flags=--expose-gc", "bench/scale.ts", m, String(count), String(seconds)]]],
  ["Bun", (m) => [`${root}node_modules/.bin/bun`, ["bench/scale.ts", m, String(count), String(seconds)]]],
];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const versions: Record<string, string> = {};
for (const [name, cmd] of [["Node", ["node", "--version"]], ["Bun", [`${root}node_modules/.bin/bun`, "--version"]]] as const) {
  versions[name] = new TextDecoder().decode((await new Deno.Command(cmd[0], { args: [cmd[1]] }).output()).stdout).trim();
}
versions.Deno = Deno.version.deno;

let table = "";
for (const [name, command] of runtimes) {
  const results: Record<string, Result[]> = { ours: [], chain: [] };
  for (let r = 0; r < repeat; r++) {
    for (const mode of ["ours", "chain"]) {
      const [cmd, args] = command(mode);
      results[mode]!.push(await run(cmd, args));
      console.error(`${name} ${mode} run ${r + 1}/${repeat} done`);
    }
  }
  const m = (mode: string, key: keyof Result): number => median(results[mode]!.map((x) => x[key] as number));
  const ok = (b: boolean): string => (b ? "yes" : "**no**");
  table += `\n### ${name} ${versions[name]}\n\n| | start (ms) | heap per task (B) | interval error p50 / p99 / max (ms) | CPU per 1,000 ticks (ms) | delivered |\n|---|---|---|---|---|---|\n`;
  for (const mode of ["ours", "chain"]) {
    table += `| ${mode === "ours" ? "@background/workers" : "bare setTimeout chain"} | ${m(mode, "startMs").toFixed(0)} | ${
      m(mode, "heapPerTask").toFixed(0)
    } | ${m(mode, "p50").toFixed(2)} / ${m(mode, "p99").toFixed(2)} / ${m(mode, "max").toFixed(2)} | ${m(mode, "cpuPer1000").toFixed(2)} | ${
      (m(mode, "delivered") * 100).toFixed(1)
    }% |\n`;
  }
  table += `\nTargets: heap ≤ 1 KB per worker: ${ok(m("ours", "heapPerTask") <= 1024)}; CPU per tick ≤ 1.2× the chain: ${
    ok(m("ours", "cpuPer1000") <= 1.2 * m("chain", "cpuPer1000"))
  } (${(m("ours", "cpuPer1000") / m("chain", "cpuPer1000")).toFixed(2)}×); p99 error ≤ the chain's + 1 ms: ${
    ok(m("ours", "p99") <= m("chain", "p99") + 1)
  }.\n`;
}

const section = `<!-- scale:start -->
## Scale: ${count.toLocaleString("en")} periodic workers at 1 s (\`bench/scale.ts\`)

\`npm run bench:scale\` (${count.toLocaleString("en")} tasks, ${seconds} s measured after a 2 s warm-up, median of ${repeat} runs, each case in its own process).
One manager holding every worker, beside a bare \`setTimeout\` chain per task in the same run. Interval error is the time between
two ticks of one task minus the period; delivered is ticks over count × seconds; heap per task is measured after the
warm-up, when every worker has run and holds its AbortController. ${new Date().toISOString().slice(0, 10)}, ${navigator.hardwareConcurrency} cores.
${table}<!-- scale:end -->`;

const path = `${root}BENCHMARKS.md`;
let doc = "";
try {
  doc = await Deno.readTextFile(path);
} catch {
  doc = "# Benchmarks\n";
}
doc = /<!-- scale:start -->[\s\S]*<!-- scale:end -->/.test(doc)
  ? doc.replace(/<!-- scale:start -->[\s\S]*<!-- scale:end -->/, section)
  : doc.trimEnd() + "\n\n" + section + "\n";
await Deno.writeTextFile(path, doc);
console.log(section);
