/**
 * The two shapes of the sections' tables: a row per scheduler on each runtime (the tick and cron
 * workloads), or a row per runtime with one metric per case (shutdown, cold start); each with its
 * chart rows and the summaries whose failed runs the section notes.
 * @module
 */
import type { ChartRow } from "../harness/charts.ts";
import { ms, type Summary } from "../harness/report.ts";
import { type Scheduler, short } from "./schedulers.ts";
import type { Rendering } from "./workload.ts";

/** The table rows and chart rows of one workload's schedulers, runtime by runtime; a failed cell gets `width` dashes. */
export function bySchedulers(
  doc: Rendering,
  id: string,
  schedulers: readonly Scheduler[],
  rts: readonly string[],
  cells: (m: Readonly<Record<string, number>>) => string[],
  width: number,
): { rows: string[][]; chartRows: ChartRow[]; all: Summary[] } {
  const rows: string[][] = [];
  const chartRows: ChartRow[] = [];
  const all: Summary[] = [];
  for (const rt of rts) {
    let firstRow = true;
    for (const sch of schedulers) {
      const sum = doc.get(id, sch.label, rt);
      if (sum === undefined) continue;
      all.push(sum);
      const lead = [firstRow ? `**${rt}**` : "", sch.label];
      firstRow = false;
      if (!sum.ok) {
        rows.push([...lead, `**${sum.failure}**`, ...Array<string>(width).fill("–")]);
        chartRows.push({ scheduler: short(sch), runtime: rt, failure: sum.failure });
        continue;
      }
      rows.push([...lead, ...cells(sum.median)]);
      chartRows.push({ scheduler: short(sch), runtime: rt, ...sum.median });
    }
  }
  return { rows, chartRows, all };
}

/**
 * Workload `id` per runtime: each case's summary of `metric` (cases are scheduler ids, with the
 * label their chart rows get).
 */
export function byRuntime(
  doc: Rendering,
  id: string,
  metric: string,
  cases: readonly (readonly [scheduler: string, label: string])[],
): { rts: readonly string[]; perRuntime: [string, (Summary | undefined)[]][]; chartRows: ChartRow[]; all: Summary[] } {
  const rts = doc.runtimes(id);
  const chartRows: ChartRow[] = [];
  const all: Summary[] = [];
  const perRuntime = rts.map((rt): [string, (Summary | undefined)[]] => {
    const sums = cases.map(([scheduler, label]) => {
      const sum = doc.get(id, scheduler, rt);
      if (sum !== undefined) {
        all.push(sum);
        chartRows.push(sum.ok ? { scheduler: label, runtime: rt, [metric]: sum.median[metric] } : { scheduler: label, runtime: rt, failure: sum.failure });
      }
      return sum;
    });
    return [rt, sums];
  });
  return { rts, perRuntime, chartRows, all };
}

/** A cell of one metric in ms: a dash when it did not run, the failure when every run failed. */
export function showMs(sum: Summary | undefined, metric: string): string {
  return sum === undefined ? "–" : sum.ok ? ms(sum.median[metric]) : `**${sum.failure}**`;
}
