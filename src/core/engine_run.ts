/**
 * A periodic worker on an engine: its schedule as the engine sees it, registering with the engine at
 * start (and at resume), and one job run through the worker's own run path. With an engine the
 * worker queues nothing in the manager's timer queue: the engine says when, and where.
 * @module
 */
import { type Engine, type EngineJob, EngineJobRefusedError, type EngineSchedule, type EngineWorker } from "./engine.ts";
import type { WorkerHost } from "./host.ts";
import type { PeriodicState } from "./periodic_state.ts";
import { begin } from "./run_path.ts";

type State = PeriodicState<unknown>;

/** The worker's schedule, for the engine. */
export function engineSchedule(s: State): EngineSchedule {
  const c = s.config;
  return {
    name: s.name,
    period: s.schedule.period,
    cron: c.cron,
    timezone: c.timezone,
    mode: c.mode,
    runOnStart: c.runOnStart,
    timeout: c.timeout,
  };
}

/**
 * Checks, at `add()`, that the engine can run this worker: its schedule, and no lease of its own
 * (the engine decides which instance runs a job).
 */
export function checkForEngine(s: State, engine: Engine): void {
  const lease = s.config.lease;
  if (lease !== undefined && lease !== false) {
    throw new TypeError(`${s.name}: option "lease" cannot be used on the ${engine.name} engine: the engine coordinates the instances itself`);
  }
  // The engine keeps the schedule: options that shape it here would be silently ignored there.
  const c = s.config;
  const ignored = [
    c.jitter !== undefined && "jitter",
    c.backoff !== undefined && "backoff",
    c.overlap !== "buffer-one" && "overlap",
    c.firstDelay !== undefined && "firstDelay",
    c.maxRuns !== undefined && "maxRuns",
    c.missed !== "once" && "missed",
  ].find((option) => option !== false);
  if (ignored !== undefined) {
    throw new TypeError(`${s.name}: option "${ignored}" cannot be used on the ${engine.name} engine: the engine's schedule decides when runs happen`);
  }
  engine.check(engineSchedule(s));
}

/** Registers the worker with its host's engine, unless it was stopped, paused or restarted meanwhile. */
export async function registerOnEngine(s: State): Promise<void> {
  const host = s.host as WorkerHost;
  const engine = host.engine;
  if (engine === undefined || s.paused) return;
  const gen = s.gen;
  const worker: EngineWorker = { ...engineSchedule(s), run: (job) => runJob(s, gen, job) };
  const registration = await engine.register(worker);
  if (gen !== s.gen || s.paused || s.state === "stopped") {
    // Stopped or paused while the engine answered: take no job here.
    await registration.stop(0);
    return;
  }
  s.engineReg = registration;
}

/** One job of the worker, handed over by the engine. */
function runJob(s: State, gen: number, job: EngineJob): Promise<void> {
  const name = s.name;
  if (gen !== s.gen || s.paused || s.state !== "idle") {
    return Promise.reject(new EngineJobRefusedError(`${name}: not running on this instance (${s.paused ? "paused" : s.state})`));
  }
  const host = s.host as WorkerHost;
  const queue = host.queue;
  const now = queue.now();
  const offset = queue.epochOffset;
  s.nominalDue = job.scheduledAt === undefined ? now : job.scheduledAt - offset;
  return new Promise<void>((resolve, reject) => {
    s.engineJob = job;
    s.engineDone = (error, failed) => (failed ? reject(error) : resolve());
    begin(s, now, job.fencingToken);
  });
}
