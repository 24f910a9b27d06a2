/**
 * What the status handler costs: CPU per run with its observer on (`http`) or no observer (`off`),
 * `count` workers at 1 s in one manager, each run doing nothing but count itself; then, in the
 * `http` mode, how long `/metrics`, `/health` and `/api/status` take to answer at that many
 * workers, and how big they are. One JSON result line.
 *
 *   deno run -A --v8-flags=--expose-gc bench/http.ts http 10000 5
 */
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { statusHandler } from "../src/http/mod.ts";

declare const process: { argv: string[]; cpuUsage(): { user: number; system: number }; memoryUsage(): { heapUsed: number }; exit(code: number): never };

const argv = process.argv.slice(2).filter((a) => !a.endsWith(".ts") && !a.includes("/"));
const mode = argv[0] ?? "off";
const count = Number(argv[1] ?? 10_000);
const seconds = Number(argv[2] ?? 5);
if (mode !== "off" && mode !== "http") throw new Error(`bench/http.ts: mode must be off or http, got ${mode}`);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

let ticks = 0;
let measuring = false;
const tick = (): void => {
  if (measuring) ticks++;
};
gc();
const heapBefore = process.memoryUsage().heapUsed;
const manager = new BackgroundWorkerManager();
const handler = mode === "http" ? statusHandler(manager) : undefined;
for (let i = 0; i < count; i++) manager.add(periodic(`w${i}`, { period: 1_000 }, tick));
await manager.start();
// Two runs per worker first, so the history and histograms are there when the heap is read.
await new Promise((r) => setTimeout(r, 2_500));
gc();
const heapPerWorker = (process.memoryUsage().heapUsed - heapBefore) / count;
measuring = true;
const cpu0 = process.cpuUsage();
const w0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1_000));
measuring = false;
const cpu1 = process.cpuUsage();
const wall = performance.now() - w0;
const routes: Record<string, { ms: number; bytes: number }> = {};
if (handler !== undefined) {
  for (const route of ["/metrics", "/health", "/api/status"]) {
    const t = performance.now();
    const body = await (await handler(new Request(`http://localhost${route}`))).text();
    routes[route] = { ms: Math.round(performance.now() - t), bytes: body.length };
  }
}
await manager.stop();
const cpuMs = (cpu1.user - cpu0.user + cpu1.system - cpu0.system) / 1_000;
console.log(JSON.stringify({ mode, count, seconds, heapPerWorker: Math.round(heapPerWorker), cpuPer1000: (cpuMs / ticks) * 1_000, delivered: ticks / (count * (wall / 1_000)), routes }));
process.exit(0);
