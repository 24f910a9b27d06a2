/**
 * What telemetry costs per run, in this process: `count` of our workers at 1 s in one manager, each
 * run doing nothing but count itself, with
 *   - `off`: no observer (what a run costs when nobody imports `@background/workers/otel`);
 *   - `noop`: `telemetry()` on the global OpenTelemetry API with no SDK registered (no-op spans
 *     and instruments, the context still switched around each run);
 *   - `sdk`: `telemetry()` with the real SDK as an application sets it up: the AsyncLocalStorage
 *     context manager, a tracer provider with a batch span processor, and a meter provider with a
 *     periodic reader; both exporters drop what they get (the export's own cost is the backend's).
 * Prints a ready line once every worker is set up and a result line, as bench/scale.ts does, for
 * bench/workloads/otel.ts, which runs each mode in its own process.
 *
 *   deno run -A --v8-flags=--expose-gc bench/otel.ts sdk 10000 5
 */
import { context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { AggregationTemporality, MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { telemetry } from "../src/otel/mod.ts";

declare const Bun: { gc(force: boolean): void } | undefined;
declare const process: {
  argv: string[];
  cpuUsage(): { user: number; system: number };
  memoryUsage(): { heapUsed: number };
  exit(code: number): never;
};

const argv = process.argv.slice(2).filter((a) => !a.endsWith(".ts") && !a.endsWith(".mjs") && !a.includes("/"));
const mode = (argv[0] ?? "off") as "off" | "noop" | "sdk";
const count = Number(argv[1] ?? 10_000);
const seconds = Number(argv[2] ?? 5);
const warmup = Number(argv[3] ?? 2);
const period = 1_000;
if (!["off", "noop", "sdk"].includes(mode)) throw new Error(`bench/otel.ts: mode must be off, noop or sdk, got ${mode}`);

function gc(): void {
  const g = globalThis as { gc?: () => void };
  if (typeof Bun !== "undefined") Bun.gc(true);
  else g.gc?.();
}

let exported = 0;
const spanSink: SpanExporter = {
  export: (spans, done) => {
    exported += spans.length;
    done({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
};
const metricSink: PushMetricExporter = {
  export: (_metrics, done) => done({ code: 0 }),
  selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

let shutdownSdk = (): Promise<unknown> => Promise.resolve();
if (mode === "sdk") {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(spanSink, { maxQueueSize: 20_000 })] });
  const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter: metricSink, exportIntervalMillis: 1_000 })] });
  trace.setGlobalTracerProvider(tracerProvider);
  metrics.setGlobalMeterProvider(meterProvider);
  shutdownSdk = () => Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
}

let ticks = 0;
let measuring = false;
const tick = (): void => {
  if (measuring) ticks++;
};

gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const manager = new BackgroundWorkerManager();
if (mode !== "off") manager.observe(telemetry());
for (let i = 0; i < count; i++) manager.add(periodic(`w${i}`, { period }, tick));
await manager.start();
const startMs = performance.now() - t0;
console.log(JSON.stringify({ bench: "ready" }));

await new Promise((r) => setTimeout(r, warmup * 1_000));
gc();
const heapPerTask = (process.memoryUsage().heapUsed - heapBefore) / count;
// The forced GC stalls the loop: open the window once the ticks it delayed have fired.
if (warmup > 0) await new Promise((r) => setTimeout(r, 1.5 * period));
const exportedBefore = exported;
measuring = true;
const cpu0 = process.cpuUsage();
const w0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1_000));
measuring = false;
const cpu1 = process.cpuUsage();
const wall = performance.now() - w0;
const spansExported = exported - exportedBefore;
await manager.stop();
await shutdownSdk();

const cpuMs = (cpu1.user - cpu0.user + cpu1.system - cpu0.system) / 1_000;
console.log(JSON.stringify({
  bench: "result",
  mode,
  count,
  seconds,
  warmup,
  startMs,
  heapPerTask,
  cpuPer1000: (cpuMs / ticks) * 1_000,
  delivered: ticks / (count * (wall / period)),
  // In the sdk mode, the spans that reached the exporter per run: 1 when none were dropped.
  spansPerRun: mode === "sdk" ? spansExported / ticks : NaN,
}));
process.exit(0);
