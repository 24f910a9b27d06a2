/**
 * Telemetry's spans, with the real OpenTelemetry SDK: one span per run with its attributes and
 * times, the spans made inside doWork as its children, each outcome, and the options.
 */
import { context, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, type LeaseStore, periodic } from "../mod.ts";
import { telemetry } from "../src/otel/mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";
import { ms, sdk, useAsyncContext } from "./otel_sdk.ts";

/** Work that takes `ms` and gives up (rejects with the reason) when its signal aborts. */
function abortable(wait: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, wait);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

beforeAll(() => useAsyncContext());
afterEach(() => {
  vi.useRealTimers();
});

describe("telemetry: a span per run", () => {
  test("named after the worker, kind INTERNAL, a root, with run number, scheduled and start times, and the outcome", async () => {
    vi.useFakeTimers();
    const otel = sdk();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    manager.add(periodic("Tick", { period: 100 }, () => sleep(30)));
    // Started inside a span of its own: the runs must not become its children.
    const startup = otel.tracerProvider.getTracer("app").startSpan("startup");
    await context.with(trace.setSpan(context.active(), startup), () => manager.start());
    startup.end();
    const t0 = Date.now();
    await vi.advanceTimersByTimeAsync(260);
    await drain(manager.stop());
    const runs = otel.spans().filter((s) => s.name === "run Tick");
    expect(runs).toHaveLength(2);
    for (const [i, span] of runs.entries()) {
      expect(span.kind).toBe(SpanKind.INTERNAL);
      expect(span.parentSpanContext).toBeUndefined();
      expect(span.instrumentationScope.name).toBe("@background/workers");
      const due = t0 + 100 * (i + 1) + 30 * i;
      expect(span.attributes).toEqual({
        "workflow.platform.name": "background-workers",
        "workflow.task.name": "Tick",
        "background_worker.run.number": i + 1,
        "background_worker.run.scheduled_at": due,
        "workflow.execution.outcome": "success",
      });
      // The manager's clock, to the millisecond: start at the slot, 30 ms of work.
      expect(ms(span.startTime)).toBeCloseTo(due, 3);
      expect(ms(span.endTime) - ms(span.startTime)).toBeCloseTo(30, 3);
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.events).toEqual([]);
    }
    expect(new Set(runs.map((s) => s.spanContext().traceId)).size).toBe(2);
    await otel.shutdown();
  });

  test("a span made inside doWork is a child of the run's span: synchronously, after an await, after a timer", async () => {
    const otel = sdk();
    const tracer = otel.tracerProvider.getTracer("app");
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    const child = (name: string): void => tracer.startActiveSpan(name, (span: Span) => span.end());
    manager.add(periodic("Nested", { period: 3_600_000 }, async () => {
      child("sync");
      await Promise.resolve();
      child("after await");
      // A real timer: the context must come through the runtime's own setTimeout.
      await new Promise((resolve) => setTimeout(resolve, 1));
      child("after timer");
      await tracer.startActiveSpan("async parent", async (span: Span) => {
        await Promise.resolve();
        child("grandchild");
        span.end();
      });
    }));
    await manager.start();
    const result = await manager.trigger("Nested");
    expect(result.ok).toBe(true);
    await manager.stop();
    const spans = otel.spans();
    const run = spans.find((s) => s.name === "run Nested")!;
    const id = run.spanContext();
    for (const name of ["sync", "after await", "after timer", "async parent"]) {
      const span = spans.find((s) => s.name === name)!;
      expect({ name, parent: span.parentSpanContext?.spanId, trace: span.spanContext().traceId }).toEqual({ name, parent: id.spanId, trace: id.traceId });
    }
    const parent = spans.find((s) => s.name === "async parent")!;
    expect(spans.find((s) => s.name === "grandchild")!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    // Outside the run, nothing is active.
    expect(trace.getActiveSpan()).toBeUndefined();
    await otel.shutdown();
  });

  test("with a scope factory (made before doWork, awaited): doWork still runs in the run's span", async () => {
    const otel = sdk();
    const tracer = otel.tracerProvider.getTracer("app");
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      scope: async ({ run }) => {
        await Promise.resolve();
        return { run, [Symbol.asyncDispose]: () => Promise.resolve() };
      },
    });
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    manager.add(periodic("Scoped", { period: 3_600_000 }, () => tracer.startActiveSpan("inside", (span: Span) => span.end())));
    await manager.start();
    expect((await manager.trigger("Scoped")).ok).toBe(true);
    await manager.stop();
    const run = otel.spans().find((s) => s.name === "run Scoped")!;
    expect(otel.spans().find((s) => s.name === "inside")!.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    await otel.shutdown();
  });

  test("each outcome: success, failure (exception recorded), timeout, aborted by stop", async () => {
    vi.useFakeTimers();
    const otel = sdk();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    class QuotaError extends Error {}
    manager.add(periodic("Ok", { period: 100 }, () => {}));
    manager.add(periodic("Throws", { period: 100 }, () => {
      throw new QuotaError("over quota");
    }));
    manager.add(periodic("ThrowsText", { period: 100 }, () => Promise.reject("plain text")));
    manager.add(periodic("Slow", { period: 100, timeout: 50 }, ({ signal }) => abortable(10_000, signal)));
    manager.add(periodic("Stopped", { period: 150 }, ({ signal }) => abortable(10_000, signal)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(160);
    await drain(manager.stop());
    const first = (worker: string) => otel.spans().find((s) => s.name === `run ${worker}`)!;
    const summary = (worker: string) => {
      const span = first(worker);
      return {
        outcome: span.attributes["workflow.execution.outcome"],
        errorType: span.attributes["error.type"],
        status: span.status,
        exceptions: span.events.filter((e) => e.name === "exception").map((e) => [e.attributes?.["exception.type"], e.attributes?.["exception.message"]]),
      };
    };
    expect(summary("Ok")).toEqual({ outcome: "success", errorType: undefined, status: { code: SpanStatusCode.UNSET }, exceptions: [] });
    expect(summary("Throws")).toEqual({
      outcome: "failure",
      errorType: "QuotaError",
      status: { code: SpanStatusCode.ERROR, message: "over quota" },
      exceptions: [["Error", "over quota"]],
    });
    expect(first("Throws").events[0]!.attributes?.["exception.stacktrace"]).toMatch(/over quota/);
    expect(summary("ThrowsText")).toEqual({
      outcome: "failure",
      errorType: "_OTHER",
      status: { code: SpanStatusCode.ERROR, message: "plain text" },
      exceptions: [[undefined, "plain text"]],
    });
    expect(summary("Slow")).toEqual({
      outcome: "timeout",
      errorType: "timeout",
      status: { code: SpanStatusCode.ERROR, message: "the run exceeded its timeout" },
      exceptions: [["TimeoutError", expect.stringMatching(/exceeded its timeout of 50 ms/)]],
    });
    expect(ms(first("Slow").endTime) - ms(first("Slow").startTime)).toBeCloseTo(50, 3);
    // stop() asked it to give up: not an error.
    expect(summary("Stopped")).toEqual({ outcome: "aborted", errorType: undefined, status: { code: SpanStatusCode.UNSET }, exceptions: [] });
    await otel.shutdown();
  });

  test("with a lease: the fencing token on the span, and lease-lost when the lease is taken", async () => {
    vi.useFakeTimers();
    let holder: string | undefined;
    let token = 40;
    const store: LeaseStore = {
      acquire: (_n, owner) => {
        if (holder !== undefined) return Promise.resolve(null);
        holder = owner;
        return Promise.resolve(++token);
      },
      renew: (_n, owner) => Promise.resolve(holder === owner),
      release: (_n, owner) => Promise.resolve(void (holder === owner && (holder = undefined))),
    };
    const otel = sdk();
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 300 } });
    manager.observe(telemetry({ tracerProvider: otel.tracerProvider, meterProvider: otel.meterProvider }));
    manager.add(periodic("Leased", { period: 100 }, ({ signal }) => abortable(1_000, signal)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(150);
    holder = "thief";
    await vi.advanceTimersByTimeAsync(300);
    await drain(manager.stop());
    const [run] = otel.spans().filter((s) => s.name === "run Leased");
    expect(run!.attributes).toMatchObject({ "background_worker.run.fencing_token": 41, "workflow.execution.outcome": "lease-lost", "error.type": "lease-lost" });
    expect(run!.status).toEqual({ code: SpanStatusCode.ERROR, message: "the run's lease was lost" });
    expect(run!.events.map((e) => e.attributes?.["exception.type"])).toEqual(["LeaseLostError"]);
    await otel.shutdown();
  });

  test("traces: false makes no span and does not wrap doWork; the global providers are the default", async () => {
    vi.useFakeTimers();
    const otel = sdk();
    expect(telemetry({ traces: false, meterProvider: otel.meterProvider }).around).toBeUndefined();
    expect(telemetry({ metrics: false, tracerProvider: otel.tracerProvider }).skipped).toBeUndefined();
    expect(trace.setGlobalTracerProvider(otel.tracerProvider)).toBe(true);
    try {
      const manager = new BackgroundWorkerManager({ logger: silentLogger() });
      manager.observe(telemetry());
      manager.add(periodic("Global", { period: 100 }, () => {}));
      await manager.start();
      await vi.advanceTimersByTimeAsync(100);
      await drain(manager.stop());
      expect(otel.spans().map((s) => s.name)).toEqual(["run Global"]);
    } finally {
      trace.disable();
    }
    await otel.shutdown();
  });

  test("bad options are refused, naming the option and the value", () => {
    expect(() => telemetry({ traces: "yes" } as never)).toThrow(/telemetry: option "traces" must be true or false, got "yes"/);
    expect(() => telemetry({ tracerProvider: {} } as never)).toThrow(/telemetry: option "tracerProvider" must be an object with a getTracer\(\) method, got \{\}/);
    expect(() => telemetry({ meterProvider: 5 } as never)).toThrow(/option "meterProvider" must be an object with a getMeter\(\) method, got 5/);
    expect(() => telemetry({ tracer: {} } as never)).toThrow(/telemetry: unknown option "tracer"/);
    expect(() => telemetry(null as never)).toThrow(/telemetry: options must be an object, got null/);
  });
});
