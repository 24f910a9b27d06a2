/**
 * Cron mode: ours periodic and on `* * * * * *`, beside croner and cron, at 10,000 tasks a second
 * (`npm run bench:cron`). Without a cron run of its own, the section is made from the 10,000-task
 * runs of the comparison, which has the same four among its schedulers.
 * @module
 */
import type { Chart } from "../harness/charts.ts";
import { failureNotes, fixed, ms, runsLine, table, whole } from "../harness/report.ts";
import { DEFAULT_SECONDS, scaled, type Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import { CRON, CRONER, OURS, OURS_CRON, short } from "./schedulers.ts";
import { bySchedulers } from "./layouts.ts";
import { COST_PANELS, delivered, SECOND_10K, type Ticks, tickRun } from "./tick.ts";
import type { Rendering, Workload } from "./workload.ts";

const ID = "cron";
const SCHEDULERS = [OURS, OURS_CRON, CRONER, CRON];
const COUNT = 10_000;

const ticks = (settings: Settings): Ticks => ({
  id: ID,
  count: scaled(settings, COUNT),
  period: 1_000,
  seconds: settings.seconds ?? DEFAULT_SECONDS,
  runs: settings.runs ?? 1,
  schedulers: SCHEDULERS,
});

const heading = (count: string): string => `Cron mode: ${count} tasks on \`* * * * * *\``;

export const CRON_MODE: Workload = {
  id: ID,
  title: heading(COUNT.toLocaleString("en-US")),
  byDefault: false,
  compared: false,
  ...tickRun(SCHEDULERS, ticks),
  render(doc) {
    const from = doc.ran(ID) ? ID : doc.ran(SECOND_10K.id) ? SECOND_10K.id : undefined;
    if (from === undefined) return undefined;
    const first = doc.first(from);
    const count = (first?.count ?? ticks(doc.settings).count).toLocaleString("en-US");
    const rts = doc.runtimes(from);
    const { rows, chartRows, all } = bySchedulers(doc, from, SCHEDULERS, rts, (m) => [
      `${delivered(m)}, ${whole(m.ticks)} ticks`,
      ms(m.p99),
      ms(m.cpuPer1000),
      whole(m.heapPerTask),
    ], 3);
    const head = ["runtime", "scheduler", "delivered, ticks in the window", "p99 interval error (ms)", "CPU per 1,000 ticks (ms)", "heap per task (B)"];
    const ratios = cronOverPeriodic(doc, from, rts);
    const body = fill("cron", "section", {
      heading: heading(count),
      how: from === ID ? fill("cron", "how-cron", {}) : fill("cron", "how-10k", { count }),
      date: doc.saved.date,
      window: first?.seconds ?? doc.saved.settings.seconds,
      runs: runsLine(doc.saved.runs, from),
      table: table(head, rows),
      notes: failureNotes(all),
      ratios: ratios.length > 0 ? ratios.join("\n") : fill("cron", "no-ratios", {}),
    });
    const chart: Chart = {
      title: `Cron mode: ${count} tasks every second`,
      subtitle: "ours = @background/workers; log scales, lower is better",
      rows: chartRows,
      panels: COST_PANELS,
      schedulers: SCHEDULERS.map(short),
      runtimes: rts,
    };
    return { name: ID, body, chart: { file: "cron", chart } };
  },
};

/** Per runtime, ours in cron mode over ours periodic, where both have figures. */
function cronOverPeriodic(doc: Rendering, from: string, rts: readonly string[]): string[] {
  const lines: string[] = [];
  for (const rt of rts) {
    const periodic = doc.get(from, OURS.label, rt);
    const cron = doc.get(from, OURS_CRON.label, rt);
    if (!periodic?.ok || !cron?.ok) continue;
    const p = periodic.median;
    const c = cron.median;
    lines.push(fill("cron", "ratio", {
      runtime: rt,
      cpu: fixed(c.cpuPer1000! / p.cpuPer1000!, 2),
      heap: fixed(c.heapPerTask! / p.heapPerTask!, 2),
      p99: fixed(c.p99! / p.p99!, 1),
    }));
  }
  return lines;
}
