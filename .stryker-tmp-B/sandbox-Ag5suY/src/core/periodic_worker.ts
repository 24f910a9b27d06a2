/**
 * PeriodicBackgroundWorker: a worker's lifecycle (start, stop, trigger, status, its period) over
 * its state record; the path of each run is in `run_path.ts`.
 * @module
 */
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { ATTACH, type Attachable, ownHost, type WorkerHost } from "./host.ts";
import { isClusterStore } from "./lease.ts";
import { workerLease } from "./lease_gate.ts";
import { checkPositive, show } from "./options.ts";
import { PeriodicState, type WorkerBody } from "./periodic_state.ts";
import { log } from "./report.ts";
import { leaseLost, onDue, queueAt } from "./run_path.ts";
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
    if (stryMutAct_9fa48("180")) {
      {}
    } else {
      stryCov_9fa48("180");
      const resolved = resolveWorkerOptions(new.target.name, options);
      // `doWork` is protected: the run path reaches it through the WorkerBody interface.
      this.#s = new PeriodicState<Scope>(resolved.config, makeSchedule(resolved), this as unknown as WorkerBody<Scope>, onDue);
      if (stryMutAct_9fa48("183") ? false : stryMutAct_9fa48("182") ? true : stryMutAct_9fa48("181") ? resolved.enabled : (stryCov_9fa48("181", "182", "183"), !resolved.enabled)) this.#s.state = stryMutAct_9fa48("184") ? "" : (stryCov_9fa48("184"), "disabled");
    }
  }

  /** The work of one run. Honour `context.signal`: it aborts on stop and on timeout. */
  protected abstract doWork(context: WorkerContext<Scope>): void | Promise<void>;

  /** The worker's name, unique within a manager. */
  get name(): string {
    if (stryMutAct_9fa48("185")) {
      {}
    } else {
      stryCov_9fa48("185");
      return this.#s.config.name;
    }
  }

  /** Its state: `"idle"` (waiting), `"running"`, `"stopped"` or `"disabled"`. */
  get state(): WorkerState {
    if (stryMutAct_9fa48("186")) {
      {}
    } else {
      stryCov_9fa48("186");
      return this.#s.state;
    }
  }

  /**
   * Milliseconds between runs (0 for a cron worker). Setting it while idle reschedules from now;
   * during a run, the next run uses it.
   */
  get period(): number {
    if (stryMutAct_9fa48("187")) {
      {}
    } else {
      stryCov_9fa48("187");
      return stryMutAct_9fa48("188") ? this.#s.schedule.period && 0 : (stryCov_9fa48("188"), this.#s.schedule.period ?? 0);
    }
  }
  set period(value: number) {
    if (stryMutAct_9fa48("189")) {
      {}
    } else {
      stryCov_9fa48("189");
      const s = this.#s;
      const name = s.config.name;
      if (stryMutAct_9fa48("192") ? s.schedule.period !== undefined : stryMutAct_9fa48("191") ? false : stryMutAct_9fa48("190") ? true : (stryCov_9fa48("190", "191", "192"), s.schedule.period === undefined)) throw new TypeError(stryMutAct_9fa48("193") ? `` : (stryCov_9fa48("193"), `${name}: a cron worker has no period to set (got ${show(value)})`));
      const period = checkPositive(name, stryMutAct_9fa48("194") ? "" : (stryCov_9fa48("194"), "period"), value);
      if (stryMutAct_9fa48("197") ? s.schedule instanceof FixedRate || s.config.jitter !== undefined : stryMutAct_9fa48("196") ? false : stryMutAct_9fa48("195") ? true : (stryCov_9fa48("195", "196", "197"), s.schedule instanceof FixedRate && (stryMutAct_9fa48("199") ? s.config.jitter === undefined : stryMutAct_9fa48("198") ? true : (stryCov_9fa48("198", "199"), s.config.jitter !== undefined)))) checkRateJitter(name, period, s.config.jitter);
      s.schedule.period = period;
      const queue = stryMutAct_9fa48("200") ? s.host.queue : (stryCov_9fa48("200"), s.host?.queue);
      if (stryMutAct_9fa48("203") ? s.state !== "running" : stryMutAct_9fa48("202") ? false : stryMutAct_9fa48("201") ? true : (stryCov_9fa48("201", "202", "203"), s.state === (stryMutAct_9fa48("204") ? "" : (stryCov_9fa48("204"), "running")))) {
        if (stryMutAct_9fa48("205")) {
          {}
        } else {
          stryCov_9fa48("205");
          s.schedule.rebase(s.nominalDue);
        }
      } else if (stryMutAct_9fa48("208") ? queue.has(s.entry) : stryMutAct_9fa48("207") ? false : stryMutAct_9fa48("206") ? true : (stryCov_9fa48("206", "207", "208"), queue?.has(s.entry))) {
        if (stryMutAct_9fa48("209")) {
          {}
        } else {
          stryCov_9fa48("209");
          const now = queue.now();
          s.schedule.rebase(now);
          queueAt(s, s.schedule.first(now));
        }
      }
    }
  }

  /**
   * Starts the worker: the first run is due one period from now (at once with `runOnStart`). Never
   * calls `doWork` synchronously. A no-op when the worker is disabled or started already.
   */
  start(): Promise<void> {
    if (stryMutAct_9fa48("210")) {
      {}
    } else {
      stryCov_9fa48("210");
      const s = this.#s;
      if (stryMutAct_9fa48("213") ? s.state === "stopped" : stryMutAct_9fa48("212") ? false : stryMutAct_9fa48("211") ? true : (stryCov_9fa48("211", "212", "213"), s.state !== (stryMutAct_9fa48("214") ? "" : (stryCov_9fa48("214"), "stopped")))) return Promise.resolve();
      if (stryMutAct_9fa48("217") ? s.host !== undefined : stryMutAct_9fa48("216") ? false : stryMutAct_9fa48("215") ? true : (stryCov_9fa48("215", "216", "217"), s.host === undefined)) {
        if (stryMutAct_9fa48("218")) {
          {}
        } else {
          stryCov_9fa48("218");
          s.host = ownHost();
          s.ownHost = stryMutAct_9fa48("219") ? false : (stryCov_9fa48("219"), true);
        }
      }
      const host = s.host;
      const name = s.config.name;
      stryMutAct_9fa48("220") ? s.gen-- : (stryCov_9fa48("220"), s.gen++);
      s.stopPromise = undefined;
      resetSignals(s);
      s.state = stryMutAct_9fa48("221") ? "" : (stryCov_9fa48("221"), "idle");
      const lease = (stryMutAct_9fa48("224") ? s.config.lease !== undefined : stryMutAct_9fa48("223") ? false : stryMutAct_9fa48("222") ? true : (stryCov_9fa48("222", "223", "224"), s.config.lease === undefined)) ? host.lease : stryMutAct_9fa48("227") ? s.config.lease && undefined : stryMutAct_9fa48("226") ? false : stryMutAct_9fa48("225") ? true : (stryCov_9fa48("225", "226", "227"), s.config.lease || undefined);
      const config = s.config;
      s.gate = (stryMutAct_9fa48("230") ? lease !== undefined : stryMutAct_9fa48("229") ? false : stryMutAct_9fa48("228") ? true : (stryCov_9fa48("228", "229", "230"), lease === undefined)) ? undefined : workerLease(host, lease, stryMutAct_9fa48("231") ? {} : (stryCov_9fa48("231"), {
        name: stryMutAct_9fa48("232") ? (lease.prefix ?? "") - name : (stryCov_9fa48("232"), (stryMutAct_9fa48("233") ? lease.prefix && "" : (stryCov_9fa48("233"), lease.prefix ?? (stryMutAct_9fa48("234") ? "Stryker was here!" : (stryCov_9fa48("234"), "")))) + name),
        period: s.schedule.period,
        everySlot: stryMutAct_9fa48("237") ? config.missed !== "all" : stryMutAct_9fa48("236") ? false : stryMutAct_9fa48("235") ? true : (stryCov_9fa48("235", "236", "237"), config.missed === (stryMutAct_9fa48("238") ? "" : (stryCov_9fa48("238"), "all")))
      }), stryMutAct_9fa48("239") ? {} : (stryCov_9fa48("239"), {
        lost: stryMutAct_9fa48("240") ? () => undefined : (stryCov_9fa48("240"), error => leaseLost(s, error)),
        fault: stryMutAct_9fa48("241") ? () => undefined : (stryCov_9fa48("241"), error => stryMutAct_9fa48("242") ? s.host.report(error, {
          worker: name,
          run: s.run,
          phase: "lease"
        }) : (stryCov_9fa48("242"), s.host?.report(error, stryMutAct_9fa48("243") ? {} : (stryCov_9fa48("243"), {
          worker: name,
          run: s.run,
          phase: stryMutAct_9fa48("244") ? "" : (stryCov_9fa48("244"), "lease")
        })))),
        changed: stryMutAct_9fa48("245") ? () => undefined : (stryCov_9fa48("245"), (held, fencingToken) => stryMutAct_9fa48("248") ? s.host.observer?.lease?.({
          worker: name,
          held,
          fencingToken
        }) : stryMutAct_9fa48("247") ? s.host?.observer.lease?.({
          worker: name,
          held,
          fencingToken
        }) : stryMutAct_9fa48("246") ? s.host?.observer?.lease({
          worker: name,
          held,
          fencingToken
        }) : (stryCov_9fa48("246", "247", "248"), s.host?.observer?.lease?.(stryMutAct_9fa48("249") ? {} : (stryCov_9fa48("249"), {
          worker: name,
          held,
          fencingToken
        }))))
      }));
      s.catchup = undefined;
      const now = host.queue.now();
      const first = s.schedule.first(now);
      // With a cluster store, check in at once: the cluster may know this worker's last slot, and a
      // slot nobody ran while every instance was down is run now (its missed option).
      s.checkIn = stryMutAct_9fa48("252") ? !config.runOnStart && lease !== undefined || isClusterStore(lease.store) : stryMutAct_9fa48("251") ? false : stryMutAct_9fa48("250") ? true : (stryCov_9fa48("250", "251", "252"), (stryMutAct_9fa48("254") ? !config.runOnStart || lease !== undefined : stryMutAct_9fa48("253") ? true : (stryCov_9fa48("253", "254"), (stryMutAct_9fa48("255") ? config.runOnStart : (stryCov_9fa48("255"), !config.runOnStart)) && (stryMutAct_9fa48("257") ? lease === undefined : stryMutAct_9fa48("256") ? true : (stryCov_9fa48("256", "257"), lease !== undefined)))) && isClusterStore(lease.store));
      queueAt(s, (stryMutAct_9fa48("260") ? config.runOnStart && s.checkIn : stryMutAct_9fa48("259") ? false : stryMutAct_9fa48("258") ? true : (stryCov_9fa48("258", "259", "260"), config.runOnStart || s.checkIn)) ? now : first, stryMutAct_9fa48("261") ? s.checkIn : (stryCov_9fa48("261"), !s.checkIn));
      log(host.logger, stryMutAct_9fa48("262") ? "" : (stryCov_9fa48("262"), "debug"), stryMutAct_9fa48("263") ? `` : (stryCov_9fa48("263"), `[background-workers] ${name}: started`));
      return Promise.resolve();
    }
  }

  /**
   * Stops the worker: aborts the signal of the run in flight, then waits for it at most `timeout` ms
   * (default 30,000). Resolves with a report naming a run that did not settle in time. Calling it
   * again, or concurrently, returns the same result.
   */
  stop(options?: StopOptions): Promise<StopReport> {
    if (stryMutAct_9fa48("264")) {
      {}
    } else {
      stryCov_9fa48("264");
      const s = this.#s;
      const name = s.config.name;
      const timeout = stopTimeout(name, stryMutAct_9fa48("265") ? `` : (stryCov_9fa48("265"), `${name}: stop`), options, DEFAULT_STOP_TIMEOUT);
      if (stryMutAct_9fa48("268") ? s.stopPromise === undefined : stryMutAct_9fa48("267") ? false : stryMutAct_9fa48("266") ? true : (stryCov_9fa48("266", "267", "268"), s.stopPromise !== undefined)) return s.stopPromise;
      if (stryMutAct_9fa48("271") ? s.state !== "idle" || s.state !== "running" : stryMutAct_9fa48("270") ? false : stryMutAct_9fa48("269") ? true : (stryCov_9fa48("269", "270", "271"), (stryMutAct_9fa48("273") ? s.state === "idle" : stryMutAct_9fa48("272") ? true : (stryCov_9fa48("272", "273"), s.state !== (stryMutAct_9fa48("274") ? "" : (stryCov_9fa48("274"), "idle")))) && (stryMutAct_9fa48("276") ? s.state === "running" : stryMutAct_9fa48("275") ? true : (stryCov_9fa48("275", "276"), s.state !== (stryMutAct_9fa48("277") ? "" : (stryCov_9fa48("277"), "running")))))) return s.stopPromise = Promise.resolve(OK_REPORT);
      return s.stopPromise = this.#stop(timeout);
    }
  }
  async #stop(timeout: number): Promise<StopReport> {
    if (stryMutAct_9fa48("278")) {
      {}
    } else {
      stryCov_9fa48("278");
      const s = this.#s;
      const host = s.host as WorkerHost;
      const name = s.config.name;
      // Called from the synchronous part of a run (before its first await), when it has no promise yet.
      const inSync = stryMutAct_9fa48("281") ? s.state === "running" || s.inFlight === undefined : stryMutAct_9fa48("280") ? false : stryMutAct_9fa48("279") ? true : (stryCov_9fa48("279", "280", "281"), (stryMutAct_9fa48("283") ? s.state !== "running" : stryMutAct_9fa48("282") ? true : (stryCov_9fa48("282", "283"), s.state === (stryMutAct_9fa48("284") ? "" : (stryCov_9fa48("284"), "running")))) && (stryMutAct_9fa48("286") ? s.inFlight !== undefined : stryMutAct_9fa48("285") ? true : (stryCov_9fa48("285", "286"), s.inFlight === undefined)));
      stryMutAct_9fa48("287") ? s.gen-- : (stryCov_9fa48("287"), s.gen++);
      s.state = stryMutAct_9fa48("288") ? "" : (stryCov_9fa48("288"), "stopped");
      host.queue.cancel(s.entry);
      if (stryMutAct_9fa48("291") ? s.timeoutEntry === undefined : stryMutAct_9fa48("290") ? false : stryMutAct_9fa48("289") ? true : (stryCov_9fa48("289", "290", "291"), s.timeoutEntry !== undefined)) host.queue.cancel(s.timeoutEntry);
      s.dueWhileBusy = stryMutAct_9fa48("292") ? true : (stryCov_9fa48("292"), false);
      abortSignals(s, new DOMException(stryMutAct_9fa48("293") ? `` : (stryCov_9fa48("293"), `${name} stopped`), stryMutAct_9fa48("294") ? "" : (stryCov_9fa48("294"), "AbortError")));
      const inFlight = inSync ? new Promise<void>(stryMutAct_9fa48("295") ? () => undefined : (stryCov_9fa48("295"), resolve => s.onSettled = resolve)) : s.inFlight;
      const gate = s.gate;
      s.gate = undefined;
      let report = OK_REPORT;
      if (stryMutAct_9fa48("298") ? inFlight === undefined : stryMutAct_9fa48("297") ? false : stryMutAct_9fa48("296") ? true : (stryCov_9fa48("296", "297", "298"), inFlight !== undefined)) {
        if (stryMutAct_9fa48("299")) {
          {}
        } else {
          stryCov_9fa48("299");
          const run = s.run;
          s.stopWaiting = stryMutAct_9fa48("300") ? false : (stryCov_9fa48("300"), true);
          const settled = await settlesWithin(host.queue.clock, inFlight, timeout);
          s.stopWaiting = stryMutAct_9fa48("301") ? true : (stryCov_9fa48("301"), false);
          if (stryMutAct_9fa48("304") ? false : stryMutAct_9fa48("303") ? true : stryMutAct_9fa48("302") ? settled : (stryCov_9fa48("302", "303", "304"), !settled)) report = stryMutAct_9fa48("305") ? {} : (stryCov_9fa48("305"), {
            ok: stryMutAct_9fa48("306") ? true : (stryCov_9fa48("306"), false),
            unsettled: stryMutAct_9fa48("307") ? [] : (stryCov_9fa48("307"), [stryMutAct_9fa48("308") ? {} : (stryCov_9fa48("308"), {
              worker: name,
              run
            })])
          });
        }
      } else {
        if (stryMutAct_9fa48("309")) {
          {}
        } else {
          stryCov_9fa48("309");
          // Triggered, but the run had not begun: it never will, so say so rather than hang.
          stryMutAct_9fa48("310") ? s.triggers.reject(new Error(`${name}: stopped before the triggered run began`)) : (stryCov_9fa48("310"), s.triggers?.reject(new Error(stryMutAct_9fa48("311") ? `` : (stryCov_9fa48("311"), `${name}: stopped before the triggered run began`))));
          // Waiting on the store, not on a run: wait for its answer (within the limit) so that a lease
          // it brings is given back below; no run is named, for none began.
          const admission = stryMutAct_9fa48("312") ? gate.pending : (stryCov_9fa48("312"), gate?.pending);
          if (stryMutAct_9fa48("315") ? admission === undefined : stryMutAct_9fa48("314") ? false : stryMutAct_9fa48("313") ? true : (stryCov_9fa48("313", "314", "315"), admission !== undefined)) await settlesWithin(host.queue.clock, admission, timeout);
        }
      }
      // A run that did not settle keeps its lease until the lease expires: no other instance may start
      // while it may still write. Otherwise give the lease up so that another instance takes over now.
      await (stryMutAct_9fa48("316") ? gate.close(report.ok, report.ok ? undefined : inFlight) : (stryCov_9fa48("316"), gate?.close(report.ok, report.ok ? undefined : inFlight)));
      log(host.logger, stryMutAct_9fa48("317") ? "" : (stryCov_9fa48("317"), "debug"), stryMutAct_9fa48("318") ? `` : (stryCov_9fa48("318"), `[background-workers] ${name}: stopped`));
      return report;
    }
  }

  /**
   * Runs the worker now, through the same path as a scheduled run. If a run is in flight, resolves
   * with that run's end instead of starting a second one. Rejects unless the worker is started.
   */
  trigger(): Promise<RunResult> {
    if (stryMutAct_9fa48("319")) {
      {}
    } else {
      stryCov_9fa48("319");
      const s = this.#s;
      if (stryMutAct_9fa48("322") ? s.state !== "idle" || s.state !== "running" : stryMutAct_9fa48("321") ? false : stryMutAct_9fa48("320") ? true : (stryCov_9fa48("320", "321", "322"), (stryMutAct_9fa48("324") ? s.state === "idle" : stryMutAct_9fa48("323") ? true : (stryCov_9fa48("323", "324"), s.state !== (stryMutAct_9fa48("325") ? "" : (stryCov_9fa48("325"), "idle")))) && (stryMutAct_9fa48("327") ? s.state === "running" : stryMutAct_9fa48("326") ? true : (stryCov_9fa48("326", "327"), s.state !== (stryMutAct_9fa48("328") ? "" : (stryCov_9fa48("328"), "running")))))) {
        if (stryMutAct_9fa48("329")) {
          {}
        } else {
          stryCov_9fa48("329");
          return Promise.reject(new Error(stryMutAct_9fa48("330") ? `` : (stryCov_9fa48("330"), `${s.config.name}: cannot trigger a worker that is ${s.state}`)));
        }
      }
      const result = (stryMutAct_9fa48("331") ? s.triggers &&= new Triggers() : (stryCov_9fa48("331"), s.triggers ??= new Triggers())).wait();
      if (stryMutAct_9fa48("334") ? s.state === "idle" && s.inFlight === undefined || s.gate?.pending === undefined : stryMutAct_9fa48("333") ? false : stryMutAct_9fa48("332") ? true : (stryCov_9fa48("332", "333", "334"), (stryMutAct_9fa48("336") ? s.state === "idle" || s.inFlight === undefined : stryMutAct_9fa48("335") ? true : (stryCov_9fa48("335", "336"), (stryMutAct_9fa48("338") ? s.state !== "idle" : stryMutAct_9fa48("337") ? true : (stryCov_9fa48("337", "338"), s.state === (stryMutAct_9fa48("339") ? "" : (stryCov_9fa48("339"), "idle")))) && (stryMutAct_9fa48("341") ? s.inFlight !== undefined : stryMutAct_9fa48("340") ? true : (stryCov_9fa48("340", "341"), s.inFlight === undefined)))) && (stryMutAct_9fa48("343") ? s.gate?.pending !== undefined : stryMutAct_9fa48("342") ? true : (stryCov_9fa48("342", "343"), (stryMutAct_9fa48("344") ? s.gate.pending : (stryCov_9fa48("344"), s.gate?.pending)) === undefined)))) {
        if (stryMutAct_9fa48("345")) {
          {}
        } else {
          stryCov_9fa48("345");
          // Through the queue, so a trigger runs like any due run: on its own tick, never inside the caller.
          queueAt(s, (s.host as WorkerHost).queue.now(), stryMutAct_9fa48("346") ? true : (stryCov_9fa48("346"), false));
        }
      }
      return result;
    }
  }

  /** The worker's status line, as listed by `manager.status()`. */
  status(): WorkerStatus {
    if (stryMutAct_9fa48("347")) {
      {}
    } else {
      stryCov_9fa48("347");
      const s = this.#s;
      const queue = stryMutAct_9fa48("348") ? s.host.queue : (stryCov_9fa48("348"), s.host?.queue);
      // The slot itself where the schedule knows it (cron), plus the jitter this run was given.
      const next = (stryMutAct_9fa48("351") ? queue !== undefined || queue.has(s.entry) : stryMutAct_9fa48("350") ? false : stryMutAct_9fa48("349") ? true : (stryCov_9fa48("349", "350", "351"), (stryMutAct_9fa48("353") ? queue === undefined : stryMutAct_9fa48("352") ? true : (stryCov_9fa48("352", "353"), queue !== undefined)) && queue.has(s.entry))) ? Math.round(stryMutAct_9fa48("354") ? (s.schedule.wallOf?.(s.nominalDue) ?? queue.epochOffset + s.nominalDue) + s.entry.due + s.nominalDue : (stryCov_9fa48("354"), (stryMutAct_9fa48("355") ? (s.schedule.wallOf?.(s.nominalDue) ?? queue.epochOffset + s.nominalDue) - s.entry.due : (stryCov_9fa48("355"), (stryMutAct_9fa48("356") ? s.schedule.wallOf?.(s.nominalDue) && queue.epochOffset + s.nominalDue : (stryCov_9fa48("356"), (stryMutAct_9fa48("357") ? s.schedule.wallOf(s.nominalDue) : (stryCov_9fa48("357"), s.schedule.wallOf?.(s.nominalDue))) ?? (stryMutAct_9fa48("358") ? queue.epochOffset - s.nominalDue : (stryCov_9fa48("358"), queue.epochOffset + s.nominalDue)))) + s.entry.due)) - s.nominalDue)) : null;
      return s.line(s.config.name, s.state, next);
    }
  }
  static {
    // The manager lends its host through the symbol-keyed method of `Attachable`. It is defined
    // here rather than as a class member because isolated declarations (JSR's fast types) cannot
    // emit a computed member name; the interface below gives it its type.
    Object.defineProperty(this.prototype, ATTACH, stryMutAct_9fa48("359") ? {} : (stryCov_9fa48("359"), {
      configurable: stryMutAct_9fa48("360") ? false : (stryCov_9fa48("360"), true),
      writable: stryMutAct_9fa48("361") ? false : (stryCov_9fa48("361"), true),
      value(this: PeriodicBackgroundWorker, host: WorkerHost | undefined): void {
        if (stryMutAct_9fa48("362")) {
          {}
        } else {
          stryCov_9fa48("362");
          const s = this.#s;
          const name = s.config.name;
          if (stryMutAct_9fa48("365") ? host !== undefined && s.host !== undefined || !s.ownHost : stryMutAct_9fa48("364") ? false : stryMutAct_9fa48("363") ? true : (stryCov_9fa48("363", "364", "365"), (stryMutAct_9fa48("367") ? host !== undefined || s.host !== undefined : stryMutAct_9fa48("366") ? true : (stryCov_9fa48("366", "367"), (stryMutAct_9fa48("369") ? host === undefined : stryMutAct_9fa48("368") ? true : (stryCov_9fa48("368", "369"), host !== undefined)) && (stryMutAct_9fa48("371") ? s.host === undefined : stryMutAct_9fa48("370") ? true : (stryCov_9fa48("370", "371"), s.host !== undefined)))) && (stryMutAct_9fa48("372") ? s.ownHost : (stryCov_9fa48("372"), !s.ownHost)))) {
            if (stryMutAct_9fa48("373")) {
              {}
            } else {
              stryCov_9fa48("373");
              throw new Error(stryMutAct_9fa48("374") ? `` : (stryCov_9fa48("374"), `${name}: this worker already belongs to a manager; remove it there first`));
            }
          }
          if (stryMutAct_9fa48("377") ? s.state === "idle" && s.state === "running" : stryMutAct_9fa48("376") ? false : stryMutAct_9fa48("375") ? true : (stryCov_9fa48("375", "376", "377"), (stryMutAct_9fa48("379") ? s.state !== "idle" : stryMutAct_9fa48("378") ? false : (stryCov_9fa48("378", "379"), s.state === (stryMutAct_9fa48("380") ? "" : (stryCov_9fa48("380"), "idle")))) || (stryMutAct_9fa48("382") ? s.state !== "running" : stryMutAct_9fa48("381") ? false : (stryCov_9fa48("381", "382"), s.state === (stryMutAct_9fa48("383") ? "" : (stryCov_9fa48("383"), "running")))))) {
            if (stryMutAct_9fa48("384")) {
              {}
            } else {
              stryCov_9fa48("384");
              throw new Error(stryMutAct_9fa48("385") ? `` : (stryCov_9fa48("385"), `${name}: stop this worker before moving it into or out of a manager`));
            }
          }
          s.host = host;
          s.ownHost = stryMutAct_9fa48("386") ? true : (stryCov_9fa48("386"), false);
        }
      }
    }));
  }
}

/**
 * A periodic worker can be attached to a manager's host (the method is defined in the class's
 * static block). Internal: not part of the documented API.
 * @ignore
 */
export interface PeriodicBackgroundWorker<Scope = unknown> extends Attachable {}