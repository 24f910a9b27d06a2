/**
 * A span per run: `run {worker}`, kind INTERNAL, from the run's start to its end as the manager's
 * clock measured them (so a span and the duration metric agree, under fake time too), with
 * `doWork` called inside its context, so that the spans the work makes (its own, fetch's, pg's)
 * are its children.
 *
 * Each run is the root of its own trace: the context that a timer fires in is whatever context
 * `manager.start()` (or the `add` that scheduled the worker) was called in, and a worker started
 * during a request must not make every later run a child of that request.
 * @module
 */
import { type Attributes, context, type Exception, type HrTime, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from "@opentelemetry/api";
import type { RunEndEvent, RunEvent, RunOutcome } from "../core/observer.ts";
import {
  ATTR_ERROR_TYPE,
  ATTR_FENCING_TOKEN,
  ATTR_OUTCOME,
  ATTR_PLATFORM,
  ATTR_RUN,
  ATTR_SCHEDULED_AT,
  ATTR_TASK,
  errorType,
  PLATFORM,
} from "./names.ts";

/** Why a span has the ERROR status, for the outcomes that are not a thrown error. */
const STATUS_MESSAGE: Partial<Record<RunOutcome, string>> = {
  timeout: "the run exceeded its timeout",
  "lease-lost": "the run's lease was lost",
};

/**
 * Epoch ms as the API's [seconds, nanoseconds]: a plain number below the process's time origin
 * would be taken for a `performance.now()` reading (as under a test clock set in the past).
 */
function epoch(ms: number): HrTime {
  const seconds = Math.floor(ms / 1_000);
  return [seconds, Math.min(999_999_999, Math.round((ms - seconds * 1_000) * 1e6))];
}

/**
 * What a run threw, as the SDK records it: an error with its name, message and stack (and a
 * `code`, which the SDK takes for the type, e.g. `ECONNREFUSED`), anything else as text. A
 * DOMException's numeric legacy `code` (23 for a TimeoutError) would hide its name: left out.
 */
function exception(error: unknown): Exception {
  if (typeof error !== "object" || error === null) return String(error);
  if (error instanceof DOMException) return { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  return error as Exception;
}

/** Starts, wraps and ends the spans of runs. */
export class RunSpans {
  readonly #tracer: Tracer;
  readonly #names = new Map<string, string>();

  constructor(tracer: Tracer) {
    this.#tracer = tracer;
  }

  /** The span of a run that just started. */
  start(event: RunEvent): Span {
    const worker = event.worker;
    let name = this.#names.get(worker);
    if (name === undefined) this.#names.set(worker, name = `run ${worker}`);
    const attributes: Attributes = {
      [ATTR_PLATFORM]: PLATFORM,
      [ATTR_TASK]: worker,
      [ATTR_RUN]: event.run,
      [ATTR_SCHEDULED_AT]: event.scheduledAt,
    };
    if (event.fencingToken !== undefined) attributes[ATTR_FENCING_TOKEN] = event.fencingToken;
    return this.#tracer.startSpan(name, { kind: SpanKind.INTERNAL, startTime: epoch(event.startedAt), attributes, root: true });
  }

  /** Calls `body` (the run's `doWork`) with `span` as the active span. */
  wrap<T>(span: Span, body: () => T): T {
    return context.with(trace.setSpan(ROOT_CONTEXT, span), body);
  }

  /** Ends a run's span with its outcome, its error recorded as an exception. */
  end(span: Span, event: RunEndEvent): void {
    const { outcome, error } = event;
    const end = epoch(event.startedAt + event.durationMs);
    span.setAttribute(ATTR_OUTCOME, outcome);
    const type = errorType(outcome, error);
    if (type !== undefined) {
      span.setAttribute(ATTR_ERROR_TYPE, type);
      const thrown = typeof error === "object" && error !== null ? error as { message?: unknown } : undefined;
      if (error !== undefined) span.recordException(exception(error), end);
      const message = typeof thrown?.message === "string" ? thrown.message : String(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: STATUS_MESSAGE[outcome] ?? message });
    }
    span.end(end);
  }
}
