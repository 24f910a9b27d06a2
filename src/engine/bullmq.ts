/**
 * Runs a manager's periodic workers on [BullMQ](https://bullmq.io) (Redis), the engine a team may
 * already operate: each worker becomes a BullMQ queue of its own (named after the worker, under
 * the key prefix `bgw`) with a job scheduler (`every` for a period, `pattern` + `tz` for cron) and
 * a BullMQ Worker on every instance that started the manager. Whichever instance takes a job runs
 * it through the worker's own run path (context, signal, timeout, errors, status, observers), and
 * Bull Board or any BullMQ tool shows the workers' jobs.
 *
 * One worker's runs never overlap across the cluster: its queue has a global concurrency of 1 and
 * each instance's BullMQ Worker a concurrency of 1. A job gets one attempt (the schedule is the
 * retry) and a job whose instance died is failed once its lock expires (`maxStalledCount` 0), so
 * the next slot runs elsewhere instead of the dead one twice.
 *
 * This is the only module that imports `bullmq` (an optional peer dependency on npm, an `npm:`
 * import on JSR); BullMQ 6 needs `ioredis` installed beside it.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 * import { bullmqEngine } from "@background/workers/bullmq";
 *
 * const manager = new BackgroundWorkerManager({ engine: bullmqEngine({ connection: { host: "127.0.0.1", port: 6379 } }) });
 * manager.add(periodic("Report", { period: 60_000, mode: "fixed-rate" }, async ({ signal }) => {
 *   await fetch("https://example.com/report", { method: "POST", signal });
 * }));
 * await manager.start();
 * ```
 * @module
 */
import { type ConnectionOptions, getNextMillis, Queue } from "bullmq";
import { Cron } from "croner";
import type { Engine, EngineRegistration, EngineSchedule, EngineWorker } from "../core/engine.ts";
import { type BullmqSettings, register } from "./bullmq_registration.ts";

export type { Engine, EngineRegistration, EngineSchedule, EngineWorker } from "../core/engine.ts";

/**
 * Options of {@link bullmqEngine}.
 *
 * @example
 * ```ts
 * import type { BullmqEngineOptions } from "@background/workers/bullmq";
 *
 * const options: BullmqEngineOptions = { connection: { host: "127.0.0.1", port: 6379 }, prefix: "myapp" };
 * ```
 */
export interface BullmqEngineOptions {
  /**
   * Your Redis connection, as BullMQ takes it: ioredis options (each queue and BullMQ Worker then
   * opens its own connections) or an ioredis instance, shared by the queues (BullMQ Workers still
   * open one blocking connection each; give the instance `maxRetriesPerRequest: null`).
   */
  readonly connection: object;
  /** The Redis key prefix of the workers' queues. Default `"bgw"` (BullMQ's own default is `"bull"`). */
  readonly prefix?: string;
  /**
   * How long a job's lock lasts, in ms, renewed by the instance running it every half of it: an
   * instance that dies leaves its job locked this long, and a process blocked for longer loses the
   * job (another instance may then run the next slot beside it). Default: BullMQ's, 30,000.
   */
  readonly lockDuration?: number;
  /** How often each instance looks for jobs whose lock expired, in ms. Default: BullMQ's, 30,000. */
  readonly stalledInterval?: number;
  /** How many finished jobs (completed, failed: each) a worker's queue keeps for BullMQ's tools. Default 100. */
  readonly keepJobs?: number;
}

const OWNER = "bullmqEngine";
const OPTIONS: readonly string[] = ["connection", "prefix", "lockDuration", "stalledInterval", "keepJobs"];

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return String(value);
  return typeof value;
}

function positiveInteger(options: BullmqEngineOptions, key: "lockDuration" | "stalledInterval" | "keepJobs"): number | undefined {
  const value = options[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < (key === "keepJobs" ? 0 : 1)) {
    throw new TypeError(`${OWNER}: option "${key}" must be a ${key === "keepJobs" ? "non-negative" : "positive"} integer, got ${show(value)}`);
  }
  return value;
}

function resolve(options: BullmqEngineOptions): BullmqSettings {
  if (options === null || typeof options !== "object") throw new TypeError(`${OWNER}: options must be an object, got ${show(options)}`);
  for (const key of Object.keys(options)) {
    if (!OPTIONS.includes(key)) throw new TypeError(`${OWNER}: unknown option "${key}" (known: ${OPTIONS.join(", ")})`);
  }
  const connection = options.connection as unknown;
  if (connection === null || typeof connection !== "object") {
    throw new TypeError(`${OWNER}: option "connection" must be ioredis options or an ioredis instance, got ${show(connection)}`);
  }
  const prefix = options.prefix ?? "bgw";
  if (typeof prefix !== "string" || prefix === "") throw new TypeError(`${OWNER}: option "prefix" must be a non-empty string, got ${show(prefix)}`);
  return {
    // BullMQ checks the rest: its types are not part of this module's API (JSR's no-slow-types).
    connection: options.connection as ConnectionOptions,
    prefix,
    lockDuration: positiveInteger(options, "lockDuration"),
    stalledInterval: positiveInteger(options, "stalledInterval"),
    keepJobs: positiveInteger(options, "keepJobs") ?? 100,
  };
}

/** How many coming slots must agree between croner (the worker's reading) and BullMQ's cron-parser. */
const AGREE = 5;

/**
 * BullMQ reads cron patterns with cron-parser, the worker with croner: refuse a pattern BullMQ
 * cannot parse (`1W`, a year field) or reads otherwise (`MON-SUN`), now rather than at its first slot.
 */
function checkCron(name: string, pattern: string, timezone: string | undefined): void {
  const fail = (why: string): never => {
    throw new TypeError(`${name}: option "cron" (${JSON.stringify(pattern)}) cannot map onto the bullmq engine: ${why}`);
  };
  const tz = timezone === undefined ? {} : { tz: timezone };
  const croner = new Cron(pattern, { paused: true, ...(timezone === undefined ? {} : { timezone }) });
  let after = Date.now();
  for (let i = 0; i < AGREE; i++) {
    let theirs: number | undefined;
    try {
      theirs = getNextMillis(after, { pattern, ...tz });
    } catch (error) {
      fail(`BullMQ's cron parser says: ${(error as Error)?.message ?? String(error)}`);
    }
    const ours = croner.nextRun(new Date(after))?.getTime();
    if (theirs !== ours) {
      const show = (t: number | undefined): string => (t === undefined ? "none" : new Date(t).toISOString());
      fail(`BullMQ reads it otherwise: its next slot after ${new Date(after).toISOString()} is ${show(theirs)}, the worker's ${show(ours)}`);
    }
    if (ours === undefined) return;
    after = ours;
  }
}

/** Refuses, naming the worker and the option, what a BullMQ job scheduler cannot express. */
function check(s: EngineSchedule): void {
  // BullMQ refuses ":" in a queue name (its keys are joined with ":").
  if (s.name.includes(":")) throw new TypeError(`${s.name}: option "name" cannot map onto the bullmq engine: a BullMQ queue name cannot contain ":"`);
  if (s.period !== undefined && !Number.isInteger(s.period)) {
    throw new TypeError(`${s.name}: option "period" cannot map onto the bullmq engine: BullMQ's "every" is whole milliseconds, got ${s.period}`);
  }
  if (s.cron !== undefined) checkCron(s.name, s.cron, s.timezone);
}

/**
 * An {@link Engine} on BullMQ, for the manager's `engine` option. Nothing connects until the
 * manager starts; `manager.stop()` closes every queue and BullMQ Worker it opened (never a
 * connection instance you passed in).
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { bullmqEngine } from "@background/workers/bullmq";
 *
 * const manager = new BackgroundWorkerManager({ engine: bullmqEngine({ connection: { host: "127.0.0.1", port: 6379 } }) });
 * ```
 */
export function bullmqEngine(options: BullmqEngineOptions): Engine {
  const settings = resolve(options);
  const open = new Set<{ close(): Promise<void> }>();
  return {
    name: "bullmq",
    check,
    register: (worker: EngineWorker): Promise<EngineRegistration> => register(worker, settings, open),
    async unschedule(name: string): Promise<void> {
      const queue = new Queue(name, { connection: settings.connection, prefix: settings.prefix });
      try {
        await queue.removeJobScheduler(name);
        // And the jobs still to run: one an instance handed back while it stopped, a trigger's.
        await queue.drain(true);
      } finally {
        await queue.close();
      }
    },
    async close(): Promise<void> {
      const left = [...open];
      open.clear();
      await Promise.all(left.map((r) => r.close()));
    },
  };
}
