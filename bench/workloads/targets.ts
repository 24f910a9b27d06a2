/**
 * The README's scale targets and issue 20's cold-start goals, judged the same way wherever a
 * section shows them: ours beside the bare setTimeout chain (and, for setup and the cold p99,
 * toad-scheduler and setInterval) measured in the same workload.
 * @module
 */
import { fixed } from "../harness/report.ts";

type Figures = Readonly<Record<string, number>>;

const yes = (b: boolean): string => (b ? "yes" : "**no**");

/** Each target met ("yes") or not ("**no**"), and our CPU per tick over the chain's. */
export function judge(
  ours: Figures,
  chain: Figures,
): { heap: string; cpu: string; ratio: string; p99: string } {
  return {
    heap: yes(ours.heapPerTask! <= 1024),
    cpu: yes(ours.cpuPer1000! <= 1.2 * chain.cpuPer1000!),
    ratio: fixed(ours.cpuPer1000! / chain.cpuPer1000!, 2),
    p99: yes(ours.p99! <= chain.p99! + 1),
  };
}

/**
 * The cold-start goals of the first window after start: delivered ≥ 99.5 %, p99 interval error ≤
 * the chain's and ≤ max(toad-scheduler, setInterval) + 1 ms, CPU per tick ≤ 1.5× the chain's,
 * setup ≤ 2× toad-scheduler's; the ratios in brackets. A goal whose peer has no figure says so.
 */
export function judgeCold(
  ours: Figures,
  chain: Figures,
  toad: Figures | undefined,
  interval: Figures | undefined,
): { delivered: string; p99: string; peersP99: string; cpu: string; setup: string } {
  const none = (who: string): string => `– (no figure of ${who})`;
  const ratio = (a: number, b: number): string => `(${fixed(a / b, 2)}×)`;
  return {
    delivered: yes(ours.delivered! >= 0.995),
    p99: yes(ours.p99! <= chain.p99!),
    peersP99: toad === undefined || interval === undefined
      ? none("toad-scheduler or setInterval")
      : yes(ours.p99! <= Math.max(toad.p99!, interval.p99!) + 1),
    cpu: `${yes(ours.cpuPer1000! <= 1.5 * chain.cpuPer1000!)} ${ratio(ours.cpuPer1000!, chain.cpuPer1000!)}`,
    setup: toad === undefined ? none("toad-scheduler") : `${yes(ours.setupMs! <= 2 * toad.setupMs!)} ${ratio(ours.setupMs!, toad.setupMs!)}`,
  };
}
