/**
 * `npm run soak` (on demand, not in CI): bench/soak.ts on Node, Deno and Bun, one runtime after
 * another, then the heap after a forced GC per minute into BENCHMARKS.md (the `soak` section). Exit
 * code 1 when a runtime had an error nobody asked for, an overlapping run, a stall, a worker that
 * stopped running, or a heap that grows: the least-squares line through the samples from minute 2
 * on rises by more than 5 % of their mean over that window. A trend, not the spread of single
 * samples: a sample's heap holds whatever runs are in flight at that instant, some ±5 % of noise
 * on a 10–15 MB heap, while retention shows as a rise that goes on.
 *
 *   npm run soak                                   # 8 minutes per runtime, about 25 minutes
 *   node_modules/.bin/deno run -A bench/soak_run.ts --minutes 3 --runtimes node --dry-run
 *
 * Flags: --minutes <n> (default 8), --runtimes node,deno,bun, --dry-run (print the section, write nothing),
 * --render <bench/results/soak-….json> (no runs: judge and write a saved run again).
 * @module
 */
import { replaceSection } from "./harness/document.ts";
import { bun, root, RUNTIMES } from "./harness/runtimes.ts";
import { type Line, runChild } from "./harness/spawn.ts";

const FLAT = 0.05;
const FROM_MINUTE = 2;

function arg(name: string): string | undefined {
  const i = Deno.args.indexOf(`--${name}`);
  return i < 0 ? undefined : Deno.args[i + 1];
}
const minutes = Number(arg("minutes") ?? 8);
if (!Number.isFinite(minutes) || minutes <= FROM_MINUTE) {
  throw new RangeError(`soak: --minutes must be a number > ${FROM_MINUTE} (the heap is judged from minute ${FROM_MINUTE} on), got ${arg("minutes")}`);
}
const wanted = (arg("runtimes") ?? "node,deno,bun").split(",");
const unknown = wanted.filter((id) => !RUNTIMES.some((r) => r.id === id));
if (unknown.length > 0) throw new RangeError(`soak: --runtimes: unknown ${unknown.join(", ")} (node, deno, bun)`);
const dryRun = Deno.args.includes("--dry-run");

/** Node 20 runs no TypeScript: a bundle of bench/soak.ts of its own (not the bench's shared cache). */
const nodeBundle = `${root}bench/results/soak.mjs`;
async function bundle(): Promise<void> {
  await Deno.mkdir(`${root}bench/results`, { recursive: true });
  const out = await new Deno.Command(bun, {
    args: ["build", `${root}bench/soak.ts`, "--target=node", "--packages=external", "--outfile", nodeBundle],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`bun build for Node failed:\n${new TextDecoder().decode(out.stderr)}`);
}

interface Outcome {
  readonly label: string;
  readonly version: string;
  readonly samples: Line[];
  readonly result: Line | undefined;
  readonly failure: string | undefined;
  /** Median heap (MB) of the samples of each minute, index = minute - 1. */
  readonly perMinute: number[];
  /** The rise of the trend line from minute 2 to the end, over the window's mean heap (negative: it fell). */
  readonly growth: number;
  /** (max − min) / min of the per-minute medians from minute 2 on. */
  readonly spread: number;
  readonly problems: string[];
}

const pct = (x: number): string => `${x > 0 ? "+" : ""}${(x * 100).toFixed(1)} %`;

/** The rise of the least-squares line through `points` (t, heap) across their time span, over their mean heap. */
function trend(points: readonly [number, number][]): number {
  if (points.length < 2) return NaN;
  const n = points.length;
  const mt = points.reduce((a, [t]) => a + t, 0) / n;
  const mh = points.reduce((a, [, h]) => a + h, 0) / n;
  const slope = points.reduce((a, [t, h]) => a + (t - mt) * (h - mh), 0) / points.reduce((a, [t]) => a + (t - mt) ** 2, 0);
  return (slope * ((points.at(-1) as [number, number])[0] - points[0]![0])) / mh;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2] as number : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};

function version(id: string): string {
  const [cmd, args] = id === "node"
    ? ["node", ["--version"]]
    : id === "deno"
    ? [Deno.execPath(), ["--version"]]
    : [bun, ["--version"]];
  const out = new Deno.Command(cmd as string, { args: args as string[], stdout: "piped" }).outputSync();
  return new TextDecoder().decode(out.stdout).split("\n")[0]?.replace(/^v/, "").replace(/^deno /, "").split(" ")[0] ?? "?";
}

async function soak(id: string): Promise<Outcome> {
  const runtime = RUNTIMES.find((r) => r.id === id)!;
  const args = ["--minutes", String(minutes)];
  const [cmd, argv] = id === "node"
    ? ["node", ["--expose-gc", nodeBundle, ...args]]
    : runtime.command("soak", args);
  console.error(`soak: ${runtime.label}, ${minutes} min`);
  const run = await runChild(cmd, argv, root, {
    readyWithinMs: 60_000,
    doneWithinMs: minutes * 60_000 + 120_000,
    memoryCapBytes: 4 * 1024 ** 3,
    onLine: (line) => {
      if (line.bench === "sample") {
        console.error(`  ${runtime.label} t=${line.t}s heap ${line.heapMB} MB, ${line.runs} runs, unexpected ${line.unexpected}, overlaps ${line.overlaps}, max lag ${line.maxLagMs} ms, starved ${line.starvedNow}`);
      }
    },
  });
  return judge(runtime.label, version(id), run.lines, run.failure);
}

/** Judges one runtime's lines (from a run, or a saved run with --render). */
function judge(label: string, version: string, lines: readonly Line[], failure: string | undefined): Outcome {
  const samples = lines.filter((l) => l.bench === "sample");
  const result = lines.find((l) => l.bench === "result");
  const perMinute: number[] = [];
  for (let m = 1; m <= Math.ceil(minutes); m++) {
    perMinute.push(median(samples.filter((s) => (s.t as number) > (m - 1) * 60 && (s.t as number) <= m * 60).map((s) => s.heapMB as number)));
  }
  const judged = perMinute.slice(FROM_MINUTE - 1).filter((x) => !Number.isNaN(x));
  const spread = judged.length === 0 ? NaN : Math.max(...judged) / Math.min(...judged) - 1;
  const growth = trend(samples.filter((s) => (s.t as number) > (FROM_MINUTE - 1) * 60).map((s) => [s.t as number, s.heapMB as number]));
  const problems: string[] = [];
  if (failure !== undefined) problems.push(failure);
  if (result !== undefined) {
    if ((result.unexpected as number) > 0) problems.push(`${result.unexpected} unexpected errors: ${JSON.stringify(result.firstErrors)}`);
    if ((result.overlaps as number) > 0) problems.push(`${result.overlaps} overlapping runs`);
    if ((result.stalls as number) > 0) problems.push(`${result.stalls} stalls (loop lag > 2 s; max ${result.maxLagMs} ms)`);
    if ((result.starved as number) > 0) problems.push(`up to ${result.starved} workers at once went without a run for far longer than their spacing`);
  }
  if (!(growth <= FLAT)) problems.push(`heap grows from minute ${FROM_MINUTE}: ${pct(growth)} along its trend (per-minute medians ${judged.map((x) => x.toFixed(1)).join(", ")} MB)`);
  return { label, version, samples, result, failure, perMinute, growth, spread, problems };
}

function section(outcomes: readonly Outcome[]): string {
  const head = `| minute | ${outcomes.map((o) => `${o.label} ${o.version}`).join(" | ")} |`;
  const rule = `| ---: | ${outcomes.map(() => "---:").join(" | ")} |`;
  const rows = Array.from({ length: Math.ceil(minutes) }, (_, i) =>
    `| ${i + 1} | ${outcomes.map((o) => (Number.isNaN(o.perMinute[i]) ? "–" : `${(o.perMinute[i] as number).toFixed(1)} MB`)).join(" | ")} |`);
  const cell = (o: Outcome, f: (r: Line) => string): string => (o.result === undefined ? "–" : f(o.result));
  const facts: [string, (o: Outcome) => string][] = [
    [`heap trend from minute ${FROM_MINUTE} to the end (limit +5 %)`, (o) => pct(o.growth)],
    ["spread of the minute medians, minute 2 on", (o) => `${(o.spread * 100).toFixed(1)} %`],
    ["runs", (o) => cell(o, (r) => (r.runs as number).toLocaleString("en-US"))],
    ["thrown / timed out / aborted by remove", (o) => cell(o, (r) => `${r.thrown} / ${r.timedOut} / ${r.aborted}`)],
    ["adds / removes / period changes", (o) => cell(o, (r) => `${r.added} / ${r.removed} / ${r.periodChanges}`)],
    ["unexpected errors, overlaps, stalls > 2 s", (o) => cell(o, (r) => `${r.unexpected}, ${r.overlaps}, ${r.stalls}`)],
    ["max loop lag", (o) => cell(o, (r) => `${r.maxLagMs} ms`)],
    ["starved workers (most at once)", (o) => cell(o, (r) => String(r.starved))],
    ["stop() at the end", (o) => cell(o, (r) => `${r.stopMs} ms`)],
    ["verdict", (o) => (o.problems.length === 0 ? "no growth, clean" : o.problems.join("; "))],
  ];
  return [
    `## Soak: ${minutes} minutes per runtime (\`npm run soak\`, bench/soak.ts)`,
    "",
    "2,000 workers at 10–500 ms in one manager (45 % fixed delay, 45 % fixed rate, 10 % cron on seconds-granular",
    "patterns), 30 % with jitter, 20 % with a timeout that some runs outlive, 5 % of runs throwing; 20 adds and",
    "20 removes every 100 ms, 50 period changes every 5 s. Heap used after a forced GC, sampled every 10 s: the",
    "median of each minute. The runtimes ran one after another on the 2-core machine, shared with other work (hence",
    "the loop lag). Judged: the trend line through the samples from minute 2 on may rise by at most 5 % of their mean.",
    "",
    head,
    rule,
    ...rows,
    "",
    `| | ${outcomes.map((o) => o.label).join(" | ")} |`,
    `| --- | ${outcomes.map(() => "---").join(" | ")} |`,
    ...facts.map(([name, f]) => `| ${name} | ${outcomes.map(f).join(" | ")} |`),
  ].join("\n");
}

const render = arg("render");
const outcomes: Outcome[] = [];
if (render !== undefined) {
  const saved = JSON.parse(await Deno.readTextFile(render)) as Outcome[];
  for (const o of saved) outcomes.push(judge(o.label, o.version, [...o.samples, ...(o.result === undefined ? [] : [o.result])], o.failure));
} else {
  if (wanted.includes("node")) await bundle();
  for (const id of wanted) outcomes.push(await soak(id));
  await Deno.writeTextFile(`${root}bench/results/soak-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, JSON.stringify(outcomes, null, 1));
}
const body = section(outcomes);
if (dryRun) console.log(body);
else {
  const path = `${root}BENCHMARKS.md`;
  await Deno.writeTextFile(path, replaceSection(await Deno.readTextFile(path), "soak", body));
  console.error("soak: wrote the soak section of BENCHMARKS.md");
}
const failed = outcomes.filter((o) => o.problems.length > 0);
for (const o of failed) console.error(`soak: ${o.label}: ${o.problems.join("; ")}`);
Deno.exit(failed.length === 0 ? 0 : 1);
