/**
 * One worker on BullMQ on this instance: its queue (global concurrency 1), its job scheduler, the
 * BullMQ Worker (concurrency 1) whose processor runs each job through the worker's run path, the
 * cached next run, and `trigger()` through a one-off job.
 * @module
 */
import { type ConnectionOptions, DelayedError, type IQueueBackend, type Job, Queue, QueueEvents, Worker } from "bullmq";
import type { EngineJob, EngineRegistration, EngineWorker } from "../core/engine.ts";
import type { RunResult } from "../core/types.ts";

/** The engine's options, resolved. */
export interface BullmqSettings {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly lockDuration: number | undefined;
  readonly stalledInterval: number | undefined;
  readonly keepJobs: number;
}

/** What a job returns: how long its run took, for `trigger()` on whichever instance asked. */
interface Outcome {
  durationMs: number;
}

/** Something the engine's `close()` must still close (a registration whose stop ran out of time). */
export interface Closable {
  close(): Promise<void>;
}

/** The slot of a scheduler's job from its id (`repeat:<scheduler>:<millis>`), exact even when the job was late. */
function slotOf(job: Job): number {
  const id = job.id ?? "";
  const millis = job.repeatJobKey === undefined ? NaN : Number(id.slice(id.lastIndexOf(":") + 1));
  return Number.isFinite(millis) ? millis : job.timestamp + (job.delay ?? 0);
}

/**
 * The engine's side of one job: its signal, its slot and, for a scheduler's job, the slot again as
 * the fencing token. BullMQ makes a scheduler's next job only when the one before it starts, for a
 * later slot, and one job per slot (its id): slots grow from run to run. The scheduler's iteration
 * count does not (an instance upserting the scheduler while a job starts makes a job of the same
 * count); a `trigger()` job has no slot of the scheduler, hence no token.
 */
function engineJob(job: Job, signal: AbortSignal | undefined): EngineJob {
  const slot = slotOf(job);
  return {
    ...(signal === undefined ? {} : { signal }),
    scheduledAt: slot,
    ...(job.repeatJobKey === undefined ? {} : { fencingToken: slot }),
  };
}

/** Makes or updates the worker's job scheduler and starts its BullMQ Worker here. */
export async function register(worker: EngineWorker, settings: BullmqSettings, open: Set<Closable>): Promise<EngineRegistration> {
  const { name } = worker;
  const base = { connection: settings.connection, prefix: settings.prefix };
  const keep = { removeOnComplete: { count: settings.keepJobs }, removeOnFail: { count: settings.keepJobs } };
  const queue = new Queue(name, base);
  // BullMQ retries its connection by itself; an "error" nobody listens to would crash the process.
  queue.on("error", () => {});
  let events: QueueEvents<unknown, IQueueBackend> | undefined;
  let bull: Worker | undefined;
  let closing = false;
  let next: number | null = null;
  let reading: Promise<void> | undefined;

  const refresh = (): Promise<void> =>
    reading ??= queue.getJobScheduler(name).then(
      (s) => void (next = typeof s?.next === "number" ? s.next : null),
      () => {},
    ).finally(() => (reading = undefined));

  const closeAll = async (force: boolean): Promise<void> => {
    closing = true;
    await bull?.close(force).catch(() => {});
    await events?.close().catch(() => {});
    await queue.close().catch(() => {});
    open.delete(closable);
  };
  const closable: Closable = { close: () => closeAll(true) };
  open.add(closable);

  try {
    // Runs of one worker never overlap across the cluster (taskforcesh/bullmq#3032): one active job per queue.
    await queue.setGlobalConcurrency(1);
    const fresh = (await queue.getJobScheduler(name)) === undefined;
    const template = { name: "run", opts: { attempts: 1, ...keep } };
    if (worker.period !== undefined) {
      // Fixed rate on BullMQ's grid; the first slot one period from now, as without an engine (the
      // start date counts only for a new scheduler or a changed period: an existing one keeps its slots).
      await queue.upsertJobScheduler(name, { every: worker.period, startDate: Date.now() + worker.period }, template);
    } else {
      await queue.upsertJobScheduler(name, { pattern: worker.cron as string, ...(worker.timezone === undefined ? {} : { tz: worker.timezone }) }, template);
    }
    // runOnStart: once when the schedule is made, not at every instance's start.
    if (fresh && worker.runOnStart) await queue.add("run-on-start", {}, { attempts: 1, ...keep });
    await refresh();

    /** Hands a job this instance will not run back to the queue at once, for another instance. */
    const handBack = async (job: Job, token: string | undefined): Promise<never> => {
      if (!closing) {
        // The worker stopped or paused here, its registration is stopped next: take no more jobs.
        closing = true;
        void bull?.pause(true).catch(() => {});
      }
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    };
    bull = new Worker<unknown, Outcome>(name, async (job: Job, token: string | undefined, signal: AbortSignal | undefined): Promise<Outcome> => {
      if (closing) return handBack(job, token);
      // The next job exists from the moment this one started: read its slot for status().
      void refresh();
      const started = performance.now();
      try {
        await worker.run(engineJob(job, signal));
      } catch (error) {
        // Not running here (stopped or paused meanwhile): the job did not run; it is not a failure.
        if ((error as Error | undefined)?.name === "EngineJobRefusedError") return handBack(job, token);
        throw error;
      }
      return { durationMs: performance.now() - started };
    }, {
      ...base,
      concurrency: 1,
      // A job whose instance died fails when its lock expires: the next slot is the retry.
      maxStalledCount: 0,
      ...(settings.lockDuration === undefined ? {} : { lockDuration: settings.lockDuration }),
      ...(settings.stalledInterval === undefined ? {} : { stalledInterval: settings.stalledInterval }),
    });
    bull.on("error", () => {});
    const running = bull;
    // The lock lost, another instance may take the next slot while this run goes on: abort its
    // signal, as a lost lease does (BullMQ itself only reports it).
    running.on("lockRenewalFailed", (ids: string[]) => {
      for (const id of ids) running.cancelJob(id, `${name}: BullMQ could not renew the lock of job ${id}`);
    });
    await bull.waitUntilReady();
  } catch (error) {
    await closeAll(true);
    throw error;
  }

  return {
    async stop(timeout: number): Promise<boolean> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const closed = closeAll(false).then(() => true);
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeout)));
      try {
        return await Promise.race([closed, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    nextRunAt(): number | null {
      // Another instance may have run the last slot: read again once the cached one has passed.
      if (next !== null && next < Date.now() && !closing) void refresh();
      return next;
    },
    async trigger(): Promise<RunResult> {
      const started = performance.now();
      if (events === undefined) {
        events = new QueueEvents(name, base);
        events.on("error", () => {});
      }
      const listening = events;
      await listening.waitUntilReady();
      const job = await queue.add("trigger", {}, { attempts: 1, ...keep });
      try {
        const outcome = (await job.waitUntilFinished(listening)) as Outcome | undefined;
        return { worker: name, run: 0, ok: true, durationMs: outcome?.durationMs ?? performance.now() - started };
      } catch (error) {
        const failed = error instanceof Error ? error : new Error(String(error));
        return { worker: name, run: 0, ok: false, error: failed, durationMs: performance.now() - started };
      }
    },
  };
}
