/**
 * Runs a manager's periodic workers on [pg-boss](https://github.com/timgit/pg-boss) 10, the
 * PostgreSQL job queue a team may already operate: each worker becomes a pg-boss queue with the
 * `stately` policy (at most one job queued and one active, across every instance: runs never
 * overlap, and a slot that comes due during a long run waits as one queued job), a pg-boss schedule
 * (`boss.schedule`, cron, minute-grained) and a pg-boss worker on every instance (`boss.work`, one
 * job at a time), whose job runs through the worker's own run path. Retries are off (`retryLimit`
 * 0): a failed run waits for its next slot, as on our own timer. This file imports no pg-boss: it
 * takes the application's `PgBoss` instance.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { pgBossEngine } from "@background/workers/pg-boss";
 * import PgBoss from "pg-boss";
 *
 * const manager = new BackgroundWorkerManager({ engine: pgBossEngine({ boss: new PgBoss("postgres://localhost/app") }) });
 * ```
 * @module
 */
// Cron workers run on pg-boss too: the cron entry point makes them constructible (and reads their patterns).
import "../cron/mod.ts";
import type { Engine, EngineRegistration, EngineSchedule, EngineWorker } from "../core/engine.ts";
import type { RunResult } from "../core/types.ts";
import { bossCron, Slots } from "./pg_boss_cron.ts";
import { type BossJob, Registration } from "./pg_boss_worker.ts";

export type { Engine } from "../core/engine.ts";
export type { BossJob } from "./pg_boss_worker.ts";

/**
 * The part of a `PgBoss` (pg-boss 10) that the engine uses; a `PgBoss` instance is one.
 *
 * @example
 * ```ts
 * import type { PgBossLike } from "@background/workers/pg-boss";
 * import PgBoss from "pg-boss";
 *
 * const boss: PgBossLike = new PgBoss({ connectionString: "postgres://localhost/app", schema: "jobs" });
 * ```
 */
export interface PgBossLike {
  /** Starts the boss (idempotent once started). */
  start(): Promise<unknown>;
  /** Stops the boss. */
  stop(options?: { graceful?: boolean; timeout?: number; wait?: boolean }): Promise<void>;
  /** Makes a queue (nothing when it exists). */
  createQueue(name: string, options?: { name: string; policy?: "stately"; retryLimit?: number; expireInSeconds?: number }): Promise<void>;
  /** The queue's settings, or null when there is none. */
  getQueue(name: string): Promise<{ policy?: string; retryLimit?: number; expireInSeconds?: number } | null>;
  /** Changes a queue's settings. */
  updateQueue(name: string, options?: { name: string; policy?: "stately"; retryLimit?: number; expireInSeconds?: number }): Promise<void>;
  /** Makes or updates the queue's cron schedule. */
  schedule(name: string, cron: string, data?: object, options?: { tz?: string }): Promise<void>;
  /** Removes the queue's schedule. */
  unschedule(name: string): Promise<void>;
  /** Starts a worker polling the queue; resolves with its id. */
  work(name: string, options: { batchSize: number; includeMetadata: true; pollingIntervalSeconds?: number }, handler: (jobs: BossJob[]) => Promise<unknown>): Promise<string>;
  /** Stops a worker by id. */
  offWork(value: { id: string }): Promise<void>;
  /** Queues a job; null when the queue's policy refused it. */
  send(name: string, data: object, options: { retryLimit: number }): Promise<string | null>;
  /** A job, also from the archive. */
  getJobById(name: string, id: string, options: { includeArchive: boolean }): Promise<BossJob | null>;
  /** Listens for the boss's errors. */
  on(event: "error", listener: (error: Error) => void): unknown;
  /** How many listeners an event has. */
  listenerCount(event: "error"): number;
}

/**
 * Options of {@link pgBossEngine}.
 *
 * @example
 * ```ts
 * import type { PgBossEngineOptions } from "@background/workers/pg-boss";
 * import PgBoss from "pg-boss";
 *
 * const options: PgBossEngineOptions = { boss: new PgBoss("postgres://localhost/app"), queuePrefix: "bgw-", stopBoss: false };
 * ```
 */
export interface PgBossEngineOptions {
  /**
   * The application's `PgBoss` (pg-boss 10): its connection, schema and intervals are the
   * application's. The engine starts it at the first worker's start (`start()` is idempotent).
   */
  readonly boss: PgBossLike;
  /** Prefix of the queue names (a queue is named after its worker). Default: none. */
  readonly queuePrefix?: string;
  /**
   * How often each instance asks for a worker's next job (pg-boss's `pollingIntervalSeconds`, at
   * least 0.5). Default: the boss's own (2 s).
   */
  readonly pollingIntervalSeconds?: number;
  /**
   * How long a job may stay active before pg-boss fails it (then the run's signal aborts, and the
   * next job may start elsewhere; a killed instance's job is freed then). Default: the worker's
   * `timeout` plus 30 s, or 15 minutes (pg-boss's default) for a worker without one. Under 24 hours.
   */
  readonly expireInSeconds?: number;
  /** Stop the boss when the manager stops (`manager.stop()`). Default true; false when the boss serves other queues too. */
  readonly stopBoss?: boolean;
}

/** How long a trigger waits for its job to settle beyond the job's own expiry (it may queue behind a run). */
const TRIGGER_GRACE_MS = 60_000;

/** Runs `f`, again (up to 5 times, after a short random pause) when PostgreSQL broke a deadlock by failing it. */
async function retryDeadlocks(f: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await f();
    } catch (error) {
      if ((error as { code?: unknown })?.code !== "40P01" || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 100 * attempt));
    }
  }
}

class PgBossEngine implements Engine {
  readonly name = "pg-boss";
  readonly #boss: PgBossLike;
  readonly #prefix: string;
  readonly #polling: number | undefined;
  readonly #expire: number | undefined;
  readonly #stopBoss: boolean;
  #started: Promise<unknown> | undefined;
  #registering: Promise<void> = Promise.resolve();

  constructor(options: PgBossEngineOptions) {
    const boss = options?.boss;
    if (boss === null || typeof boss !== "object" || typeof boss.work !== "function" || typeof boss.schedule !== "function") {
      throw new TypeError(`pgBossEngine: option "boss" must be a PgBoss instance, got ${boss === null ? "null" : typeof boss}`);
    }
    const { queuePrefix, pollingIntervalSeconds, expireInSeconds, stopBoss } = options;
    if (queuePrefix !== undefined && typeof queuePrefix !== "string") {
      throw new TypeError(`pgBossEngine: option "queuePrefix" must be a string, got ${typeof queuePrefix}`);
    }
    if (pollingIntervalSeconds !== undefined && !(typeof pollingIntervalSeconds === "number" && pollingIntervalSeconds >= 0.5)) {
      throw new TypeError(`pgBossEngine: option "pollingIntervalSeconds" must be a number of seconds >= 0.5, got ${String(pollingIntervalSeconds)}`);
    }
    if (expireInSeconds !== undefined && !(Number.isInteger(expireInSeconds) && expireInSeconds >= 1 && expireInSeconds < 86_400)) {
      throw new TypeError(`pgBossEngine: option "expireInSeconds" must be whole seconds from 1 to under 24 hours, got ${String(expireInSeconds)}`);
    }
    if (stopBoss !== undefined && typeof stopBoss !== "boolean") {
      throw new TypeError(`pgBossEngine: option "stopBoss" must be a boolean, got ${typeof stopBoss}`);
    }
    this.#boss = boss;
    this.#prefix = queuePrefix ?? "";
    this.#polling = pollingIntervalSeconds;
    this.#expire = expireInSeconds;
    this.#stopBoss = stopBoss ?? true;
  }

  check(schedule: EngineSchedule): void {
    bossCron(schedule);
    if (schedule.timeout !== undefined && this.#expire === undefined && Math.ceil(schedule.timeout / 1_000) + 30 >= 86_400) {
      throw new TypeError(`${schedule.name}: option "timeout" (${schedule.timeout} ms) cannot map onto the pg-boss engine: pg-boss expires jobs within 24 hours`);
    }
  }

  /** Starts the boss once; pg-boss's start() returns at once (unstarted) when called again while starting. */
  #start(): Promise<unknown> {
    if (this.#started === undefined) {
      // pg-boss emits "error" (a lost connection, a failed poll): unheard, an EventEmitter throws it.
      if (this.#boss.listenerCount("error") === 0) {
        this.#boss.on("error", (error) => console.error("[background-workers] pg-boss:", error));
      }
      this.#started = this.#boss.start();
      this.#started.catch(() => (this.#started = undefined));
    }
    return this.#started;
  }

  async register(worker: EngineWorker): Promise<EngineRegistration> {
    const cron = bossCron(worker);
    await this.#start();
    const boss = this.#boss;
    const queue = this.#prefix + worker.name;
    const expireInSeconds = this.#expire ?? (worker.timeout === undefined ? 15 * 60 : Math.ceil(worker.timeout / 1_000) + 30);
    const options = { name: queue, policy: "stately" as const, retryLimit: 0, expireInSeconds };
    // One registration at a time here: pg-boss makes a queue's partition with DDL on its job table,
    // and concurrent ones deadlock (PostgreSQL then fails one; other instances may still collide: retried).
    const previous = this.#registering;
    let done!: () => void;
    this.#registering = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      await retryDeadlocks(async () => {
        const existing = await boss.getQueue(queue);
        if (existing === null) await boss.createQueue(queue, options);
        // A queue made before (by another version, or by hand) gets our policy too.
        if (existing === null || existing.policy !== "stately" || existing.retryLimit !== 0 || existing.expireInSeconds !== expireInSeconds) {
          await boss.updateQueue(queue, options);
        }
        await boss.schedule(queue, cron.pattern, { source: "schedule" }, { tz: cron.tz });
      });
    } finally {
      done();
    }
    const slots = new Slots(cron);
    const registration = new Registration(boss, queue, worker, slots, expireInSeconds);
    const work = this.#polling === undefined ? { batchSize: 1, includeMetadata: true as const } : { batchSize: 1, includeMetadata: true as const, pollingIntervalSeconds: this.#polling };
    registration.workerId = await boss.work(queue, work, (jobs) => registration.handle(jobs));
    // The stately queue keeps one queued job: instances that start together queue one run between them.
    if (worker.runOnStart) await boss.send(queue, { source: "start" }, { retryLimit: 0 });
    return {
      stop: (timeout) => registration.stop(timeout),
      nextRunAt: () => slots.next(Date.now()),
      trigger: () => this.#trigger(queue, worker.name, expireInSeconds),
    };
  }

  async #trigger(queue: string, name: string, expireInSeconds: number): Promise<RunResult> {
    const boss = this.#boss;
    const id = await boss.send(queue, { source: "trigger" }, { retryLimit: 0 });
    if (id === null) {
      // The stately queue holds a queued job already: it is the next run, and no second one is made.
      return { worker: name, run: 0, ok: false, error: new Error(`${name}: a job is already queued on pg-boss; it runs next, and the trigger made none`), durationMs: 0 };
    }
    const deadline = Date.now() + expireInSeconds * 2_000 + TRIGGER_GRACE_MS;
    for (let wait = 50; Date.now() < deadline; wait = Math.min(wait * 2, 1_000)) {
      const job = await boss.getJobById(queue, id, { includeArchive: true });
      const state = job?.state;
      if (state === "completed" || state === "failed" || state === "cancelled") {
        const durationMs = job?.startedOn instanceof Date && job.completedOn instanceof Date ? job.completedOn.getTime() - job.startedOn.getTime() : 0;
        if (state === "completed") return { worker: name, run: 0, ok: true, durationMs };
        const output = job?.output as { message?: unknown } | null | undefined;
        const why = typeof output?.message === "string" ? output.message : state;
        return { worker: name, run: 0, ok: false, error: new Error(`${name}: the triggered job ${state}: ${why}`), durationMs };
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    return { worker: name, run: 0, ok: false, error: new Error(`${name}: the triggered job ${id} did not settle in time`), durationMs: 0 };
  }

  async unschedule(name: string): Promise<void> {
    await this.#start();
    await this.#boss.unschedule(this.#prefix + name);
  }

  async close(): Promise<void> {
    const started = this.#started;
    this.#started = undefined;
    if (started === undefined || !this.#stopBoss) return;
    await started.catch(() => {});
    // Every worker stopped already: nothing of ours is active; the boss's own work stops here.
    await this.#boss.stop({ graceful: true, wait: true, timeout: 1_000 });
  }
}

/**
 * A manager's `engine` on pg-boss 10: `new BackgroundWorkerManager({ engine: pgBossEngine({ boss }) })`.
 * See the module documentation for how workers map onto queues and schedules, and the README
 * ("Running on an engine: pg-boss") for which promises hold.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 * import { pgBossEngine } from "@background/workers/pg-boss";
 * import PgBoss from "pg-boss";
 *
 * const manager = new BackgroundWorkerManager({ engine: pgBossEngine({ boss: new PgBoss("postgres://localhost/app") }) });
 * manager.add(periodic("Cleanup", { period: 5 * 60_000 }, async ({ signal }) => {
 *   await fetch("https://example.com/cleanup", { method: "POST", signal });
 * }));
 * await manager.start();
 * ```
 */
export function pgBossEngine(options: PgBossEngineOptions): Engine {
  return new PgBossEngine(options);
}
