/**
 * What a run gets (`WorkerContext`), as one class: `signal` is a getter on its prototype, so that
 * the shared AbortSignal is made only when a run reads it, and the context's shape stays one
 * (monomorphic) for every run of every worker. An accessor in each object literal, or a closure per
 * run, is what cost 0.6–0.8 µs a run before.
 * @module
 */
import { type RunSignalFields, sharedSignal } from "./run_signal.ts";
import type { WorkerContext } from "./types.ts";

/** The context of one run. */
export class RunContext implements WorkerContext {
  readonly name: string;
  readonly run: number;
  readonly scheduledAt: number;
  readonly startedAt: number;
  readonly fencingToken: number | undefined;
  readonly #s: RunSignalFields;
  readonly #gen: number;
  #signal: AbortSignal | undefined;

  constructor(
    s: RunSignalFields,
    own: AbortSignal | undefined,
    name: string,
    run: number,
    scheduledAt: number,
    startedAt: number,
    fencingToken: number | undefined,
  ) {
    this.#s = s;
    this.#gen = s.gen;
    this.#signal = own;
    this.name = name;
    this.run = run;
    this.scheduledAt = scheduledAt;
    this.startedAt = startedAt;
    this.fencingToken = fencingToken;
  }

  /** Aborts when the worker is stopped or removed, when the run's `timeout` elapses, or when its lease is lost. */
  get signal(): AbortSignal {
    return this.#signal ??= sharedSignal(this.#s, this.#gen);
  }

  /** The run's signal if it has one yet (its own, or the shared one it read), for the outcome. */
  static signalOf(context: RunContext): AbortSignal | undefined {
    return context.#signal;
  }
}

/** The context of a run of a manager with a `scope` factory: the same, with its scope. */
export class ScopedRunContext extends RunContext {
  scope: unknown = undefined;
}
