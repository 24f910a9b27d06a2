/**
 * Our scheduler beside its peers, on Node, Deno and Bun: each workload of bench/peers/ runs in its
 * own process, one process at a time, and the medians go into BENCHMARKS.md (between marked
 * sections) with SVG charts in bench/charts/.
 *
 *   npm run bench                  # everything, about 13 minutes on 2 cores (--runs 3: about 40)
 *   npm run bench:cron             # only ours (periodic and cron mode), croner and cron at 10,000 tasks
 *   node_modules/.bin/deno run -A bench/run.ts --only 100ms,1ms --runtimes node,deno --seconds 2 --runs 1
 *
 * Flags:
 *   --only <list>       workloads, comma-separated: 100ms 10k 100k 1ms shutdown cold cron
 *                       (default: all but cron, whose section is then made from the 10k runs)
 *   --runtimes <list>   node,deno,bun (default: all three)
 *   --seconds <n>       measured window of the tick workloads (default 10; the 1 ms one uses at most 0.5)
 *   --runs <n>          median of n runs everywhere (default: 1 for the 10 s workloads, 3 for the short ones)
 *   --scale <x>         multiplies the task counts, for quick runs (default 1)
 *   --setup-limit <s>   a scheduler that has not set up its tasks by then is reported as too slow (default 10)
 *   --memory-cap <GiB>  a process whose resident memory passes this is reported out of memory (default 4)
 *   --dry-run           print the sections, write nothing
 *   --estimate          print how long these settings take, run nothing
 *   --render <file>     no runs: rewrite the sections and charts from a results file an earlier run saved
 *
 * Node 20 runs no TypeScript, so its processes run bundles made by the dev-dependency Bun (`bun build
 * --target=node --packages=external`): our source with types stripped, the peers as installed.
 */
import { parseArgs } from "node:util";
import { measure as bundleSize } from "../scripts/size.ts";
import { type Chart, type ChartRow, svg } from "./harness/charts.ts";
import { type Cell, fixed, ms, percent, replaceSection, type Summary, summarize, table, whole } from "./harness/report.ts";
import { type ChildRun, type Line, runChild } from "./harness/spawn.ts";

const { values: flags } = parseArgs({
  args: Deno.args,
  options: {
    only: { type: "string" },
    runtimes: { type: "string", default: "node,deno,bun" },
    seconds: { type: "string", default: "10" },
    runs: { type: "string" },
    scale: { type: "string", default: "1" },
    "setup-limit": { type: "string", default: "10" },
    "memory-cap": { type: "string", default: "4" },
    "dry-run": { type: "boolean", default: false },
    estimate: { type: "boolean", default: false },
    render: { type: "string" },
  },
});

const root = new URL("..", import.meta.url).pathname;
const cache = `${root}node_modules/.cache/bgw-bench`;
const bun = `${root}node_modules/.bin/bun`;
const seconds = Number(flags.seconds);
const scale = Number(flags.scale);
const fixedRuns = flags.runs === undefined ? undefined : Number(flags.runs);
const setupLimitMs = Number(flags["setup-limit"]) * 1_000;
const memoryCapBytes = Number(flags["memory-cap"]) * 1024 ** 3;

/** A scheduler: its workload file in bench/peers/ and the name the tables give it. */
interface Scheduler {
  readonly file: string;
  readonly label: string;
  /** On chart axes, where the package name would be cut. */
  readonly short?: string;
}
const OURS: Scheduler = { file: "ours", label: "@background/workers", short: "ours" };
const OURS_CRON: Scheduler = { file: "ours_cron", label: "@background/workers (cron)", short: "ours (cron)" };
const TOAD: Scheduler = { file: "toad", label: "toad-scheduler" };
const INTERVAL: Scheduler = { file: "set_interval", label: "setInterval" };
const CHAIN: Scheduler = { file: "set_timeout", label: "setTimeout chain" };
const CRONER: Scheduler = { file: "croner", label: "croner" };
const CRON: Scheduler = { file: "cron", label: "cron" };
const NODE_CRON: Scheduler = { file: "node_cron", label: "node-cron" };
const NODE_SCHEDULE: Scheduler = { file: "node_schedule", label: "node-schedule" };
const MILLISECOND = [OURS, TOAD, INTERVAL, CHAIN];
const EVERY_SECOND = [OURS, OURS_CRON, TOAD, INTERVAL, CHAIN, CRONER, CRON, NODE_CRON, NODE_SCHEDULE];

/** A workload of timed ticks: `count` tasks every `period` ms. */
interface TickWorkload {
  readonly id: string;
  readonly count: number;
  readonly period: number;
  readonly seconds: number;
  readonly schedulers: readonly Scheduler[];
  readonly runs: number;
  readonly chart: string;
}
const longRuns = fixedRuns ?? 1;
const shortRuns = fixedRuns ?? 3;
const scaled = (n: number): number => Math.max(1, Math.round(n * scale));
const TICK_WORKLOADS: Record<string, TickWorkload> = {
  "100ms": tick("100ms", scaled(10_000), 100, MILLISECOND, "interval_100ms"),
  "10k": tick("10k", scaled(10_000), 1_000, EVERY_SECOND, "second_10k"),
  "100k": tick("100k", scaled(100_000), 1_000, EVERY_SECOND, "second_100k"),
  "1ms": {
    id: "1ms",
    count: 1,
    period: 1,
    seconds: Math.min(0.5, seconds),
    schedulers: [OURS, INTERVAL, CHAIN, TOAD],
    runs: shortRuns,
    chart: "tick_1ms",
  },
  cron: tick("cron", scaled(10_000), 1_000, [OURS, OURS_CRON, CRONER, CRON], "cron"),
};
function tick(id: string, count: number, period: number, schedulers: Scheduler[], chart: string): TickWorkload {
  return { id, count, period, seconds, schedulers, runs: longRuns, chart };
}
const SHUTDOWN_WORKERS = scaled(1_000);
const ALL = ["cold", "shutdown", "1ms", "100ms", "10k", "100k"];
const only = flags.only === undefined ? ALL : flags.only.split(",").map((s) => s.trim());
for (const id of only) {
  if (![...ALL, "cron"].includes(id)) throw new Error(`--only: unknown workload "${id}" (known: ${[...ALL, "cron"].join(" ")})`);
}

/** How a runtime runs a file of bench/peers/. */
interface Runtime {
  readonly id: string;
  readonly label: string;
  readonly command: (file: string, args: string[]) => [string, string[]];
}
const RUNTIMES: Runtime[] = [
  { id: "node", label: "Node", command: (f, a) => ["node", ["--expose-gc", `${cache}/${f}.mjs`, ...a]] },
  { id: "deno", label: "Deno", command: (f, a) => [Deno.execPath(), ["run", "-A", "--v8-flags=--expose-gc", `bench/peers/${f}.ts`, ...a]] },
  { id: "bun", label: "Bun", command: (f, a) => [bun, [`bench/peers/${f}.ts`, ...a]] },
];
const runtimes = flags.runtimes.split(",").map((id) => {
  const r = RUNTIMES.find((x) => x.id === id.trim());
  if (r === undefined) throw new Error(`--runtimes: unknown runtime "${id}" (known: node deno bun)`);
  return r;
});

/** What a run saves, so that `--render` can rewrite the document without running again. */
interface Saved {
  readonly date: string;
  readonly elapsedMs: number;
  readonly machine: string;
  readonly versions: Record<string, string>;
  readonly checkout: string;
  readonly settings: { seconds: number; scale: number; setupLimitMs: number; memoryCapBytes: number; only: string[] };
  readonly runs: Record<string, number>;
  readonly bundle: { minified: number; gzip: number; bun: string; croner?: { version: string; gzip: number } } | undefined;
  readonly cells: Cell[];
}

if (flags.estimate) {
  console.log(`${only.join(", ")} on ${runtimes.map((r) => r.label).join(", ")}: about ${minutes(estimateMs())}`);
  Deno.exit(0);
}
const saved = flags.render === undefined ? await runAll() : JSON.parse(await Deno.readTextFile(flags.render)) as Saved;
await write(saved);

async function runAll(): Promise<Saved> {
  const began = performance.now();
  const estimate = estimateMs();
  console.error(`bench: ${only.join(", ")} on ${runtimes.map((r) => r.label).join(", ")}; about ${minutes(estimate)}`);
  if (runtimes.some((r) => r.id === "node")) await bundleForNode();
  const cells = new Map<string, Cell>();
  const cell = (workload: string, scheduler: string, runtime: string): Cell => {
    const key = `${workload}/${scheduler}/${runtime}`;
    if (!cells.has(key)) cells.set(key, { workload, scheduler, runtime, results: [], failures: [] });
    return cells.get(key)!;
  };
  const progress = (what: string, failure: string | undefined, wallMs: number): void => {
    const at = minutes(performance.now() - began);
    console.error(`[${at}] ${what}: ${failure ?? "ok"} (${(wallMs / 1_000).toFixed(1)} s)`);
  };
  const limits = (doneWithinMs: number, onLine?: (line: Line, signal: (s: Deno.Signal) => void) => void) => ({
    readyWithinMs: setupLimitMs,
    doneWithinMs,
    memoryCapBytes,
    ...(onLine === undefined ? {} : { onLine }),
  });
  const record = (c: Cell, run: ChildRun, extra: Record<string, unknown> = {}): void => {
    const result = run.lines.find((l) => l.bench === "result");
    if (run.failure !== undefined || result === undefined) c.failures.push(run.failure ?? "no result");
    else c.results.push({ ...result, ...extra, peakRssBytes: run.peakRssBytes });
  };

  let bundle: Saved["bundle"];
  const runs: Record<string, number> = {};
  for (const id of only) {
    if (id === "cold") {
      runs[id] = shortRuns;
      bundle = bundleSize();
      const modules = [["ours", "mod"], ["croner", "croner"]] as const;
      for (const runtime of runtimes) {
        for (const [scheduler, module] of modules) {
          const url = module === "croner" ? "croner" : runtime.id === "node" ? `file://${cache}/mod.mjs` : `file://${root}mod.ts`;
          const [cmd, args] = runtime.command("cold_start", [url]);
          // One run first, unmeasured: Deno transpiles on first import and caches it, and the disk cache warms up.
          await runChild(cmd, args, root, limits(30_000));
          for (let r = 0; r < shortRuns; r++) {
            const run = await runChild(cmd, args, root, limits(30_000));
            record(cell(id, scheduler, runtime.label), run);
            progress(`cold ${runtime.label} ${scheduler} ${r + 1}/${shortRuns}`, run.failure, run.wallMs);
          }
        }
      }
    } else if (id === "shutdown") {
      runs[id] = shortRuns;
      for (let r = 0; r < shortRuns; r++) {
        for (const runtime of runtimes) {
          for (const [scheduler, file, args] of [["ours", "shutdown", [String(SHUTDOWN_WORKERS)]], ["bare", "bare_exit", []]] as const) {
            const [cmd, argv] = runtime.command(file, [...args]);
            let signalledAt = NaN;
            const run = await runChild(
              cmd,
              argv,
              root,
              limits(30_000, (line, signal) => {
                if (line.bench !== "ready") return;
                signalledAt = performance.now();
                signal("SIGTERM");
              }),
            );
            record(cell(id, scheduler, runtime.label), run, { exitMs: run.exitedAt - signalledAt });
            progress(`shutdown ${runtime.label} ${scheduler} ${r + 1}/${shortRuns}`, run.failure, run.wallMs);
          }
        }
      }
    } else {
      const w = TICK_WORKLOADS[id]!;
      runs[id] = w.runs;
      for (let r = 0; r < w.runs; r++) {
        for (const runtime of runtimes) {
          for (const s of w.schedulers) {
            const [cmd, args] = runtime.command(s.file, [String(w.count), String(w.period), String(w.seconds)]);
            // A window that ends more than 8 s late means a blocked event loop; waiting longer only costs the budget.
            const run = await runChild(cmd, args, root, limits(w.seconds * 1_000 + 8_000));
            record(cell(id, s.label, runtime.label), run);
            progress(`${id} ${runtime.label} ${s.label} ${r + 1}/${w.runs}`, run.failure, run.wallMs);
          }
        }
      }
    }
  }
  const result: Saved = {
    date: new Date().toISOString().slice(0, 10),
    elapsedMs: performance.now() - began,
    machine: await machine(),
    versions: await versions(),
    checkout: await checkout(),
    settings: { seconds, scale, setupLimitMs, memoryCapBytes, only },
    runs,
    bundle,
    cells: [...cells.values()],
  };
  await Deno.mkdir(cache, { recursive: true });
  await Deno.writeTextFile(`${cache}/results.json`, JSON.stringify(result, null, 1));
  console.error(`bench: done in ${minutes(result.elapsedMs)} (estimate was ${minutes(estimate)}); results in ${cache}/results.json`);
  return result;
}

/**
 * Rough wall time: the window plus start, setup, the first tick of every task and GC of each
 * process; at 100,000 tasks the four cron peers need about the setup limit or longer on this kind
 * of machine (16 to 23 s measured on Node).
 */
function estimateMs(): number {
  const slow = new Set([CRONER, CRON, NODE_CRON, NODE_SCHEDULE]);
  let total = 0;
  for (const id of only) {
    const w = TICK_WORKLOADS[id];
    if (id === "shutdown") total += shortRuns * 2 * runtimes.length * 600;
    else if (id === "cold") total += (shortRuns + 1) * 2 * runtimes.length * 300;
    else if (w !== undefined && w.count >= 50_000) {
      for (const s of w.schedulers) total += w.runs * runtimes.length * (slow.has(s) ? setupLimitMs + 500 : w.seconds * 1_000 + 2_700);
    } else if (w !== undefined) total += w.runs * w.schedulers.length * runtimes.length * (w.seconds * 1_000 + 400 + w.period);
  }
  return total;
}

async function bundleForNode(): Promise<void> {
  const entries = [...new Set(Object.values(TICK_WORKLOADS).flatMap((w) => w.schedulers.map((s) => s.file)))]
    .concat(["shutdown", "bare_exit", "cold_start"])
    .map((f) => `${root}bench/peers/${f}.ts`);
  const out = await new Deno.Command(bun, {
    args: ["build", ...entries, `${root}mod.ts`, "--target=node", "--packages=external", "--outdir", cache, "--entry-naming", "[name].mjs"],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`bun build for Node failed:\n${new TextDecoder().decode(out.stderr)}`);
}

async function write(s: Saved): Promise<void> {
  const sections: [string, string][] = [];
  const summaries = new Map(s.cells.map((c) => [`${c.workload}/${c.scheduler}/${c.runtime}`, summarize(c)]));
  const get: Lookup = (w, scheduler, runtime) => summaries.get(`${w}/${scheduler}/${runtime}`);
  const ran = (w: string): boolean => s.cells.some((c) => c.workload === w);
  const rts = RUNTIMES.map((r) => r.label).filter((label) => s.cells.some((c) => c.runtime === label));
  const charts: [string, Chart][] = [];

  sections.push(["peers-head", `${head(s)}\n\n${verdict(s, rts, get)}`]);
  for (const id of ["100ms", "10k", "100k", "1ms"]) {
    if (!ran(id)) continue;
    const w = TICK_WORKLOADS[id]!;
    const { body, chart } = tickSection(s, w, rts, get);
    sections.push([`peers-${id}`, body]);
    charts.push([w.chart, chart]);
  }
  if (ran("shutdown")) {
    const { body, chart } = shutdownSection(s, rts, get);
    sections.push(["peers-shutdown", body]);
    charts.push(["shutdown", chart]);
  }
  if (ran("cold")) {
    const { body, chart } = coldSection(s, rts, get);
    sections.push(["peers-cold", body]);
    charts.push(["cold_start", chart]);
  }
  const cronFrom = ran("cron") ? "cron" : ran("10k") ? "10k" : undefined;
  if (cronFrom !== undefined) {
    const { body, chart } = cronSection(s, cronFrom, rts, get);
    sections.push(["cron", body]);
    charts.push(["cron", chart]);
  }
  // Only --only cron leaves the comparison of all schedulers alone.
  const onlyCron = s.settings.only.length === 1 && s.settings.only[0] === "cron";

  if (onlyCron) sections.splice(sections.findIndex(([name]) => name === "peers-head"), 1);
  if (flags["dry-run"]) {
    for (const [name, body] of sections) console.log(`<!-- ${name} -->\n${body}\n`);
    return;
  }
  const path = `${root}BENCHMARKS.md`;
  let doc = await Deno.readTextFile(path).catch(() => "# Benchmarks\n");
  if (!onlyCron && !doc.includes("<!-- peers:start -->")) doc = replaceSection(doc, "peers", skeleton());
  for (const [name, body] of sections) doc = replaceSection(doc, name, body);
  await Deno.writeTextFile(path, doc);
  await Deno.mkdir(`${root}bench/charts`, { recursive: true });
  for (const [name, chart] of charts) await Deno.writeTextFile(`${root}bench/charts/${name}.svg`, await svg(chart));
  console.error(`bench: wrote BENCHMARKS.md (${sections.map(([n]) => n).join(", ")}) and ${charts.length} chart(s) in bench/charts/`);
}

/** The empty frame of the comparison, in the order the workloads are read. */
function skeleton(): string {
  const part = (name: string, title: string): string =>
    `<!-- ${name}:start -->\n### ${title}\n\nNot run yet (\`--only ${name.replace("peers-", "")}\`).\n<!-- ${name}:end -->`;
  return [
    "## Schedulers compared (`bench/run.ts`)",
    "",
    "<!-- peers-head:start -->\n<!-- peers-head:end -->",
    "",
    part("peers-100ms", "1. 10,000 tasks every 100 ms"),
    "",
    part("peers-10k", "2a. 10,000 tasks every second"),
    "",
    part("peers-100k", "2b. 100,000 tasks every second"),
    "",
    part("peers-1ms", "3. One task every millisecond"),
    "",
    part("peers-shutdown", "4. Shutdown under load"),
    "",
    part("peers-cold", "5. Cold start and bundle size"),
  ].join("\n");
}

function head(s: Saved): string {
  const v = s.versions;
  const command = (s.runs["10k"] ?? 1) === 1 ? "npm run bench" : `npm run bench -- --runs ${s.runs["10k"]}`;
  return `\`${command}\` (\`deno run -A bench/run.ts\`; one run of each 10 s workload by default, about 13 min), last run ${s.date}, ${minutes(s.elapsedMs)} for ${s.settings.only.join(", ")}.
Machine: ${s.machine}. Runtimes: Node ${v.node}, Deno ${v.deno}, Bun ${v.bun}. Packages: @background/workers ${v.ours} (${s.checkout}),
toad-scheduler ${v["toad-scheduler"]}, croner ${v.croner}, cron ${v.cron} (luxon ${v.luxon}), node-cron ${v["node-cron"]}, node-schedule ${v["node-schedule"]}.

Every scheduler runs in its own process, one process at a time, on each runtime; each task's callback only records the time
(\`bench/peers/measure.ts\`, the same for every scheduler, allocation-free). Peers with no millisecond interval (croner, cron,
node-cron, node-schedule, and ours in cron mode) run the cron pattern \`* * * * * *\`, so they appear only in the 1 s workloads.
A process that passes ${s.settings.memoryCapBytes / 1024 ** 3} GiB resident is stopped and shown as *out of memory* (as is one that crashes on its heap limit);
one that has not created its tasks and seen each tick once ${s.settings.setupLimitMs / 1_000} s after its start is stopped and shown as
*setup too slow*, with its resident memory then; one whose window has not ended 8 s after it should have is stopped and shown as *stalled* (its event loop is blocked).

What the columns mean:
- **delivered**: for each task, its ticks after its first tick in the window, over the ticks due in the same span: the
  whole periods from its first tick to its last, rounded to the nearest whole number (so a tick a little early or late
  changes nothing), or to one period before the window's end if its last tick came earlier (a task that stalled is due
  the ticks it missed; one that never ticked is due (window − period) / period). Summed over all tasks. Below 100 %:
  ticks lost, or periods stretched by enough to lose whole ones (a fixed-delay schedule drifts by the time each tick
  takes: 0.7 ms a tick at 100 ms is 1 % after 100 ticks). A tick less than half a period after the task's previous
  one fills no new slot: it is not counted, but shown as *doubled*.
- **interval error**: |interval − period|, the interval being the time between two consecutive ticks of one task, both in
  the window, over every such pair; p50 / p99 / max, in ms (histogram resolution 1 µs below 1 ms, 0.2 % above).
- **CPU per 1,000 ticks**: user + system CPU time of the whole process during the window (\`process.cpuUsage()\`), per 1,000 ticks
  in the window: the scheduler's work, its garbage collection, and the same few typed-array writes per tick for everyone.
- **heap per task**: \`heapUsed\` after a forced full GC once every task has ticked once, minus the same before the setup,
  over the task count: what a running task keeps, including the one closure per task that calls the recorder.
- **setup**: wall time to create and start every task.
- **window**: ${s.settings.seconds} s for the 1 s and 100 ms workloads. It opens once every task has ticked once (or two
  periods after the setup, for a scheduler that lags), right after that GC: first runs pay one-time costs (lazy state,
  cold code, their garbage) that the steady state measured here does not.`;
}

/** The delivered share, with the doubled ticks when a scheduler fired some slots twice. */
function delivered(m: Readonly<Record<string, number>>): string {
  return m.doubled! > 0 ? `${percent(m.delivered)} (+${whole(m.doubled)} doubled)` : percent(m.delivered);
}

function runsLine(s: Saved, id: string): string {
  const n = s.runs[id] ?? 1;
  return n === 1 ? "one run" : `the median of ${n} runs (each metric on its own)`;
}

/** A workload's summary for one scheduler on one runtime, if it ran. */
type Lookup = (workload: string, scheduler: string, runtime: string) => Summary | undefined;

function failureNotes(cells: readonly Summary[]): string {
  const notes = cells.flatMap((c) => (c.ok && c.failedRuns.length > 0 ? [c.failedRuns] : []));
  return notes.length === 0 ? "" : `\n\nSome runs failed and are left out of the medians: ${notes.flat().join("; ")}.`;
}

function tickSection(
  s: Saved,
  w: TickWorkload,
  rts: readonly string[],
  get: Lookup,
): { body: string; chart: Chart } {
  const rows: string[][] = [];
  const chartRows: ChartRow[] = [];
  const all: Summary[] = [];
  const first = s.cells.find((c) => c.workload === w.id && c.results.length > 0)?.results[0] as
    | { count: number; seconds: number; period: number }
    | undefined;
  const count = first?.count ?? w.count;
  const window = first?.seconds ?? w.seconds;
  const isTick = w.id === "1ms";
  for (const rt of rts) {
    let firstRow = true;
    for (const sch of w.schedulers) {
      const sum = get(w.id, sch.label, rt);
      if (sum === undefined) continue;
      all.push(sum);
      const lead = [firstRow ? `**${rt}**` : "", sch.label];
      firstRow = false;
      if (!sum.ok) {
        rows.push([...lead, `**${sum.failure}**`, ...Array(isTick ? 2 : 4).fill("–")]);
        chartRows.push({ scheduler: sch.short ?? sch.label, runtime: rt, failure: sum.failure });
        continue;
      }
      const m = sum.median;
      rows.push(
        isTick
          ? [...lead, whole(m.ticksPerSecond), `${ms(m.p50)} / ${ms(m.p99)} / ${ms(m.max)}`, ms(m.cpuPer1000)]
          : [...lead, delivered(m), `${ms(m.p50)} / ${ms(m.p99)} / ${ms(m.max)}`, ms(m.cpuPer1000), whole(m.heapPerTask), whole(m.setupMs)],
      );
      chartRows.push({ scheduler: sch.short ?? sch.label, runtime: rt, ...m });
    }
  }
  const head = isTick
    ? ["runtime", "scheduler", "ticks per second (due: 1,000)", "interval error p50 / p99 / max (ms)", "CPU per 1,000 ticks (ms)"]
    : ["runtime", "scheduler", "delivered", "interval error p50 / p99 / max (ms)", "CPU per 1,000 ticks (ms)", "heap per task (B)", "setup (ms)"];
  const number = { "100ms": "1", "10k": "2a", "100k": "2b", "1ms": "3" }[w.id];
  const title = isTick ? `${number}. One task every millisecond` : `${number}. ${count.toLocaleString("en-US")} tasks every ${w.period === 1_000 ? "second" : `${w.period} ms`}`;
  const chart: Chart = isTick
    ? {
      title: "One task every millisecond: ticks per second",
      subtitle: "due: 1,000 per second",
      rows: chartRows,
      panels: [{ field: "ticksPerSecond", title: "ticks per second" }, { field: "cpuPer1000", title: "CPU per 1,000 ticks (ms)" }],
      schedulers: w.schedulers.map((x) => x.short ?? x.label),
      runtimes: rts,
    }
    : {
      title: `${count.toLocaleString("en-US")} tasks every ${w.period === 1_000 ? "second" : `${w.period} ms`}, ${window} s`,
      subtitle: "ours = @background/workers; log scales, lower is better, except delivered",
      rows: chartRows,
      panels: [
        { field: "p99", title: "p99 interval error (ms)", log: true },
        { field: "cpuPer1000", title: "CPU per 1,000 ticks (ms)", log: true },
        { field: "heapPerTask", title: "heap per task (B)", log: true },
        { field: "delivered", title: "delivered", format: ".0%" },
      ],
      schedulers: w.schedulers.map((x) => x.short ?? x.label),
      runtimes: rts,
      columns: 2,
    };
  const what = isTick
    ? `One task, period 1 ms, ${window} s window: how many ticks each runtime's timers really give.`
    : `${count.toLocaleString("en-US")} tasks, period ${w.period} ms, ${window} s window.`;
  let body = `### ${title}\n\n${what} Each figure is ${runsLine(s, w.id)}; ${s.date}.\n\n` +
    `![${title}](bench/charts/${w.chart}.svg)\n\n${table(head, rows)}${failureNotes(all)}`;
  if (w.id === "100k") body += targets(w.id, rts, get);
  return { body, chart };
}

/**
 * Where ours leads and where it does not, worked out from the figures below so that it cannot go
 * stale: per workload and runtime, every peer that beats ours on a metric, by more than the noise
 * of a shared 2-core machine (5 %, or 0.1 point of delivered ticks). A peer that failed beats nothing.
 */
function verdict(s: Saved, rts: readonly string[], get: Lookup): string {
  const metrics = [
    { key: "delivered", name: "delivered ticks", higher: true, show: (v: number) => percent(v) },
    { key: "p99", name: "p99 interval error", higher: false, show: (v: number) => `${ms(v)} ms` },
    { key: "cpuPer1000", name: "CPU per tick", higher: false, show: (v: number) => `${ms(v)} ms/1,000` },
    { key: "heapPerTask", name: "heap per task", higher: false, show: (v: number) => `${whole(v)} B` },
  ] as const;
  const beats = (peer: number, ours: number, higher: boolean): boolean =>
    higher ? peer > ours + 0.001 : peer < ours / 1.05;
  const lines: string[] = [];
  const behindOn = new Set<string>();
  for (const id of ["100ms", "10k", "100k"]) {
    const w = TICK_WORKLOADS[id]!;
    for (const rt of rts) {
      const ours = get(id, OURS.label, rt);
      if (ours === undefined) continue;
      const title = `${w.count.toLocaleString("en-US")} tasks every ${w.period === 1_000 ? "second" : `${w.period} ms`}, ${rt}`;
      if (!ours.ok) {
        lines.push(`- ${title}: **ours failed** (${ours.failure}).`);
        continue;
      }
      const behind: string[] = [];
      for (const m of metrics) {
        const o = ours.median[m.key]!;
        const better = w.schedulers
          .filter((x) => x !== OURS && x !== OURS_CRON)
          .flatMap((x) => {
            const sum = get(id, x.label, rt);
            return sum?.ok && sum.median[m.key] !== undefined && beats(sum.median[m.key]!, o, m.higher)
              ? [`${x.label} ${m.show(sum.median[m.key]!)}`]
              : [];
          });
        if (better.length > 0) {
          behind.push(`${m.name} (ours ${m.show(o)}; ${better.join(", ")})`);
          behindOn.add(m.key);
        }
      }
      lines.push(`- ${title}: ${behind.length === 0 ? "ours leads on every figure." : `**behind on** ${behind.join("; ")}; ahead or level on the rest.`}`);
    }
  }
  const why: string[] = [];
  if (behindOn.has("heapPerTask")) {
    why.push(
      "Heap: a worker of ours is an object with its state, counters for `status()`, a queue entry and, from its first run, the " +
        "AbortController behind `context.signal` (about 800 B on Node, less on Deno and Bun); a bare `setInterval` or " +
        "`setTimeout` task is one runtime timer and a closure, and toad-scheduler keeps no signal. Making the controller on the " +
        "signal's first read would save it for work that never reads it, but cost 0.6–0.8 µs a run (measured), so we do not.",
    );
  }
  if (behindOn.has("cpuPer1000")) {
    why.push(
      "CPU: the runtimes' own timers keep same-duration timers in native lists; ours does its bookkeeping per run in JavaScript " +
        "(state, a context object, the next due time) and re-arms one `setTimeout` per batch of due workers.",
    );
  }
  if (behindOn.has("p99") || behindOn.has("delivered")) {
    why.push(
      "Interval error and delivery: differences of a millisecond or two at p99 are within the run-to-run noise of this machine " +
        `(each figure of the 10 s workloads is ${runsLine(s, "10k")}). At 100 ms ours delivers about 99 %: its default mode is ` +
        "fixed delay (the next run is due a period after the last one ended), so each tick drifts by its own length and the " +
        "timer's rounding; `mode: \"fixed-rate\"` keeps to the grid.",
    );
  }
  return `**Where ours leads, and where it does not** (worked out from the tables below at each run; a peer counts as ahead ` +
    `when it is better by more than 5 %, or by 0.1 point of delivered ticks):\n\n${lines.join("\n")}` +
    (why.length === 0 ? "" : `\n\nWhy:\n${why.map((x) => `- ${x}`).join("\n")}`);
}

/** The scale targets of the README: ours beside the bare setTimeout chain in the same workload. */
function targets(id: string, rts: readonly string[], get: Lookup): string {
  const lines: string[] = [];
  for (const rt of rts) {
    const ours = get(id, OURS.label, rt);
    const chain = get(id, CHAIN.label, rt);
    if (!ours?.ok || !chain?.ok) continue;
    const o = ours.median;
    const c = chain.median;
    const yes = (b: boolean): string => (b ? "yes" : "**no**");
    lines.push(
      `- ${rt}: heap ≤ 1 KB per worker: ${yes(o.heapPerTask! <= 1024)} (${whole(o.heapPerTask)} B); CPU per tick ≤ 1.2× the chain: ${
        yes(o.cpuPer1000! <= 1.2 * c.cpuPer1000!)
      } (${fixed(o.cpuPer1000! / c.cpuPer1000!, 2)}×); p99 error ≤ the chain's + 1 ms: ${yes(o.p99! <= c.p99! + 1)}.`,
    );
  }
  return lines.length === 0 ? "" : `\n\nTargets (ours beside the setTimeout chain):\n${lines.join("\n")}`;
}

function shutdownSection(s: Saved, rts: readonly string[], get: Lookup): { body: string; chart: Chart } {
  const rows: string[][] = [];
  const chartRows: ChartRow[] = [];
  const all: Summary[] = [];
  const show = (sum: Summary | undefined): string => (sum === undefined ? "–" : sum.ok ? ms(sum.median.exitMs) : `**${sum.failure}**`);
  const counted = s.cells.find((c) => c.workload === "shutdown" && c.scheduler === "ours" && c.results.length > 0)?.results[0]?.count;
  const workers = (typeof counted === "number" ? counted : SHUTDOWN_WORKERS).toLocaleString("en-US");
  for (const rt of rts) {
    const ours = get("shutdown", "ours", rt);
    const bare = get("shutdown", "bare", rt);
    for (const [label, sum] of [["ours, workers in a run", ours], ["bare process", bare]] as const) {
      if (sum === undefined) continue;
      all.push(sum);
      chartRows.push(sum.ok ? { scheduler: label, runtime: rt, exitMs: sum.median.exitMs } : { scheduler: label, runtime: rt, failure: sum.failure });
    }
    const cut = ours?.ok ? `${whole(ours.median.aborted)} of ${whole(ours.median.count)}` : "–";
    const okRuns = ours?.ok ? (ours.median.settled === 1 ? "yes" : "**no**") : "–";
    rows.push([rt, show(ours), cut, okRuns, show(bare)]);
  }
  const body = `### 4. Shutdown under load

${workers} of our workers, each in a run that awaits a 100 ms sleep aborted by its \`signal\`, and
\`manager.stopOnShutdown()\` (\`bench/peers/shutdown.ts\`). Once every worker is in its run the parent sends SIGTERM and times
from \`kill()\` to the exit it sees, teardown included. The bare process exits in its own SIGTERM handler: the floor. Each figure
is ${runsLine(s, "shutdown")}; ${s.date}.

![Shutdown under load](bench/charts/shutdown.svg)

${
    table(
      ["runtime", "SIGTERM → exit (ms)", "runs cut short by the stop", "every run settled", "bare process: SIGTERM → exit (ms)"],
      rows,
    )
  }${failureNotes(all)}`;
  return {
    body,
    chart: {
      title: "SIGTERM to exit (ms)",
      subtitle: `${workers} of our workers in a run, beside a bare process`,
      rows: chartRows,
      panels: [{ field: "exitMs", title: "ms" }],
      schedulers: [...new Set(chartRows.map((r) => r.scheduler))],
      runtimes: rts,
    },
  };
}

function coldSection(s: Saved, rts: readonly string[], get: Lookup): { body: string; chart: Chart } {
  const rows: string[][] = [];
  const chartRows: ChartRow[] = [];
  const all: Summary[] = [];
  for (const rt of rts) {
    const row = [rt];
    for (const module of ["ours", "croner"]) {
      const sum = get("cold", module, rt);
      if (sum !== undefined) all.push(sum);
      row.push(sum === undefined ? "–" : sum.ok ? ms(sum.median.importMs) : `**${sum.failure}**`);
      const label = module === "ours" ? "ours" : "croner";
      if (sum !== undefined) {
        chartRows.push(sum.ok ? { scheduler: label, runtime: rt, importMs: sum.median.importMs } : { scheduler: label, runtime: rt, failure: sum.failure });
      }
    }
    rows.push(row);
  }
  const b = s.bundle;
  const size = b === undefined
    ? ""
    : `\n\nBundle: \`mod.ts\` alone, \`bun build --minify\` (Bun ${b.bun}), ${b.minified.toLocaleString("en-US")} B minified, ` +
      `**${b.gzip.toLocaleString("en-US")} B** after gzip -9 (\`scripts/size.ts\`)` +
      (b.croner === undefined ? "." : `; croner ${b.croner.version}'s published bundle: ${b.croner.gzip.toLocaleString("en-US")} B after gzip -9.`);
  const body = `### 5. Cold start and bundle size

Time of \`await import(…)\` in a fresh process (\`bench/peers/cold_start.ts\`), after one unmeasured run that fills the
transpile and disk caches. Deno and Bun import the TypeScript source of \`mod.ts\`, Node a one-file ESM bundle of it made by
\`bun build --target=node\`; croner, as installed, for reference. Each figure is ${runsLine(s, "cold")}; ${s.date}.

![Cold start](bench/charts/cold_start.svg)

${table(["runtime", "import @background/workers (ms)", "import croner (ms)"], rows)}${size}${failureNotes(all)}`;
  return {
    body,
    chart: {
      title: "Import time in a fresh process (ms)",
      rows: chartRows,
      panels: [{ field: "importMs", title: "ms" }],
      schedulers: ["ours", "croner"],
      runtimes: rts,
    },
  };
}

function cronSection(
  s: Saved,
  from: string,
  rts: readonly string[],
  get: Lookup,
): { body: string; chart: Chart } {
  const schedulers = [OURS, OURS_CRON, CRONER, CRON];
  const rows: string[][] = [];
  const chartRows: ChartRow[] = [];
  const ratios: string[] = [];
  const all: Summary[] = [];
  const first = s.cells.find((c) => c.workload === from && c.results.length > 0)?.results[0] as { count: number; seconds: number } | undefined;
  const count = (first?.count ?? TICK_WORKLOADS.cron!.count).toLocaleString("en-US");
  for (const rt of rts) {
    let firstRow = true;
    for (const sch of schedulers) {
      const sum = get(from, sch.label, rt);
      if (sum === undefined) continue;
      all.push(sum);
      const lead = [firstRow ? `**${rt}**` : "", sch.label];
      firstRow = false;
      if (!sum.ok) {
        rows.push([...lead, `**${sum.failure}**`, "–", "–", "–"]);
        chartRows.push({ scheduler: sch.short ?? sch.label, runtime: rt, failure: sum.failure });
        continue;
      }
      const m = sum.median;
      rows.push([...lead, `${delivered(m)}, ${whole(m.ticks)} ticks`, ms(m.p99), ms(m.cpuPer1000), whole(m.heapPerTask)]);
      chartRows.push({ scheduler: sch.short ?? sch.label, runtime: rt, ...m });
    }
    const periodic = get(from, OURS.label, rt);
    const cron = get(from, OURS_CRON.label, rt);
    if (periodic?.ok && cron?.ok) {
      const p = periodic.median;
      const c = cron.median;
      ratios.push(
        `- ${rt}: CPU per tick ${fixed(c.cpuPer1000! / p.cpuPer1000!, 2)}×, heap per task ${fixed(c.heapPerTask! / p.heapPerTask!, 2)}×, ` +
          `p99 interval error ${fixed(c.p99! / p.p99!, 1)}×.`,
      );
    }
  }
  const how = from === "cron"
    ? "`npm run bench:cron` (`deno run -A bench/run.ts --only cron`)"
    : `from the ${count}-task runs of \`npm run bench\``;
  const body = `## Cron mode: ${count} tasks on \`* * * * * *\`

${how}, ${s.date}: ours with \`period: 1000\` and in cron mode (\`cron: "* * * * * *"\`, \`import "@background/workers/cron"\`),
beside croner and cron, ${first?.seconds ?? s.settings.seconds} s window, each figure ${runsLine(s, from)}. Columns as defined under *Schedulers compared*.

![Cron mode](bench/charts/cron.svg)

${table(["runtime", "scheduler", "delivered, ticks in the window", "p99 interval error (ms)", "CPU per 1,000 ticks (ms)", "heap per task (B)"], rows)}${
    failureNotes(all)
  }

Ours in cron mode ÷ ours periodic:
${ratios.length > 0 ? ratios.join("\n") : "- not measured (one of the two failed or did not run)."}

The cost of a cron tick is a periodic tick's: the slots of one pattern come from one shared croner object, asked once a
second, and its workers wait in one FIFO lane of the timer queue. The p99 interval error is not comparable in the same way:
every cron worker on \`* * * * * *\` is due at the same instant, so all 10,000 run back to back in one batch, and the
error of the last ones is the batch's own variation from second to second (a garbage collection in it, say); the periodic
workers started one after another over the setup, so each timer batch holds a few dozen.`;
  return {
    body,
    chart: {
      title: `Cron mode: ${count} tasks every second`,
      subtitle: "ours = @background/workers; log scales, lower is better",
      rows: chartRows,
      panels: [
        { field: "p99", title: "p99 interval error (ms)", log: true },
        { field: "cpuPer1000", title: "CPU per 1,000 ticks (ms)", log: true },
        { field: "heapPerTask", title: "heap per task (B)", log: true },
      ],
      schedulers: schedulers.map((x) => x.short ?? x.label),
      runtimes: rts,
    },
  };
}

async function machine(): Promise<string> {
  const cpu = /model name\s*:\s*(.+)/.exec(await Deno.readTextFile("/proc/cpuinfo").catch(() => ""))?.[1]?.trim() ?? "unknown CPU";
  const gib = (Deno.systemMemoryInfo().total / 1024 ** 3).toFixed(1);
  return `${cpu}, ${navigator.hardwareConcurrency} cores, ${gib} GiB RAM, ${Deno.build.os}`;
}

async function versions(): Promise<Record<string, string>> {
  const out = async (cmd: string, args: string[]): Promise<string> => new TextDecoder().decode((await new Deno.Command(cmd, { args }).output()).stdout).trim();
  const pkg = async (dir: string): Promise<string> => (JSON.parse(await Deno.readTextFile(`${root}${dir}/package.json`)) as { version: string }).version;
  return {
    node: await out("node", ["--version"]),
    deno: Deno.version.deno,
    bun: await out(bun, ["--version"]),
    ours: await pkg("."),
    "toad-scheduler": await pkg("node_modules/toad-scheduler"),
    croner: await pkg("node_modules/croner"),
    cron: await pkg("node_modules/cron"),
    luxon: await pkg("node_modules/luxon"),
    "node-cron": await pkg("node_modules/node-cron"),
    "node-schedule": await pkg("node_modules/node-schedule"),
  };
}

async function checkout(): Promise<string> {
  const git = async (...args: string[]): Promise<string> => new TextDecoder().decode((await new Deno.Command("git", { args, cwd: root }).output()).stdout).trim();
  const head = await git("rev-parse", "--short", "HEAD");
  const dirty = (await git("status", "--porcelain", "--", "src", "mod.ts")) !== "";
  return dirty ? `checkout ${head} with uncommitted changes in src/` : `checkout ${head}`;
}

function minutes(msTotal: number): string {
  const s = Math.round(msTotal / 1_000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}
