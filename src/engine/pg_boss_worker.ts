/**
 * One worker's pg-boss worker on this instance: it takes the queue's jobs one at a time and runs
 * each through the worker's run path, and it stops taking them on `stop()`.
 * @module
 */
import { EngineJobRefusedError, type EngineWorker } from "../core/engine.ts";
import type { Slots } from "./pg_boss_cron.ts";

/**
 * A pg-boss job as the engine reads it (pg-boss's `JobWithMetadata`, the fields used here).
 *
 * @example
 * ```ts
 * import type { BossJob } from "@background/workers/pg-boss";
 *
 * const created = (job: BossJob): number | undefined => job.createdOn?.getTime();
 * ```
 */
export interface BossJob {
  /** The job's id. */
  readonly id: string;
  /** What the engine put in it (where the job came from). */
  readonly data: unknown;
  /** created, retry, active, completed, cancelled or failed. */
  readonly state?: string;
  /** When pg-boss created it (the database's clock). */
  readonly createdOn?: Date;
  /** When it became active. */
  readonly startedOn?: Date;
  /** When it settled. */
  readonly completedOn?: Date | null;
  /** What the handler returned, or the error it threw (serialised). */
  readonly output?: unknown;
}

/** What a registration needs of the boss. */
interface Boss {
  offWork(value: { id: string }): Promise<void>;
  send(name: string, data: object, options: { retryLimit: number }): Promise<string | null>;
}

/** What the engine writes into a job's data: where the job came from, and the slot it stands for when handed on. */
interface JobData {
  readonly source?: "schedule" | "start" | "trigger" | "handoff";
  readonly scheduledAt?: number;
}

/** The run path's answer when the worker is not running here (stopped, paused): see engine_run.ts. */

/** Resolves true when `p` settled within `ms` (Infinity: whenever it settles), false otherwise. */
function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms === Infinity) return p.then(() => true, () => true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void p.finally(() => (clearTimeout(timer), resolve(true)));
  });
}

export class Registration {
  workerId: string | undefined;
  readonly #boss: Boss;
  readonly #queue: string;
  readonly #worker: EngineWorker;
  readonly #slots: Slots;
  readonly #expireMs: number;
  #stopped = false;
  #inFlight: Promise<unknown> | undefined;

  constructor(boss: Boss, queue: string, worker: EngineWorker, slots: Slots, expireInSeconds: number) {
    this.#boss = boss;
    this.#queue = queue;
    this.#worker = worker;
    this.#slots = slots;
    this.#expireMs = expireInSeconds * 1_000;
  }

  /** pg-boss's handler (batch size 1): resolves to complete the job, rejects to fail it. */
  handle(jobs: BossJob[]): Promise<unknown> {
    const job = jobs[0];
    if (job === undefined) return Promise.resolve();
    const p = this.#handle(job);
    this.#inFlight = p.catch(() => {});
    return p;
  }

  async #handle(job: BossJob): Promise<unknown> {
    const data = (job.data ?? {}) as JobData;
    const createdOn = job.createdOn instanceof Date ? job.createdOn.getTime() : Date.now();
    // A scheduled job stands for the slot its cron passed just before pg-boss created it; any
    // other job for the time it was sent (a trigger, a start) or for the slot it was handed on with.
    const scheduledAt = typeof data.scheduledAt === "number" ? data.scheduledAt : data.source === "schedule" ? this.#slots.slotOf(createdOn) : createdOn;
    if (this.#stopped) return this.#handOn(scheduledAt);
    // pg-boss fails a job that stays active past its expiry and moves on: the run's signal says so.
    const expiry = new AbortController();
    const timer = setTimeout(
      () => expiry.abort(new Error(`${this.#worker.name}: pg-boss expired the job after ${this.#expireMs / 1_000} s`)),
      this.#expireMs,
    );
    try {
      await this.#worker.run({ signal: expiry.signal, scheduledAt });
      return undefined;
    } catch (error) {
      // Stopped or paused here between the fetch and the run: another instance takes the slot.
      if (this.#stopped && error instanceof EngineJobRefusedError) return this.#handOn(scheduledAt);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A job fetched after this instance stopped: queue it again for another instance, keeping its slot. */
  async #handOn(scheduledAt: number): Promise<unknown> {
    const id = await this.#boss.send(this.#queue, { source: "handoff", scheduledAt } satisfies JobData, { retryLimit: 0 });
    return { handedOn: id };
  }

  /** Stops taking jobs here and waits for the one in flight, at most `timeout` ms; false if it still runs. */
  async stop(timeout: number): Promise<boolean> {
    this.#stopped = true;
    const id = this.workerId;
    if (id !== undefined) await this.#boss.offWork({ id }).catch(() => {});
    const inFlight = this.#inFlight;
    return inFlight === undefined ? true : settlesWithin(inFlight, timeout);
  }
}
