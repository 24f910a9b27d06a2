/**
 * The tick workloads: `count` tasks every `period` ms, one child process per scheduler and
 * runtime, each measured over a window (bench/peers/measure.ts). Here the three at 100 ms and 1 s;
 * the one-task-every-millisecond and the cron workloads reuse their run and section frame.
 * @module
 */
import type { Chart, Panel } from "../harness/charts.ts";
import type { Section } from "../harness/document.ts";
import { failureNotes, ms, percent, runsLine, type Summary, table, whole } from "../harness/report.ts";
import { DEFAULT_SECONDS, scaled, type Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import { bySchedulers } from "./layouts.ts";
import { CHAIN, EVERY_SECOND, MILLISECOND, OURS, type Scheduler, short } from "./schedulers.ts";
import { judge } from "./targets.ts";
import type { Bench, Rendering, Workload } from "./workload.ts";

/** What one tick workload runs, for the given settings. */
export interface Ticks {
  readonly id: string;
  readonly count: number;
  readonly period: number;
  readonly seconds: number;
  readonly runs: number;
  readonly schedulers: readonly Scheduler[];
  /** "cold": the window opens right after the setup (bench/peers/measure.ts's 4th argument). */
  readonly mode?: "cold";
}

/**
 * Every run of every scheduler on every runtime. Runs outermost: each round measures everyone once,
 * so a slow patch of the shared machine lands on one round of all, not on all runs of one.
 */
async function runTicks(bench: Bench, w: Ticks): Promise<void> {
  for (let r = 0; r < w.runs; r++) {
    for (const runtime of bench.settings.runtimes) {
      for (const s of w.schedulers) {
        // A window that ends more than 8 s late means a blocked event loop; waiting longer only costs the budget.
        const args = [String(w.count), String(w.period), String(w.seconds), ...(w.mode === undefined ? [] : [w.mode])];
        const run = await bench.child(runtime, `peers/${s.file}`, args, w.seconds * 1_000 + 8_000);
        bench.recorder.recordChild(w.id, s.label, runtime.label, run);
        bench.recorder.progress(`${w.id} ${runtime.label} ${s.label} ${r + 1}/${w.runs}`, run.failure, run.wallMs);
      }
    }
  }
}

/** The run side of a tick workload, from what it runs under the settings at hand. */
export function tickRun(
  schedulers: readonly Scheduler[],
  ticks: (settings: Settings) => Ticks,
): Pick<Workload, "children" | "runs" | "estimateMs" | "run"> {
  return {
    children: schedulers.map((s) => `peers/${s.file}`),
    runs: (settings) => ticks(settings).runs,
    estimateMs: (settings) => estimateTicks(settings, ticks(settings)),
    run: (bench) => runTicks(bench, ticks(bench.settings)),
  };
}

/**
 * Rough wall time: the window plus start, setup, the first tick of every task and GC of each
 * process; at 50,000 tasks and more the cron peers need about the setup limit.
 */
function estimateTicks(settings: Settings, w: Ticks): number {
  const runtimes = settings.runtimes.length;
  if (w.count < 50_000) return w.runs * w.schedulers.length * runtimes * (w.seconds * 1_000 + 400 + w.period);
  let total = 0;
  for (const s of w.schedulers) total += w.runs * runtimes * (s.slowSetup ? settings.setupLimitMs + 500 : w.seconds * 1_000 + 2_700);
  return total;
}

/** A tick section: heading, what ran, chart, table, and the runs left out. */
export function tickSection(doc: Rendering, id: string, title: string, what: string, chart: string, head: string[], rows: string[][], all: Summary[]): string {
  return fill("tick", "section", { title, what, runs: runsLine(doc.saved.runs, id), date: doc.saved.date, chart, table: table(head, rows), notes: failureNotes(all) });
}

/** The delivered share, with the doubled ticks when a scheduler fired some slots twice. */
export function delivered(m: Readonly<Record<string, number>>): string {
  return m.doubled! > 0 ? `${percent(m.delivered)} (+${whole(m.doubled)} doubled)` : percent(m.delivered);
}

/** The chart panels of what a tick costs, on log scales: their values span orders of magnitude across schedulers. */
export const COST_PANELS: readonly Panel[] = [
  { field: "p99", title: "p99 interval error (ms)", log: true },
  { field: "cpuPer1000", title: "CPU per 1,000 ticks (ms)", log: true },
  { field: "heapPerTask", title: "heap per task (B)", log: true },
];

/** "second" or "100 ms". */
const every = (period: number): string => (period === 1_000 ? "second" : `${period} ms`);

/** A periodic tick workload: `count` (before --scale) tasks every `period` ms. */
export interface PeriodicSpec {
  readonly id: string;
  /** Its number in "Schedulers compared". */
  readonly number: string;
  readonly count: number;
  readonly period: number;
  readonly schedulers: readonly Scheduler[];
  /** Its chart's file name in bench/charts/. */
  readonly chart: string;
  /** Adds the README's targets (ours beside the chain) under the table. */
  readonly targets?: boolean;
}

/** A periodic tick workload, with what the verdict and the cron section read of it. */
export interface PeriodicWorkload extends Workload {
  /** What it runs under these settings. */
  ticks(settings: Settings): Ticks;
  /** "10,000 tasks every second". */
  heading(count: number): string;
}

/** The 10 s workload of `spec`, as the bench registers it. */
export function periodicWorkload(spec: PeriodicSpec): PeriodicWorkload {
  const ticks = (settings: Settings): Ticks => ({
    id: spec.id,
    count: scaled(settings, spec.count),
    period: spec.period,
    seconds: settings.seconds ?? DEFAULT_SECONDS,
    runs: settings.runs ?? 1,
    schedulers: spec.schedulers,
  });
  const heading = (count: number): string => `${count.toLocaleString("en-US")} tasks every ${every(spec.period)}`;
  return {
    id: spec.id,
    title: `${spec.number}. ${heading(spec.count)}`,
    byDefault: true,
    compared: true,
    ...tickRun(spec.schedulers, ticks),
    ticks,
    heading,
    render(doc): Section | undefined {
      if (!doc.ran(spec.id)) return undefined;
      const w = ticks(doc.settings);
      const first = doc.first(spec.id);
      const count = first?.count ?? w.count;
      const window = first?.seconds ?? w.seconds;
      const rts = doc.runtimes(spec.id);
      const { rows, chartRows, all } = bySchedulers(doc, spec.id, spec.schedulers, rts, (m) => [
        delivered(m),
        `${ms(m.p50)} / ${ms(m.p99)} / ${ms(m.max)}`,
        ms(m.cpuPer1000),
        whole(m.heapPerTask),
        whole(m.setupMs),
      ], 4);
      const head = ["runtime", "scheduler", "delivered", "interval error p50 / p99 / max (ms)", "CPU per 1,000 ticks (ms)", "heap per task (B)", "setup (ms)"];
      const title = `${spec.number}. ${heading(count)}`;
      const what = fill("tick", "what", { count: count.toLocaleString("en-US"), period: spec.period, window });
      let body = tickSection(doc, spec.id, title, what, spec.chart, head, rows, all);
      if (spec.targets === true) body += targets(doc, spec.id, rts);
      const chart: Chart = {
        title: `${heading(count)}, ${window} s`,
        subtitle: "ours = @background/workers; log scales, lower is better, except delivered",
        rows: chartRows,
        panels: [...COST_PANELS, { field: "delivered", title: "delivered", format: ".0%" }],
        schedulers: spec.schedulers.map(short),
        runtimes: rts,
        columns: 2,
      };
      return { name: `peers-${spec.id}`, body, chart: { file: spec.chart, chart } };
    },
  };
}

/** The README's scale targets, ours beside the bare setTimeout chain of the same workload. */
function targets(doc: Rendering, id: string, rts: readonly string[]): string {
  const lines: string[] = [];
  for (const rt of rts) {
    const ours = doc.get(id, OURS.label, rt);
    const chain = doc.get(id, CHAIN.label, rt);
    if (!ours?.ok || !chain?.ok) continue;
    lines.push(fill("tick", "target", { runtime: rt, ...judge(ours.median, chain.median), heapPerTask: whole(ours.median.heapPerTask) }));
  }
  return lines.length === 0 ? "" : `\n\n${fill("tick", "targets", { lines: lines.join("\n") })}`;
}

export const EVERY_100MS: PeriodicWorkload = periodicWorkload({
  id: "100ms",
  number: "1",
  count: 10_000,
  period: 100,
  schedulers: MILLISECOND,
  chart: "interval_100ms",
});
export const SECOND_10K: PeriodicWorkload = periodicWorkload({
  id: "10k",
  number: "2a",
  count: 10_000,
  period: 1_000,
  schedulers: EVERY_SECOND,
  chart: "second_10k",
});
export const SECOND_100K: PeriodicWorkload = periodicWorkload({
  id: "100k",
  number: "2b",
  count: 100_000,
  period: 1_000,
  schedulers: EVERY_SECOND,
  chart: "second_100k",
  targets: true,
});
