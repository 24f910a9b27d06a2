/**
 * Cold: 100,000 tasks every second over the first 5 s after their setup resolved (`start()` for
 * ours), with no wait for first ticks and no forced GC before the window (bench/peers/measure.ts's
 * cold mode), beside a bare setTimeout chain, setInterval and toad-scheduler, one process after
 * another on each runtime; with the cold-start goals per runtime under the table. The steady state
 * of the same tasks is 2b (bench/workloads/tick.ts).
 * @module
 */
import type { Chart } from "../harness/charts.ts";
import { ms, percent, whole } from "../harness/report.ts";
import { scaled, type Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import { bySchedulers } from "./layouts.ts";
import { CHAIN, INTERVAL, OURS, short, TOAD } from "./schedulers.ts";
import { judgeCold } from "./targets.ts";
import { delivered, type Ticks, tickRun, tickSection } from "./tick.ts";
import type { Rendering, Workload } from "./workload.ts";

const ID = "100k-cold";
const COUNT = 100_000;
const PERIOD = 1_000;
/** The window the goals are set for, s: "the first 5 s after starting"; a shorter --seconds shortens it. */
const WINDOW = 5;
const SCHEDULERS = [OURS, TOAD, INTERVAL, CHAIN];
const CHART = "second_100k_cold";

const heading = (count: number, window: number): string => `2c. ${count.toLocaleString("en-US")} tasks every second, cold: the first ${window} s`;

/**
 * Three runs by default: a cold window is short and its first seconds are the noisiest of a
 * process, and the goals are judged on its medians.
 */
const ticks = (settings: Settings): Ticks => ({
  id: ID,
  count: scaled(settings, COUNT),
  period: PERIOD,
  seconds: Math.min(WINDOW, settings.seconds ?? WINDOW),
  runs: settings.runs ?? 3,
  schedulers: SCHEDULERS,
  mode: "cold",
});

export const COLD_WINDOW: Workload = {
  id: ID,
  title: heading(COUNT, WINDOW),
  byDefault: true,
  compared: true,
  ...tickRun(SCHEDULERS, ticks),
  render(doc) {
    if (!doc.ran(ID)) return undefined;
    const w = ticks(doc.settings);
    const first = doc.first(ID);
    const count = first?.count ?? w.count;
    const window = first?.seconds ?? w.seconds;
    const rts = doc.runtimes(ID);
    const { rows, chartRows, all } = bySchedulers(doc, ID, SCHEDULERS, rts, (m) => [
      delivered(m),
      `${ms(m.p50)} / ${ms(m.p99)} / ${ms(m.max)}`,
      `${whole(m.firstTickP99)} / ${whole(m.firstTickMax)}`,
      ms(m.cpuPer1000),
      whole(m.setupMs),
    ], 4);
    const head = [
      "runtime",
      "scheduler",
      "delivered",
      "interval error p50 / p99 / max (ms)",
      "first tick after start p99 / max (ms)",
      "CPU per 1,000 ticks (ms)",
      "setup (ms)",
    ];
    const title = heading(count, window);
    const what = fill("cold_window", "what", { count: count.toLocaleString("en-US"), period: PERIOD, window });
    const body = `${tickSection(doc, ID, title, what, CHART, head, rows, all)}\n\n${fill("cold_window", "columns", {})}${goals(doc, count, window, rts)}`;
    const chart: Chart = {
      title: `${count.toLocaleString("en-US")} tasks every second, the first ${window} s after start`,
      subtitle: "ours = @background/workers; log scales, lower is better, except delivered",
      rows: chartRows,
      panels: [
        { field: "p99", title: "p99 interval error (ms)", log: true },
        { field: "cpuPer1000", title: "CPU per 1,000 ticks (ms)", log: true },
        { field: "setupMs", title: "setup (ms)", log: true },
        { field: "delivered", title: "delivered", format: ".0%" },
      ],
      schedulers: SCHEDULERS.map(short),
      runtimes: rts,
      columns: 2,
    };
    return { name: `peers-${ID}`, body, chart: { file: CHART, chart } };
  },
};

/** The cold-start goals, one line per runtime: ours beside the chain, toad-scheduler and setInterval of the same runs. */
function goals(doc: Rendering, count: number, window: number, rts: readonly string[]): string {
  const lines = rts.flatMap((rt) => {
    const [ours, chain, toad, interval] = [OURS, CHAIN, TOAD, INTERVAL].map((s) => doc.get(ID, s.label, rt));
    if (ours === undefined || chain === undefined) return [];
    if (!ours.ok || !chain.ok) {
      const [who, failure] = ours.ok ? [CHAIN.label, chain.ok ? "" : chain.failure] : [OURS.label, ours.failure];
      return [fill("cold_window", "no-goal", { runtime: rt, who, failure })];
    }
    const judged = judgeCold(ours.median, chain.median, toad?.ok ? toad.median : undefined, interval?.ok ? interval.median : undefined);
    return [fill("cold_window", "goal", { runtime: rt, share: percent(ours.median.delivered), ...judged })];
  });
  return lines.length === 0 ? "" : `\n\n${fill("cold_window", "goals", { count: count.toLocaleString("en-US"), window, lines: lines.join("\n") })}`;
}
