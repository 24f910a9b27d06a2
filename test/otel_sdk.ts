/**
 * The real OpenTelemetry SDK for the telemetry tests: a tracer provider exporting into memory, a
 * meter provider whose reader collects on demand, and the AsyncLocalStorage context manager
 * (node:async_hooks, which Node, Deno and Bun all have) made the global one.
 */
import { type Attributes, context, type HrTime } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { AggregationTemporality, DataPointType, type Histogram, MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";

/** A reader that collects when asked, cumulative (the values since the start). */
class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** One data point as the tests compare them: its attributes and its value (a sum, or a histogram's count, sum, min and max). */
export interface Point {
  attributes: Attributes;
  value: number | { count: number; sum: number | undefined; min: number | undefined; max: number | undefined };
}

export interface Sdk {
  readonly tracerProvider: BasicTracerProvider;
  readonly meterProvider: MeterProvider;
  /** The spans that ended so far, in the order they ended. */
  spans(): ReadableSpan[];
  /** Every metric collected now, by name, with its points and unit. */
  collect(): Promise<Map<string, { unit: string; points: Point[] }>>;
  shutdown(): Promise<void>;
}

let contextManager: AsyncLocalStorageContextManager | undefined;

/** Makes the AsyncLocalStorage context manager the global one (once per test file). */
export function useAsyncContext(): void {
  if (contextManager !== undefined) return;
  contextManager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(contextManager)) throw new Error("could not set the global context manager");
}

/** A fresh SDK: providers, exporter and reader. */
export function sdk(): Sdk {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    spans: () => exporter.getFinishedSpans(),
    async collect() {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw new AggregateError(errors, "metric collection failed");
      const out = new Map<string, { unit: string; points: Point[] }>();
      for (const scope of resourceMetrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          const points = (metric.dataPoints as { attributes: Attributes; value: number | Histogram }[]).map((p): Point => ({
            attributes: p.attributes,
            value: metric.dataPointType === DataPointType.HISTOGRAM
              ? { count: (p.value as Histogram).count, sum: (p.value as Histogram).sum, min: (p.value as Histogram).min, max: (p.value as Histogram).max }
              : p.value as number,
          }));
          out.set(metric.descriptor.name, { unit: metric.descriptor.unit, points });
        }
      }
      return out;
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** An HrTime as epoch ms. */
export function ms(time: HrTime): number {
  return time[0] * 1_000 + time[1] / 1e6;
}
