/**
 * OpenTelemetry traces and metrics for every run: `manager.observe(telemetry())`. A span per run
 * (`run {worker}`) with `doWork` inside its context, and histograms of duration and lateness,
 * counters of outcomes and skipped slots, and the runs in flight and leases held. The names and
 * attributes are listed in the README ("Telemetry").
 *
 * `@opentelemetry/api` is an optional peer dependency, imported by this entry point alone: an
 * application that does not import it pays nothing, and a manager with no observer builds no event
 * at all. Without `tracerProvider` or `meterProvider`, the global ones are used: register the SDK
 * before calling `telemetry()` (the API hands out a no-op meter for good to a caller that comes
 * before the meter provider does). Spans parent the work's own spans only with a context manager
 * (e.g. `AsyncLocalStorageContextManager` from `@opentelemetry/context-async-hooks`, which works on
 * Node, Deno and Bun).
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 * import { telemetry } from "@background/workers/otel";
 *
 * const manager = new BackgroundWorkerManager();
 * manager.observe(telemetry());
 * manager.add(periodic("PassiveUserChecker", { period: 5_000 }, async ({ signal }) => {
 *   await fetch("https://example.com/users/check-passive", { method: "POST", signal });
 * }));
 * await manager.start();
 * ```
 * @module
 */
import { type Meter, metrics, trace, type Tracer } from "@opentelemetry/api";
import type { LeaseEvent, RunEndEvent, RunEvent, RunObserver, SkipEvent } from "../core/observer.ts";
import { checkBoolean, checkKeys, checkObject, show } from "../core/options.ts";
import { InFlight } from "./in_flight.ts";
import { RunMeters } from "./meters.ts";
import { SCOPE } from "./names.ts";
import { RunSpans } from "./spans.ts";

export type { RunObserver } from "../core/observer.ts";

/**
 * What {@link telemetry} needs of a tracer provider: any OpenTelemetry `TracerProvider` is one.
 * (Its own type would pull the whole API's types into this module's documentation.)
 *
 * @example
 * ```ts
 * import type { TracerSource } from "@background/workers/otel";
 * import { trace } from "@opentelemetry/api";
 *
 * const source: TracerSource = trace.getTracerProvider();
 * ```
 */
export interface TracerSource {
  /** A tracer of the instrumentation scope `name` (an OpenTelemetry `Tracer`). */
  getTracer(name: string): object;
}

/**
 * What {@link telemetry} needs of a meter provider: any OpenTelemetry `MeterProvider` is one.
 *
 * @example
 * ```ts
 * import type { MeterSource } from "@background/workers/otel";
 * import { metrics } from "@opentelemetry/api";
 *
 * const source: MeterSource = metrics.getMeterProvider();
 * ```
 */
export interface MeterSource {
  /** A meter of the instrumentation scope `name` (an OpenTelemetry `Meter`). */
  getMeter(name: string): object;
}

/**
 * Options of {@link telemetry}.
 *
 * @example
 * ```ts
 * import type { TelemetryOptions } from "@background/workers/otel";
 *
 * const metricsOnly: TelemetryOptions = { traces: false };
 * ```
 */
export interface TelemetryOptions {
  /** Where the spans go (default: the global tracer provider, `trace.getTracerProvider()`). */
  readonly tracerProvider?: TracerSource | undefined;
  /** Where the metrics go (default: the global meter provider, `metrics.getMeterProvider()`). */
  readonly meterProvider?: MeterSource | undefined;
  /** A span per run (default true). */
  readonly traces?: boolean | undefined;
  /** The metrics (default true). */
  readonly metrics?: boolean | undefined;
}

const OWNER = "telemetry";
const KNOWN = ["tracerProvider", "meterProvider", "traces", "metrics"] as const;

function checkProvider(option: string, value: unknown, method: string): void {
  if (value === undefined) return;
  if (value === null || typeof value !== "object" || typeof (value as Record<string, unknown>)[method] !== "function") {
    throw new TypeError(`${OWNER}: option "${option}" must be an object with a ${method}() method, got ${show(value)}`);
  }
}

/**
 * An observer that makes a span of each run and records its metrics; pass it to
 * `manager.observe()`. Make one per manager: it tells runs apart by worker name.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { telemetry } from "@background/workers/otel";
 * import { metrics, trace } from "@opentelemetry/api";
 *
 * const manager = new BackgroundWorkerManager();
 * using _ = manager.observe(telemetry({ tracerProvider: trace.getTracerProvider(), meterProvider: metrics.getMeterProvider() }));
 * ```
 */
export function telemetry(options: TelemetryOptions = {}): RunObserver {
  checkObject(OWNER, "options", options);
  checkKeys(OWNER, options, KNOWN);
  checkProvider("tracerProvider", options.tracerProvider, "getTracer");
  checkProvider("meterProvider", options.meterProvider, "getMeter");
  const traced = options.traces === undefined || checkBoolean(OWNER, "traces", options.traces);
  const metered = options.metrics === undefined || checkBoolean(OWNER, "metrics", options.metrics);
  const spans = traced ? new RunSpans((options.tracerProvider ?? trace.getTracerProvider()).getTracer(SCOPE) as Tracer) : undefined;
  const meters = metered ? new RunMeters((options.meterProvider ?? metrics.getMeterProvider()).getMeter(SCOPE) as Meter) : undefined;
  const flights = new InFlight();
  const observer: RunObserver = {
    started(event: RunEvent): void {
      flights.add(event, spans?.start(event));
      meters?.started(event);
    },
    settled(event: RunEndEvent): void {
      const flight = flights.take(event);
      if (flight?.span !== undefined) spans!.end(flight.span, event);
      meters?.settled(event, flight !== undefined);
    },
  };
  if (spans !== undefined) {
    observer.around = <T>(event: RunEvent, body: () => T): T => {
      const span = flights.find(event)?.span;
      return span === undefined ? body() : spans.wrap(span, body);
    };
  }
  if (meters !== undefined) {
    observer.skipped = (event: SkipEvent): void => meters.skipped(event);
    observer.lease = (event: LeaseEvent): void => meters.lease(event);
  }
  return observer;
}
