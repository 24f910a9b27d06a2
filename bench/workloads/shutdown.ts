/**
 * Shutdown under load: 1,000 of our workers, each in a run, then SIGTERM; the time from `kill()`
 * to the exit the parent sees, beside a bare process that exits in its own SIGTERM handler.
 * @module
 */
import { failureNotes, runsLine, table, whole } from "../harness/report.ts";
import { scaled, type Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import { byRuntime, showMs } from "./layouts.ts";
import type { Workload } from "./workload.ts";

const ID = "shutdown";
const TITLE = "4. Shutdown under load";
const workers = (settings: Settings): number => scaled(settings, 1_000);
const runs = (settings: Settings): number => settings.runs ?? 3;

export const SHUTDOWN: Workload = {
  id: ID,
  title: TITLE,
  byDefault: true,
  compared: true,
  children: ["peers/shutdown", "peers/bare_exit"],
  runs,
  estimateMs: (settings) => runs(settings) * 2 * settings.runtimes.length * 600,
  async run(bench) {
    const cases = [["ours", "peers/shutdown", [String(workers(bench.settings))]], ["bare", "peers/bare_exit", []]] as const;
    for (let r = 0; r < bench.runs; r++) {
      for (const runtime of bench.settings.runtimes) {
        for (const [scheduler, file, args] of cases) {
          let signalledAt = NaN;
          const run = await bench.child(runtime, file, args, 30_000, (line, signal) => {
            if (line.bench !== "ready") return;
            signalledAt = performance.now();
            signal("SIGTERM");
          });
          bench.recorder.recordChild(ID, scheduler, runtime.label, run, { exitMs: run.exitedAt - signalledAt });
          bench.recorder.progress(`shutdown ${runtime.label} ${scheduler} ${r + 1}/${bench.runs}`, run.failure, run.wallMs);
        }
      }
    }
  },
  render(doc) {
    if (!doc.ran(ID)) return undefined;
    const { rts, perRuntime, chartRows, all } = byRuntime(doc, ID, "exitMs", [["ours", "ours, workers in a run"], ["bare", "bare process"]]);
    const counted = doc.saved.cells.find((c) => c.workload === ID && c.scheduler === "ours" && c.results.length > 0)?.results[0]?.count;
    const count = (typeof counted === "number" ? counted : workers(doc.settings)).toLocaleString("en-US");
    const rows = perRuntime.map(([rt, [ours, bare]]) => {
      const cut = ours?.ok ? `${whole(ours.median.aborted)} of ${whole(ours.median.count)}` : "–";
      const settled = ours?.ok ? (ours.median.settled === 1 ? "yes" : "**no**") : "–";
      return [rt, showMs(ours, "exitMs"), cut, settled, showMs(bare, "exitMs")];
    });
    const head = ["runtime", "SIGTERM → exit (ms)", "runs cut short by the stop", "every run settled", "bare process: SIGTERM → exit (ms)"];
    const body = fill("shutdown", "main", {
      title: TITLE,
      workers: count,
      runs: runsLine(doc.saved.runs, ID),
      date: doc.saved.date,
      table: table(head, rows),
      notes: failureNotes(all),
    });
    const chart = {
      title: "SIGTERM to exit (ms)",
      subtitle: `${count} of our workers in a run, beside a bare process`,
      rows: chartRows,
      panels: [{ field: "exitMs", title: "ms" }],
      schedulers: [...new Set(chartRows.map((r) => r.scheduler))],
      runtimes: rts,
    };
    return { name: `peers-${ID}`, body, chart: { file: "shutdown", chart } };
  },
};
