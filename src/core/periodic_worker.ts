/**
 * PeriodicBackgroundWorker: a worker's lifecycle (start, stop, trigger, status, its period) over
 * its state record; the path of each run is in `run_path.ts`.
 * @module
 */
import { ATTACH, type Attachable, ownHost, STARTED, type WorkerHost } from "./host.ts";
import { checkPositive, show } from "./options.ts";
import { PeriodicState, type WorkerBody } from "./periodic_state.ts";
import { log } from "./report.ts";
import { checkForEngine, registerOnEngine } from "./engine_run.ts";
import { openLease, pauseWorker, resumeWorker } from "./pause.ts";
import { queueAt } from "./run_end.ts";
import { onDue } from "./run_path.ts";
import { abortSignals, resetSignals } from "./run_signal.ts";
import { FixedRate, makeSchedule } from "./schedule.ts";
import { DEFAULT_STOP_TIMEOUT, OK_REPORT, settlesWithin, stopTimeout } from "./stopping.ts";
import { Triggers } from "./triggers.ts";
import type { BackgroundWorker, RunResult, StopOptions, StopReport, WorkerContext, WorkerState, WorkerStatus } from "./types.ts";
import { checkRateJitter, type PeriodicWorkerOptions, resolveWorkerOptions } from "./worker_options.ts";

/**
 * A worker that runs {@link PeriodicBackgroundWorker.doWork} every `period` ms, never overlapping
 * itself: in the default fixed-delay mode the next run is due `period` ms after the previous one
 * ended. Subclass it and implement `doWork`.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, PeriodicBackgroundWorker, type WorkerContext } from "@background/workers";
 *
 * class PassiveUserCheckerWorker extends PeriodicBackgroundWorker {
 *   constructor() {
 *     super({ period: 5_000 });
 *   }
 *   protected override async doWork({ signal, run }: WorkerContext): Promise<void> {
 *     await fetch("https://example.com/users/deactivate-passive", { method: "POST", signal });
 *     console.log(`run ${run} done`);
 *   }
 * }
 *
 * const manager = new BackgroundWorkerManager();
 * manager.add(new PassiveUserCheckerWorker());
 * await manager.start();
 * ```
 */
export abstract class PeriodicBackgroundWorker<Scope = unknown> implements BackgroundWorker {
  readonly #s: PeriodicState<Scope>;

  /**
   * Checks the options; nothing runs until `start()`.
   *
   * @param options `period` and the rest; the name defaults to the class name.
   * @throws {RangeError} for a period that is not a finite number > 0, a negative jitter or timeout.
   * @throws {TypeError} for an unknown option or mode, or a worker without a name.
   */
  constructor(options: PeriodicWorkerOptions) {
    const resolved = resolveWorkerOptions(new.target.name, options);
    // `doWork` is protected: the run path reaches it through the WorkerBody interface.
    this.#s = new PeriodicState<Scope>(resolved.name, resolved.config, makeSchedule(resolved), this as unknown as WorkerBody<Scope>, onDue);
    if (!resolved.enabled) this.#s.state = "disabled";
  }

  /** The work of one run. Honour `context.signal`: it aborts on stop and on timeout. */
  protected abstract doWork(context: WorkerContext<Scope>): void | Promise<void>;

  /** The worker's name, unique within a manager. */
  get name(): string {
    return this.#s.name;
  }

  /** Its state: `"idle"` (waiting), `"running"`, `"paused"`, `"stopped"` or `"disabled"`. */
  get state(): WorkerState {
    const s = this.#s;
    return s.paused && (s.state === "idle" || s.state === "running") ? "paused" : s.state;
  }

  /**
   * Milliseconds between runs (0 for a cron worker). Setting it while idle reschedules from now;
   * during a run, the next run uses it.
   */
  get period(): number {
    return this.#s.schedule.period ?? 0;
  }

  set period(value: number) {
    const s = this.#s;
    const name = s.name;
    if (s.schedule.period === undefined) throw new TypeError(`${name}: a cron worker has no period to set (got ${show(value)})`);
    const period = checkPositive(name, "period", value);
    if (s.schedule instanceof FixedRate && s.config.jitter !== undefined) checkRateJitter(name, period, s.config.jitter);
    s.schedule.period = period;
    const queue = s.host?.queue;
    if (s.state === "running") {
      s.schedule.rebase(s.nominalDue);
    } else if (queue?.has(s.entry)) {
      const now = queue.now();
      s.schedule.rebase(now);
      queueAt(s, s.schedule.first(now));
    }
  }

  /**
   * Starts the worker: the first run is due one period from now (at once with `runOnStart`). Never
   * calls `doWork` synchronously. A no-op when the worker is disabled or started already.
   */
  start(): Promise<void> {
    const s = this.#s;
    if (s.state !== "stopped") return STARTED;
    if (s.host === undefined) {
      s.host = ownHost(s.config.clock);
      s.ownHost = true;
    }
    const host = s.host;
    const name = s.name;
    s.gen++;
    s.stopPromise = undefined;
    resetSignals(s);
    s.state = "idle";
    s.runsThisStart = 0;
    // On an engine: the engine keeps the schedule and hands over the jobs (start resolves once registered).
    if (host.engine !== undefined) return registerOnEngine(s);
    const config = s.config;
    // A paused worker takes no lease until it is resumed (a stop or a pause left none open).
    const cluster = !s.paused && openLease(s);
    s.catchup = undefined;
    s.schedule.useClock?.(host.queue.clock);
    const now = host.queue.now();
    const first = s.schedule.first(now, config.firstDelay);
    // With a cluster store, check in at once: the cluster may know this worker's last slot, and a
    // slot nobody ran while every instance was down is run now (its missed option).
    s.checkIn = !config.runOnStart && cluster;
    queueAt(s, config.runOnStart || s.checkIn ? now : first, !s.checkIn);
    log(host.logger, "debug", `[background-workers] ${name}: started`);
    return STARTED;
  }

  /**
   * Stops the worker: aborts the signal of the run in flight, then waits for it at most `timeout` ms
   * (default 30,000). Resolves with a report naming a run that did not settle in time. Calling it
   * again, or concurrently, returns the same result.
   */
  stop(options?: StopOptions): Promise<StopReport> {
    const s = this.#s;
    const name = s.name;
    const timeout = stopTimeout(name, `${name}: stop`, options, DEFAULT_STOP_TIMEOUT);
    if (s.stopPromise !== undefined) return s.stopPromise;
    if (s.state !== "idle" && s.state !== "running") return s.stopPromise = Promise.resolve(OK_REPORT);
    return s.stopPromise = this.#stop(timeout);
  }

  async #stop(timeout: number): Promise<StopReport> {
    const s = this.#s;
    const host = s.host as WorkerHost;
    const name = s.name;
    // Called from the synchronous part of a run (before its first await), when it has no promise yet.
    const inSync = s.state === "running" && s.inFlight === undefined;
    s.gen++;
    s.state = "stopped";
    host.queue.cancel(s.entry);
    if (s.timeoutEntry !== undefined) host.queue.cancel(s.timeoutEntry);
    if (s.cancelEntry !== undefined) host.queue.cancel(s.cancelEntry);
    s.dueWhileBusy = false;
    abortSignals(s, new DOMException(`${name} stopped`, "AbortError"));
    const inFlight = inSync ? new Promise<void>((resolve) => (s.onSettled = resolve)) : s.inFlight;
    const gate = s.gate;
    const registration = s.engineReg;
    s.engineReg = undefined;
    const from = host.queue.now();
    s.gate = undefined;
    let report = OK_REPORT;
    if (inFlight !== undefined) {
      const run = s.run;
      s.stopWaiting++;
      const settled = await settlesWithin(host.queue.clock, inFlight, timeout);
      s.stopWaiting--;
      if (!settled) report = { ok: false, unsettled: [{ worker: name, run }] };
    } else {
      // Triggered, but the run had not begun: it never will, so say so rather than hang.
      s.triggers?.reject(new Error(`${name}: stopped before the triggered run began`));
      // Waiting on the store, not on a run: wait for its answer (within the limit) so that a lease
      // it brings is given back below; no run is named, for none began.
      const admission = gate?.pending;
      if (admission !== undefined) await settlesWithin(host.queue.clock, admission, timeout);
    }
    // A run that did not settle keeps its lease until the lease expires: no other instance may start
    // while it may still write. Otherwise give the lease up so that another instance takes over now.
    await gate?.close(report.ok, report.ok ? undefined : inFlight);
    // The engine stops handing jobs to this instance; its schedule stays for the others.
    if (registration !== undefined && !await registration.stop(Math.max(0, timeout - (host.queue.now() - from))) && report.ok) {
      report = { ok: false, unsettled: [{ worker: name, run: s.run }] };
    }
    log(host.logger, "debug", `[background-workers] ${name}: stopped`);
    return report;
  }

  /**
   * Runs the worker now, through the same path as a scheduled run. If a run is in flight, resolves
   * with that run's end instead of starting a second one. Rejects unless the worker is started.
   */
  trigger(): Promise<RunResult> {
    const s = this.#s;
    if (s.state !== "idle" && s.state !== "running") {
      return Promise.reject(new Error(`${s.name}: cannot trigger a worker that is ${s.state}`));
    }
    // A pause promises that nothing new starts here (and, with a lease, it gave the lease up).
    if (s.paused) return Promise.reject(new Error(`${s.name}: cannot trigger a paused worker; resume() it first`));
    const host = s.host as WorkerHost;
    if (host.engine !== undefined) {
      // Run by the engine, on whichever instance takes the job. No local waiter: the job may run
      // elsewhere, and a waiter nobody awaits would be rejected unheard at stop (an unhandled rejection).
      const registration = s.engineReg;
      return registration === undefined
        ? Promise.reject(new Error(`${s.name}: cannot trigger: not registered with the ${host.engine.name} engine yet`))
        : registration.trigger();
    }
    const result = (s.triggers ??= new Triggers()).wait();
    if (s.state === "idle" && s.inFlight === undefined && s.gate?.pending === undefined) {
      // Through the queue, so a trigger runs like any due run: on its own tick, never inside the caller.
      queueAt(s, host.queue.now(), false);
    }
    return result;
  }

  /**
   * Pauses the worker on this instance: a run in flight finishes, no new run starts, and its slots
   * are skipped (counted as `skipped.paused`) until `resume()`. With a lease it gives the lease up
   * once the run settled, so other instances run it. Resolves then. A pause outlives stop and start.
   */
  pause(): Promise<void> {
    return pauseWorker(this.#s);
  }

  /** Resumes a paused worker: the next run is its schedule's next slot. */
  resume(): Promise<void> {
    return resumeWorker(this.#s);
  }

  /** The worker's status line, as listed by `manager.status()`. */
  status(): WorkerStatus {
    const s = this.#s;
    if (this.state === "paused") return s.line(s.name, "paused", null);
    const queue = s.host?.queue;
    if (s.engineReg !== undefined) return s.line(s.name, s.state, s.engineReg.nextRunAt());
    // The slot itself where the schedule knows it (cron), plus the jitter this run was given.
    const next = queue !== undefined && queue.has(s.entry)
      ? Math.round((s.schedule.wallOf?.(s.nominalDue) ?? queue.epochOffset + s.nominalDue) + s.entry.due - s.nominalDue)
      : null;
    return s.line(s.name, s.state, next);
  }

  static {
    // The manager lends its host through the symbol-keyed method of `Attachable`. It is defined
    // here rather than as a class member because isolated declarations (JSR's fast types) cannot
    // emit a computed member name; the interface below gives it its type.
    Object.defineProperty(this.prototype, ATTACH, {
      configurable: true,
      writable: true,
      value(this: PeriodicBackgroundWorker, host: WorkerHost | undefined): void {
        const s = this.#s;
        const name = s.name;
        if (host !== undefined && s.host !== undefined && !s.ownHost) {
          throw new Error(`${name}: this worker already belongs to a manager; remove it there first`);
        }
        if (s.state === "idle" || s.state === "running") {
          throw new Error(`${name}: stop this worker before moving it into or out of a manager`);
        }
        const clock = s.config.clock;
        if (host !== undefined && clock !== undefined && host.queue.clock !== clock) {
          throw new TypeError(
            `${name}: this worker has its own option "clock", and the manager runs on another clock; give the manager that clock (new BackgroundWorkerManager({ clock })) or drop the worker's`,
          );
        }
        if (host?.engine !== undefined) checkForEngine(s, host.engine);
        // Taken out while a run abandoned by a stop still goes on: its end is still the old host's to report.
        s.detachedFrom = host === undefined && s.inFlight !== undefined ? s.host : undefined;
        s.host = host;
        s.ownHost = false;
      },
    });
  }
}

/**
 * A periodic worker can be attached to a manager's host (the method is defined in the class's
 * static block). Internal: not part of the documented API.
 * @ignore
 */
export interface PeriodicBackgroundWorker<Scope = unknown> extends Attachable {}
