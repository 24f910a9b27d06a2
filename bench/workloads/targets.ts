/**
 * The README's scale targets, judged the same way wherever a section shows them: ours beside the
 * bare setTimeout chain measured in the same workload.
 * @module
 */
import { fixed } from "../harness/report.ts";

/** Each target met ("yes") or not ("**no**"), and our CPU per tick over the chain's. */
export function judge(
  ours: Readonly<Record<string, number>>,
  chain: Readonly<Record<string, number>>,
): { heap: string; cpu: string; ratio: string; p99: string } {
  const yes = (b: boolean): string => (b ? "yes" : "**no**");
  return {
    heap: yes(ours.heapPerTask! <= 1024),
    cpu: yes(ours.cpuPer1000! <= 1.2 * chain.cpuPer1000!),
    ratio: fixed(ours.cpuPer1000! / chain.cpuPer1000!, 2),
    p99: yes(ours.p99! <= chain.p99! + 1),
  };
}
