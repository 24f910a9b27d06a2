/**
 * One scale measurement in this process: `count` tasks at `period` ms, either our workers in one
 * manager ("ours") or a bare setTimeout chain per task ("chain"), measured after a warm-up. Prints
 * a ready line once every task is set up and a result line, as bench/peers/ do, for
 * bench/workloads/scale.ts, which runs each case in its own process.
 *
 *   deno run -A --v8-flags=--expose-gc bench/scale.ts ours 100000 10
 */
import { BackgroundWorkerManager, periodic } from "../mod.ts";

declare const Bun: { gc(force: boolean): void } | undefined;
declare const process: {
  argv: string[];
  cpuUsage(): { user: number; system: number };
  memoryUsage(): { heapUsed: number };
  exit(code: number): never;
};

const argv = process.argv.slice(2).filter((a) => !a.endsWith(".ts") && !a.endsWith(".mjs") && !a.includes("/"));
const mode = (argv[0] ?? "ours") as "ours" | "chain";
const count = Number(argv[1] ?? 100_000);
const seconds = Number(argv[2] ?? 10);
const warmup = Number(argv[3] ?? 2);
const period = 1_000;

function gc(): void {
  const g = globalThis as { gc?: () => void };
  if (typeof Bun !== "undefined") Bun.gc(true);
  else g.gc?.();
}

const last = new Float64Array(count);
const errors = new Float64Array(Math.ceil(count * (seconds + 1)));
let samples = 0;
let ticks = 0;
let measuring = false;

function tick(i: number): void {
  const now = performance.now();
  if (measuring) {
    ticks++;
    const prev = last[i] as number;
    if (prev > 0 && samples < errors.length) errors[samples++] = now - prev - period;
  }
  last[i] = now;
}

gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
let stop: () => Promise<unknown>;
if (mode === "ours") {
  const manager = new BackgroundWorkerManager();
  for (let i = 0; i < count; i++) manager.add(periodic(`w${i}`, { period }, () => tick(i)));
  await manager.start();
  stop = () => manager.stop();
} else {
  const timers = new Array<ReturnType<typeof setTimeout>>(count);
  let running = true;
  for (let i = 0; i < count; i++) {
    const run = (): void => {
      tick(i);
      if (running) timers[i] = setTimeout(run, period);
    };
    timers[i] = setTimeout(run, period);
  }
  stop = () => {
    running = false;
    for (const t of timers) clearTimeout(t);
    return Promise.resolve();
  };
}
const startMs = performance.now() - t0;
console.log(JSON.stringify({ bench: "ready" }));

await new Promise((r) => setTimeout(r, warmup * 1_000));
// After the warm-up, not right after the start: what a worker keeps once it has run (its
// AbortController, made at its first run) counts.
gc();
const heapPerTask = (process.memoryUsage().heapUsed - heapBefore) / count;
// The forced GC stalls the loop (over 100 ms at 100,000 tasks on Node): the ticks it delayed fire
// late. Open the window once they have, or its p99 is the harness's own GC pause.
if (warmup > 0) await new Promise((r) => setTimeout(r, 1.5 * period));
measuring = true;
const cpu0 = process.cpuUsage();
const w0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1_000));
measuring = false;
const cpu1 = process.cpuUsage();
const wall = performance.now() - w0;
await stop();

const sorted = errors.subarray(0, samples).sort();
const q = (p: number): number => sorted[Math.min(samples - 1, Math.floor(p * samples))] ?? NaN;
const cpuMs = (cpu1.user - cpu0.user + cpu1.system - cpu0.system) / 1_000;
console.log(JSON.stringify({
  bench: "result",
  mode,
  count,
  seconds,
  warmup,
  startMs,
  heapPerTask,
  p50: q(0.5),
  p99: q(0.99),
  max: sorted[samples - 1] ?? NaN,
  cpuPer1000: (cpuMs / ticks) * 1_000,
  delivered: ticks / (count * (wall / period)),
}));
process.exit(0);
