/**
 * Where ours leads and where it does not, worked out from the figures of the periodic workloads so
 * that it cannot go stale: per workload and runtime, every peer that beats ours on a metric by more
 * than the noise of a shared 2-core machine (5 %, or 0.1 point of delivered ticks). A peer that
 * failed beats nothing.
 * @module
 */
import { ms, percent, runsLine, whole } from "../harness/report.ts";
import { fill } from "../harness/template.ts";
import { OURS, OURS_CRON } from "./schedulers.ts";
import { EVERY_100MS, SECOND_100K, SECOND_10K } from "./tick.ts";
import type { Rendering } from "./workload.ts";

const METRICS = [
  { key: "delivered", name: "delivered ticks", higher: true, show: (v: number | undefined) => percent(v) },
  { key: "p99", name: "p99 interval error", higher: false, show: (v: number | undefined) => `${ms(v)} ms` },
  { key: "cpuPer1000", name: "CPU per tick", higher: false, show: (v: number | undefined) => `${ms(v)} ms/1,000` },
  { key: "heapPerTask", name: "heap per task", higher: false, show: (v: number | undefined) => `${whole(v)} B` },
] as const;

/** The template part that says why ours is behind on a metric. */
const WHY = [["heapPerTask", "why-heap"], ["cpuPer1000", "why-cpu"], ["p99", "why-p99"], ["delivered", "why-p99"]] as const;

const beats = (peer: number, ours: number, higher: boolean): boolean => (higher ? peer > ours + 0.001 : peer < ours / 1.05);

/** The verdict paragraph of the comparison's head. */
export function verdict(doc: Rendering): string {
  const lines: string[] = [];
  const behindOn = new Set<string>();
  for (const workload of [EVERY_100MS, SECOND_10K, SECOND_100K]) {
    // The count of this invocation's --scale, as the verdict has always titled its lines.
    const w = workload.ticks(doc.settings);
    for (const rt of doc.runtimes(w.id)) {
      const ours = doc.get(w.id, OURS.label, rt);
      if (ours === undefined) continue;
      const title = `${workload.heading(w.count)}, ${rt}`;
      if (!ours.ok) {
        lines.push(fill("verdict", "failed", { title, failure: ours.failure }));
        continue;
      }
      const behind: string[] = [];
      for (const m of METRICS) {
        const o = ours.median[m.key]!;
        const better = w.schedulers
          .filter((x) => x !== OURS && x !== OURS_CRON)
          .flatMap((x) => {
            const sum = doc.get(w.id, x.label, rt);
            return sum?.ok && sum.median[m.key] !== undefined && beats(sum.median[m.key]!, o, m.higher) ? [`${x.label} ${m.show(sum.median[m.key])}`] : [];
          });
        if (better.length > 0) {
          behind.push(`${m.name} (ours ${m.show(o)}; ${better.join(", ")})`);
          behindOn.add(m.key);
        }
      }
      lines.push(behind.length === 0 ? fill("verdict", "leads", { title }) : fill("verdict", "behind", { title, behind: behind.join("; ") }));
    }
  }
  const why = [...new Set(WHY.filter(([key]) => behindOn.has(key)).map(([, part]) => part))]
    .map((part) => fill("verdict", part, part === "why-p99" ? { runs: runsLine(doc.saved.runs, SECOND_10K.id) } : {}));
  return fill("verdict", "main", { lines: lines.join("\n") }) + (why.length === 0 ? "" : `\n\n${fill("verdict", "why", { reasons: why.join("\n") })}`);
}
