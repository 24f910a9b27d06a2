/**
 * Graceful shutdown under load: `count` of our workers, each in a run that awaits a 100 ms sleep
 * which aborts on the run's signal, and `stopOnShutdown()` listening. Prints `ready` once every
 * worker is in its run; bench/run.ts then sends SIGTERM and times kill to exit. The `stopped` line
 * says whether the stop really cut the runs short (aborted) rather than waiting them out (finished).
 *
 *   node_modules/.bin/deno run -A bench/peers/shutdown.ts 1000
 */
import process from "node:process";
import { BackgroundWorkerManager, periodic } from "../../mod.ts";

const count = Number(process.argv[2] ?? 1_000);
let inRun = 0;
let aborted = 0;
let finished = 0;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const manager = new BackgroundWorkerManager();
for (let i = 0; i < count; i++) {
  manager.add(periodic(`w${i}`, { period: 1_000, runOnStart: true }, async ({ signal }) => {
    inRun++;
    try {
      await sleep(100, signal);
      finished++;
    } catch {
      aborted++;
    } finally {
      inRun--;
    }
  }));
}
let inRunAtSignal = -1;
manager.stopOnShutdown({
  beforeExit: (report) => console.log(JSON.stringify({ bench: "result", settled: report.ok ? 1 : 0, count, inRunAtSignal, aborted, finished })),
});
// Our own listener only notes how many runs were in flight when the signal came.
process.on("SIGTERM", () => {
  if (inRunAtSignal < 0) inRunAtSignal = inRun;
});
await manager.start();
const poll = setInterval(() => {
  if (inRun < count) return;
  clearInterval(poll);
  console.log(JSON.stringify({ bench: "ready", inRun }));
}, 1);
