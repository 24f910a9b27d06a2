/**
 * Telemetry's cost per run: 10,000 of our workers at 1 s with no observer, with `telemetry()` on
 * the bare OpenTelemetry API, and with the real SDK, each case in its own process (bench/otel.ts),
 * in one run on each runtime (`npm run bench:otel`).
 * @module
 */
import { fixed, type Summary } from "../harness/report.ts";
import { RUNTIMES } from "../harness/runtimes.ts";
import { DEFAULT_SECONDS, scaled, type Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import type { Workload } from "./workload.ts";

const ID = "otel";
const COUNT = 10_000;
/** bench/otel.ts's own default, in s. */
const WARMUP = 2;
const MODES = [["off", "off (no observer)"], ["noop", "API only (no SDK)"], ["sdk", "SDK"]] as const;

const count = (settings: Settings): number => scaled(settings, COUNT);
const seconds = (settings: Settings): number => settings.seconds ?? DEFAULT_SECONDS;
const runs = (settings: Settings): number => settings.runs ?? 3;
const heading = (n: number): string => `Telemetry: CPU per run at ${n.toLocaleString("en-US")} workers, off and on (\`bench/otel.ts\`)`;

export const OTEL: Workload = {
  id: ID,
  title: heading(COUNT),
  byDefault: false,
  compared: false,
  children: ["otel"],
  runs,
  estimateMs: (settings) => runs(settings) * settings.runtimes.length * MODES.length * ((WARMUP + 1.5 + seconds(settings)) * 1_000 + 1_500),
  async run(bench) {
    const args = [String(count(bench.settings)), String(seconds(bench.settings))];
    for (let r = 0; r < bench.runs; r++) {
      for (const runtime of bench.settings.runtimes) {
        // The modes alternate their order round by round, so that a drift of the machine favours none.
        const modes = r % 2 === 0 ? MODES : [...MODES].reverse();
        for (const [mode] of modes) {
          const run = await bench.child(runtime, "otel", [mode, ...args], (WARMUP + 1.5 + seconds(bench.settings)) * 1_000 + 8_000);
          bench.recorder.recordChild(ID, mode, runtime.label, run);
          bench.recorder.progress(`otel ${runtime.label} ${mode} ${r + 1}/${bench.runs}`, run.failure, run.wallMs);
        }
      }
    }
  },
  render(doc) {
    if (!doc.ran(ID)) return undefined;
    const first = doc.first(ID);
    const n = first?.count ?? count(doc.settings);
    const blocks = doc.runtimes(ID).map((rt) => {
      const off = doc.get(ID, "off", rt);
      const rows = MODES.map(([mode, label]) => row(label, doc.get(ID, mode, rt), off));
      const version = doc.saved.versions[RUNTIMES.find((r) => r.label === rt)?.id ?? ""] ?? "";
      return fill("otel", "runtime", { runtime: rt, version, rows: rows.join("\n") });
    });
    const body = fill("otel", "section", {
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

function row(label: string, sum: Summary | undefined, off: Summary | undefined): string {
  if (!sum?.ok) return `| ${label} | **${sum?.failure ?? "not run"}** | – | – | – | – | – |`;
  const m = sum.median;
  const ratio = off?.ok ? `${fixed(m.cpuPer1000! / off.median.cpuPer1000!, 2)}×` : "–";
  const spans = m.spansPerRun === undefined ? "–" : fixed(m.spansPerRun, 2);
  return `| ${label} | ${fixed(m.startMs, 0)} | ${fixed(m.heapPerTask, 0)} | ${fixed(m.cpuPer1000, 2)} | ${ratio} | ${
    fixed(m.delivered === undefined ? undefined : m.delivered * 100, 1)
  }% | ${spans} |`;
}
