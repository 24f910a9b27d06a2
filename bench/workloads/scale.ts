/**
 * Scale: 100,000 of our periodic workers at 1 s in one manager, beside a bare setTimeout chain per
 * task, each case in its own process (bench/scale.ts), measured after a warm-up; with the README's
 * targets (`npm run bench:scale`).
 * @module
 */
import { fixed, type Summary } from "../harness/report.ts";
import { RUNTIMES } from "../harness/runtimes.ts";
import { DEFAULT_SECONDS, scaled, type Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import { judge } from "./targets.ts";
import type { Workload } from "./workload.ts";

const ID = "scale";
const COUNT = 100_000;
/** bench/scale.ts's own default, in s. */
const WARMUP = 2;
const MODES = [["ours", "@background/workers"], ["chain", "bare setTimeout chain"]] as const;

const count = (settings: Settings): number => scaled(settings, COUNT);
const seconds = (settings: Settings): number => settings.seconds ?? DEFAULT_SECONDS;
const runs = (settings: Settings): number => settings.runs ?? 3;
const heading = (n: number): string => `Scale: ${n.toLocaleString("en-US")} periodic workers at 1 s (\`bench/scale.ts\`)`;

export const SCALE: Workload = {
  id: ID,
  title: heading(COUNT),
  byDefault: false,
  compared: false,
  children: ["scale"],
  runs,
  // Process start and setup (about 1 s per 100,000 workers on Node), the warm-up, the window, the stop.
  estimateMs: (settings) => runs(settings) * settings.runtimes.length * MODES.length * ((WARMUP + seconds(settings)) * 1_000 + 1_000 + count(settings) / 100),
  async run(bench) {
    const args = [String(count(bench.settings)), String(seconds(bench.settings))];
    for (let r = 0; r < bench.runs; r++) {
      for (const runtime of bench.settings.runtimes) {
        for (const [mode] of MODES) {
          const run = await bench.child(runtime, "scale", [mode, ...args], (WARMUP + seconds(bench.settings)) * 1_000 + 8_000);
          bench.recorder.recordChild(ID, mode, runtime.label, run);
          bench.recorder.progress(`scale ${runtime.label} ${mode} ${r + 1}/${bench.runs}`, run.failure, run.wallMs);
        }
      }
    }
  },
  render(doc) {
    if (!doc.ran(ID)) return undefined;
    const first = doc.first(ID);
    const n = first?.count ?? count(doc.settings);
    const blocks = doc.runtimes(ID).map((rt) => {
      const sums = MODES.map(([mode]) => doc.get(ID, mode, rt));
      const rows = MODES.map(([, label], i) => row(label, sums[i]));
      const [ours, chain] = sums;
      const targets = ours?.ok && chain?.ok ? `\n\n${fill("scale", "targets", judge(ours.median, chain.median))}` : "";
      const version = doc.saved.versions[RUNTIMES.find((r) => r.label === rt)?.id ?? ""] ?? "";
      return fill("scale", "runtime", { runtime: rt, version, rows: rows.join("\n"), targets });
    });
    const body = fill("scale", "section", {
      heading: heading(n),
      count: n.toLocaleString("en-US"),
      seconds: first?.seconds ?? doc.saved.settings.seconds,
      warmup: typeof first?.warmup === "number" ? first.warmup : WARMUP,
      runs: doc.saved.runs[ID] ?? 1,
      date: doc.saved.date,
      cores: doc.saved.cores ?? "?",
      runtimes: blocks.join("\n\n"),
    });
    return { name: ID, body };
  },
};

/** One line of a runtime's table; the figures as bench/run_scale.ts printed them, before the registry. */
function row(label: string, sum: Summary | undefined): string {
  if (!sum?.ok) return `| ${label} | **${sum?.failure ?? "not run"}** | – | – | – | – |`;
  const m = sum.median;
  return `| ${label} | ${fixed(m.startMs, 0)} | ${fixed(m.heapPerTask, 0)} | ${fixed(m.p50, 2)} / ${fixed(m.p99, 2)} / ${fixed(m.max, 2)} | ${
    fixed(m.cpuPer1000, 2)
  } | ${fixed(m.delivered === undefined ? undefined : m.delivered * 100, 1)}% |`;
}
