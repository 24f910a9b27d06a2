/**
 * Telemetry, set up as the README's "Telemetry" section gives it (this file is that snippet, with
 * the repo's paths; a test keeps the two the same): spans and metrics of every run to the console.
 *
 *   deno run -A examples/telemetry.ts      (Ctrl-C stops it)
 * @module
 */
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { telemetry } from "../src/otel/mod.ts";
import { context, metrics, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { ConsoleMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter } from "@opentelemetry/sdk-trace-base";

// The SDK first: the API hands a no-op meter, for good, to whoever asks before a provider is set.
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(new ConsoleSpanExporter())] }));
const reader = new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 10_000 });
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));

const manager = new BackgroundWorkerManager();
manager.observe(telemetry());
manager.add(periodic("PassiveUserChecker", { period: 2_000, runOnStart: true }, async () => {
  // A child of the run's span, as are the spans of instrumented calls (fetch, pg) made here.
  await trace.getTracer("app").startActiveSpan("find passive users", async (span) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    span.end();
  });
}));
await manager.start();
manager.stopOnShutdown();
