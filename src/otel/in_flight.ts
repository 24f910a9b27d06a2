/**
 * The runs in flight that the telemetry saw start, so that a run's end finds its span, and the
 * count of runs in flight goes down only for a run it went up for (an observer added while a run
 * goes on hears that run's end, not its start).
 *
 * `started` and `around` get the same event object; `settled` gets a copy with the outcome, so a
 * run is found by its worker, number and start time. One worker has one run in flight; two runs
 * of one name overlap only when a worker removed while its run went on is added again, or when
 * one observer watches two managers: hence a short chain per name rather than one slot.
 * @module
 */
import type { Span } from "@opentelemetry/api";
import type { RunEvent } from "../core/observer.ts";

/** One run in flight. */
export interface Flight {
  readonly event: RunEvent;
  /** Its span, when traces are on. */
  span: Span | undefined;
  next: Flight | undefined;
}

/** The runs in flight by worker name. */
export class InFlight {
  readonly #byWorker = new Map<string, Flight>();

  /** A run started. */
  add(event: RunEvent, span: Span | undefined): Flight {
    const flight: Flight = { event, span, next: this.#byWorker.get(event.worker) };
    this.#byWorker.set(event.worker, flight);
    return flight;
  }

  /** The run whose start was this very event (for `around`). */
  find(event: RunEvent): Flight | undefined {
    let flight = this.#byWorker.get(event.worker);
    while (flight !== undefined && flight.event !== event) flight = flight.next;
    return flight;
  }

  /** Takes out the run that this end event is of, if it was seen to start. */
  take(event: RunEvent): Flight | undefined {
    const first = this.#byWorker.get(event.worker);
    let previous: Flight | undefined;
    let flight = first;
    while (flight !== undefined && !same(flight.event, event)) {
      previous = flight;
      flight = flight.next;
    }
    if (flight === undefined) return undefined;
    if (previous !== undefined) previous.next = flight.next;
    else if (flight.next !== undefined) this.#byWorker.set(event.worker, flight.next);
    else this.#byWorker.delete(event.worker);
    return flight;
  }
}

const same = (a: RunEvent, b: RunEvent): boolean => a === b || (a.run === b.run && a.startedAt === b.startedAt);
