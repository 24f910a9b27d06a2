/**
 * Cold start and bundle size: `await import(…)` of our `mod.ts` (its Node bundle on Node) and of
 * croner in a fresh process, after one unmeasured run that fills the transpile and disk caches;
 * with the bundle size of `scripts/size.ts`.
 * @module
 */
import { measure as bundleSize } from "../../scripts/size.ts";
import { failureNotes, runsLine, table } from "../harness/report.ts";
import { cache, root } from "../harness/runtimes.ts";
import type { Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import { byRuntime, showMs } from "./layouts.ts";
import type { Workload } from "./workload.ts";

const ID = "cold";
const TITLE = "5. Cold start and bundle size";
const MODULES = ["ours", "croner"] as const;
const runs = (settings: Settings): number => settings.runs ?? 3;
const en = (n: number): string => n.toLocaleString("en-US");

export const COLD_START: Workload = {
  id: ID,
  title: TITLE,
  byDefault: true,
  compared: true,
  children: ["peers/cold_start"],
  runs,
  estimateMs: (settings) => (runs(settings) + 1) * 2 * settings.runtimes.length * 300,
  async run(bench) {
    const bundle = bundleSize();
    for (const runtime of bench.settings.runtimes) {
      for (const module of MODULES) {
        const url = module === "croner" ? "croner" : runtime.id === "node" ? `file://${cache}/mod.mjs` : `file://${root}mod.ts`;
        // One run first, unmeasured: Deno transpiles on first import and caches it, and the disk cache warms up.
        await bench.child(runtime, "peers/cold_start", [url], 30_000);
        for (let r = 0; r < bench.runs; r++) {
          const run = await bench.child(runtime, "peers/cold_start", [url], 30_000);
          bench.recorder.recordChild(ID, module, runtime.label, run);
          bench.recorder.progress(`cold ${runtime.label} ${module} ${r + 1}/${bench.runs}`, run.failure, run.wallMs);
        }
      }
    }
    return { bundle };
  },
  render(doc) {
    if (!doc.ran(ID)) return undefined;
    const { rts, perRuntime, chartRows, all } = byRuntime(doc, ID, "importMs", MODULES.map((m) => [m, m] as const));
    const rows = perRuntime.map(([rt, sums]) => [rt, ...sums.map((sum) => showMs(sum, "importMs"))]);
    const b = doc.saved.bundle;
    const croner = b?.croner === undefined ? "." : fill("cold_start", "croner", { version: b.croner.version, gzip: en(b.croner.gzip) });
    const size = b === undefined ? "" : `\n\n${fill("cold_start", "bundle", { bun: b.bun, minified: en(b.minified), gzip: en(b.gzip), croner })}`;
    const body = fill("cold_start", "section", {
      title: TITLE,
      runs: runsLine(doc.saved.runs, ID),
      date: doc.saved.date,
      table: table(["runtime", "import @background/workers (ms)", "import croner (ms)"], rows),
      size,
      notes: failureNotes(all),
    });
    const chart = {
      title: "Import time in a fresh process (ms)",
      rows: chartRows,
      panels: [{ field: "importMs", title: "ms" }],
      schedulers: [...MODULES],
      runtimes: rts,
    };
    return { name: `peers-${ID}`, body, chart: { file: "cold_start", chart } };
  },
};
