/**
 * One task every millisecond: how many ticks each runtime's timers really give, and at what CPU.
 * Short windows (at most 0.5 s), so three runs by default.
 * @module
 */
import type { Chart } from "../harness/charts.ts";
import { ms, whole } from "../harness/report.ts";
import { DEFAULT_SECONDS, type Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import { CHAIN, INTERVAL, OURS, short, TOAD } from "./schedulers.ts";
import { bySchedulers } from "./layouts.ts";
import { type Ticks, tickRun, tickSection } from "./tick.ts";
import type { Workload } from "./workload.ts";

const ID = "1ms";
const SCHEDULERS = [OURS, INTERVAL, CHAIN, TOAD];
const TITLE = "3. One task every millisecond";
const CHART = "tick_1ms";

const ticks = (settings: Settings): Ticks => ({
  id: ID,
  count: 1,
  period: 1,
  seconds: Math.min(0.5, settings.seconds ?? DEFAULT_SECONDS),
  runs: settings.runs ?? 3,
  schedulers: SCHEDULERS,
});

export const EVERY_MILLISECOND: Workload = {
  id: ID,
  title: TITLE,
  byDefault: true,
  compared: true,
  ...tickRun(SCHEDULERS, ticks),
  render(doc) {
    if (!doc.ran(ID)) return undefined;
    const window = doc.first(ID)?.seconds ?? ticks(doc.settings).seconds;
    const rts = doc.runtimes(ID);
    const { rows, chartRows, all } = bySchedulers(doc, ID, SCHEDULERS, rts, (m) => [
      whole(m.ticksPerSecond),
      `${ms(m.p50)} / ${ms(m.p99)} / ${ms(m.max)}`,
      ms(m.cpuPer1000),
    ], 2);
    const head = ["runtime", "scheduler", "ticks per second (due: 1,000)", "interval error p50 / p99 / max (ms)", "CPU per 1,000 ticks (ms)"];
    const body = tickSection(doc, ID, TITLE, fill("tick", "what-1ms", { window }), CHART, head, rows, all);
    const chart: Chart = {
      title: "One task every millisecond: ticks per second",
      subtitle: "due: 1,000 per second",
      rows: chartRows,
      panels: [{ field: "ticksPerSecond", title: "ticks per second" }, { field: "cpuPer1000", title: "CPU per 1,000 ticks (ms)" }],
      schedulers: SCHEDULERS.map(short),
      runtimes: rts,
    };
    return { name: `peers-${ID}`, body, chart: { file: CHART, chart } };
  },
};
