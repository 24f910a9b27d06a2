/**
 * BackgroundWorkerManager: the registry of workers, their shared timer queue, and starting,
 * stopping, triggering and reporting on all of them.
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
import { ATTACH, isAttachable, type WorkerHost } from "./host.ts";
import { type ManagerOptions, OWNER, resolveManagerOptions } from "./manager_options.ts";
import { combine, type RunObserver } from "./observer.ts";
import { checkObject, show } from "./options.ts";
import { log, reporter } from "./report.ts";
import { type StopOnShutdownOptions, stopOnShutdownHook } from "./shutdown_hook.ts";
import { gatherReports, OK_REPORT, stopTimeout, stopWorker, type WorkerStopped } from "./stopping.ts";
import { TimerQueue } from "./timer_queue.ts";
import type { BackgroundWorker, RunResult, StopOptions, StopReport, WorkerStatus } from "./types.ts";
export type { ManagerOptions } from "./manager_options.ts";

/**
 * Holds background workers, starts and stops them together, and shares one timer between all its
 * periodic workers. Workers can be added at any time; added to a running manager, they start at once.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 *
 * await using manager = new BackgroundWorkerManager({ onError: (e, { worker }) => console.error(worker, e) });
 * manager.add(periodic("Cleanup", { period: 60_000 }, async ({ signal }) => {
 *   await fetch("https://example.com/cleanup", { method: "POST", signal });
 * }));
 * await manager.start();
 * console.table(manager.status());
 * // leaving the scope stops every worker gracefully
 * ```
 */
export class BackgroundWorkerManager implements AsyncDisposable {
  readonly #workers = new Map<string, BackgroundWorker>();
  readonly #started = new Set<BackgroundWorker>();
  /** Workers whose start() has not resolved yet: a stop waits for it first. */
  readonly #startsUnderWay = new Map<BackgroundWorker, Promise<void>>();
  readonly #host: WorkerHost;
  readonly #observers: RunObserver[] = stryMutAct_9fa48("0") ? ["Stryker was here"] : (stryCov_9fa48("0"), []);
  readonly #enabled: boolean;
  readonly #stopTimeout: number;
  #running = stryMutAct_9fa48("1") ? true : (stryCov_9fa48("1"), false);
  #starting: Promise<void> | undefined = undefined;
  #stopping: Promise<StopReport> | undefined = undefined;
  /** What the one stopOnShutdown() call returned, until disposed. */
  #shutdown: Disposable | undefined = undefined;
  /** Bumped by every stop(): a start() that waited for an earlier stop gives way to a later one. */
  #stops = 0;

  /**
   * Creates a manager; nothing runs until `start()`.
   *
   * @throws {TypeError} for an unknown option or one of the wrong type.
   * @throws {RangeError} for a negative `stopTimeout`.
   */
  constructor(options: ManagerOptions = {}) {
    if (stryMutAct_9fa48("2")) {
      {}
    } else {
      stryCov_9fa48("2");
      const config = resolveManagerOptions(options);
      this.#enabled = config.enabled;
      this.#stopTimeout = config.stopTimeout;
      this.#host = stryMutAct_9fa48("3") ? {} : (stryCov_9fa48("3"), {
        ...reporter(config.logger, config.onError),
        queue: new TimerQueue(),
        scope: config.scope,
        lease: config.lease,
        observer: undefined
      });
    }
  }

  /** True between `start()` and `stop()`. */
  get running(): boolean {
    if (stryMutAct_9fa48("4")) {
      {}
    } else {
      stryCov_9fa48("4");
      return this.#running;
    }
  }

  /** The number of workers registered. */
  get size(): number {
    if (stryMutAct_9fa48("5")) {
      {}
    } else {
      stryCov_9fa48("5");
      return this.#workers.size;
    }
  }

  /**
   * Registers a worker; if the manager is running, the worker starts at once (on the next
   * microtask: never inside this call). Returns the worker.
   * @throws {TypeError} for something that is not a worker, or a name the manager has already.
   */
  add<W extends BackgroundWorker>(worker: W): W {
    if (stryMutAct_9fa48("6")) {
      {}
    } else {
      stryCov_9fa48("6");
      if (stryMutAct_9fa48("9") ? (worker === null || typeof worker !== "object" || typeof worker.start !== "function") && typeof worker.stop !== "function" : stryMutAct_9fa48("8") ? false : stryMutAct_9fa48("7") ? true : (stryCov_9fa48("7", "8", "9"), (stryMutAct_9fa48("11") ? (worker === null || typeof worker !== "object") && typeof worker.start !== "function" : stryMutAct_9fa48("10") ? false : (stryCov_9fa48("10", "11"), (stryMutAct_9fa48("13") ? worker === null && typeof worker !== "object" : stryMutAct_9fa48("12") ? false : (stryCov_9fa48("12", "13"), (stryMutAct_9fa48("15") ? worker !== null : stryMutAct_9fa48("14") ? false : (stryCov_9fa48("14", "15"), worker === null)) || (stryMutAct_9fa48("17") ? typeof worker === "object" : stryMutAct_9fa48("16") ? false : (stryCov_9fa48("16", "17"), typeof worker !== (stryMutAct_9fa48("18") ? "" : (stryCov_9fa48("18"), "object")))))) || (stryMutAct_9fa48("20") ? typeof worker.start === "function" : stryMutAct_9fa48("19") ? false : (stryCov_9fa48("19", "20"), typeof worker.start !== (stryMutAct_9fa48("21") ? "" : (stryCov_9fa48("21"), "function")))))) || (stryMutAct_9fa48("23") ? typeof worker.stop === "function" : stryMutAct_9fa48("22") ? false : (stryCov_9fa48("22", "23"), typeof worker.stop !== (stryMutAct_9fa48("24") ? "" : (stryCov_9fa48("24"), "function")))))) {
        if (stryMutAct_9fa48("25")) {
          {}
        } else {
          stryCov_9fa48("25");
          throw new TypeError(stryMutAct_9fa48("26") ? `` : (stryCov_9fa48("26"), `${OWNER}.add: expected a worker with start() and stop(), got ${show(worker)}`));
        }
      }
      const name: unknown = worker.name;
      if (stryMutAct_9fa48("29") ? typeof name !== "string" && name.trim() === "" : stryMutAct_9fa48("28") ? false : stryMutAct_9fa48("27") ? true : (stryCov_9fa48("27", "28", "29"), (stryMutAct_9fa48("31") ? typeof name === "string" : stryMutAct_9fa48("30") ? false : (stryCov_9fa48("30", "31"), typeof name !== (stryMutAct_9fa48("32") ? "" : (stryCov_9fa48("32"), "string")))) || (stryMutAct_9fa48("34") ? name.trim() !== "" : stryMutAct_9fa48("33") ? false : (stryCov_9fa48("33", "34"), (stryMutAct_9fa48("35") ? name : (stryCov_9fa48("35"), name.trim())) === (stryMutAct_9fa48("36") ? "Stryker was here!" : (stryCov_9fa48("36"), "")))))) {
        if (stryMutAct_9fa48("37")) {
          {}
        } else {
          stryCov_9fa48("37");
          throw new TypeError(stryMutAct_9fa48("38") ? `` : (stryCov_9fa48("38"), `${OWNER}.add: the worker has no name (name ${show(name)})`));
        }
      }
      if (stryMutAct_9fa48("40") ? false : stryMutAct_9fa48("39") ? true : (stryCov_9fa48("39", "40"), this.#workers.has(name))) {
        if (stryMutAct_9fa48("41")) {
          {}
        } else {
          stryCov_9fa48("41");
          throw new TypeError(stryMutAct_9fa48("42") ? `` : (stryCov_9fa48("42"), `${OWNER}.add: a worker named ${show(name)} is registered already`));
        }
      }
      if (stryMutAct_9fa48("44") ? false : stryMutAct_9fa48("43") ? true : (stryCov_9fa48("43", "44"), isAttachable(worker))) worker[ATTACH](this.#host);
      this.#workers.set(name, worker);
      if (stryMutAct_9fa48("46") ? false : stryMutAct_9fa48("45") ? true : (stryCov_9fa48("45", "46"), this.#running)) queueMicrotask(stryMutAct_9fa48("47") ? () => undefined : (stryCov_9fa48("47"), () => void this.#startOne(worker)));
      return worker;
    }
  }

  /** The worker with this name, if any. */
  get(name: string): BackgroundWorker | undefined {
    if (stryMutAct_9fa48("48")) {
      {}
    } else {
      stryCov_9fa48("48");
      return this.#workers.get(name);
    }
  }

  /**
   * Stops the worker (as `stop()` does, under `stopTimeout`) and forgets it.
   * @throws {RangeError} when no worker has this name.
   */
  remove(name: string): Promise<StopReport> {
    if (stryMutAct_9fa48("49")) {
      {}
    } else {
      stryCov_9fa48("49");
      const worker = this.#need(name, stryMutAct_9fa48("50") ? "" : (stryCov_9fa48("50"), "remove"));
      this.#workers.delete(name);
      return this.#stopOne(worker, this.#stopTimeout).then(({
        report,
        error
      }) => {
        if (stryMutAct_9fa48("51")) {
          {}
        } else {
          stryCov_9fa48("51");
          this.#started.delete(worker);
          if (stryMutAct_9fa48("53") ? false : stryMutAct_9fa48("52") ? true : (stryCov_9fa48("52", "53"), isAttachable(worker))) worker[ATTACH](undefined);
          if (stryMutAct_9fa48("56") ? error === undefined : stryMutAct_9fa48("55") ? false : stryMutAct_9fa48("54") ? true : (stryCov_9fa48("54", "55", "56"), error !== undefined)) throw error;
          return report;
        }
      });
    }
  }

  /**
   * Starts every worker (a no-op when the manager is disabled or running). Never runs user code
   * synchronously; a worker whose start fails is reported and the others start.
   */
  start(): Promise<void> {
    if (stryMutAct_9fa48("57")) {
      {}
    } else {
      stryCov_9fa48("57");
      if (stryMutAct_9fa48("60") ? false : stryMutAct_9fa48("59") ? true : stryMutAct_9fa48("58") ? this.#enabled : (stryCov_9fa48("58", "59", "60"), !this.#enabled)) return Promise.resolve();
      return stryMutAct_9fa48("61") ? this.#starting &&= this.#start().finally(() => this.#starting = undefined) : (stryCov_9fa48("61"), this.#starting ??= this.#start().finally(stryMutAct_9fa48("62") ? () => undefined : (stryCov_9fa48("62"), () => this.#starting = undefined)));
    }
  }
  async #start(): Promise<void> {
    if (stryMutAct_9fa48("63")) {
      {}
    } else {
      stryCov_9fa48("63");
      if (stryMutAct_9fa48("65") ? false : stryMutAct_9fa48("64") ? true : (stryCov_9fa48("64", "65"), this.#running)) return;
      const stops = this.#stops;
      if (stryMutAct_9fa48("68") ? this.#stopping === undefined : stryMutAct_9fa48("67") ? false : stryMutAct_9fa48("66") ? true : (stryCov_9fa48("66", "67", "68"), this.#stopping !== undefined)) await this.#stopping.catch(() => {});
      // A stop() called while this start waited for the previous one wins.
      if (stryMutAct_9fa48("71") ? this.#running && stops !== this.#stops : stryMutAct_9fa48("70") ? false : stryMutAct_9fa48("69") ? true : (stryCov_9fa48("69", "70", "71"), this.#running || (stryMutAct_9fa48("73") ? stops === this.#stops : stryMutAct_9fa48("72") ? false : (stryCov_9fa48("72", "73"), stops !== this.#stops)))) return;
      this.#running = stryMutAct_9fa48("74") ? false : (stryCov_9fa48("74"), true);
      this.#stopping = undefined;
      await undefined;
      await Promise.all(Array.from(this.#workers.values(), stryMutAct_9fa48("75") ? () => undefined : (stryCov_9fa48("75"), worker => this.#startOne(worker))));
    }
  }

  /**
   * Stops every worker concurrently under one deadline (`timeout`, default the manager's
   * `stopTimeout`): aborts their runs, waits for them, and resolves with the runs that did not
   * settle in time. Rejects with an AggregateError when workers' `stop()` failed; the others are
   * stopped all the same, and the error's `report` property holds their report. Calling it again, or concurrently, returns the same result.
   */
  stop(options?: StopOptions): Promise<StopReport> {
    if (stryMutAct_9fa48("76")) {
      {}
    } else {
      stryCov_9fa48("76");
      const timeout = stopTimeout(OWNER, stryMutAct_9fa48("77") ? `` : (stryCov_9fa48("77"), `${OWNER}.stop`), options, this.#stopTimeout);
      stryMutAct_9fa48("78") ? this.#stops-- : (stryCov_9fa48("78"), this.#stops++);
      if (stryMutAct_9fa48("81") ? this.#stopping === undefined : stryMutAct_9fa48("80") ? false : stryMutAct_9fa48("79") ? true : (stryCov_9fa48("79", "80", "81"), this.#stopping !== undefined)) return this.#stopping;
      if (stryMutAct_9fa48("84") ? false : stryMutAct_9fa48("83") ? true : stryMutAct_9fa48("82") ? this.#running : (stryCov_9fa48("82", "83", "84"), !this.#running)) return this.#stopping = Promise.resolve(OK_REPORT);
      this.#running = stryMutAct_9fa48("85") ? true : (stryCov_9fa48("85"), false);
      return this.#stopping = this.#stopAll(timeout);
    }
  }

  /**
   * Runs the named worker now, through the same path as a scheduled run; resolves with how the run
   * ended (with the end of the run in flight, if there is one).
   * @throws {RangeError} when no worker has this name; the promise rejects if the worker is not started.
   */
  trigger(name: string): Promise<RunResult> {
    if (stryMutAct_9fa48("86")) {
      {}
    } else {
      stryCov_9fa48("86");
      const worker = this.#need(name, stryMutAct_9fa48("87") ? "" : (stryCov_9fa48("87"), "trigger"));
      if (stryMutAct_9fa48("90") ? typeof worker.trigger === "function" : stryMutAct_9fa48("89") ? false : stryMutAct_9fa48("88") ? true : (stryCov_9fa48("88", "89", "90"), typeof worker.trigger !== (stryMutAct_9fa48("91") ? "" : (stryCov_9fa48("91"), "function")))) {
        if (stryMutAct_9fa48("92")) {
          {}
        } else {
          stryCov_9fa48("92");
          throw new TypeError(stryMutAct_9fa48("93") ? `` : (stryCov_9fa48("93"), `${OWNER}.trigger: worker ${show(name)} has no trigger()`));
        }
      }
      return worker.trigger();
    }
  }

  /** One status line per worker, in the order they were added. */
  status(): WorkerStatus[] {
    if (stryMutAct_9fa48("94")) {
      {}
    } else {
      stryCov_9fa48("94");
      return Array.from(this.#workers.values(), worker => {
        if (stryMutAct_9fa48("95")) {
          {}
        } else {
          stryCov_9fa48("95");
          const status = (stryMutAct_9fa48("98") ? typeof worker.status !== "function" : stryMutAct_9fa48("97") ? false : stryMutAct_9fa48("96") ? true : (stryCov_9fa48("96", "97", "98"), typeof worker.status === (stryMutAct_9fa48("99") ? "" : (stryCov_9fa48("99"), "function")))) ? worker.status() : this.#plainStatus(worker);
          return this.#enabled ? status : stryMutAct_9fa48("100") ? {} : (stryCov_9fa48("100"), {
            ...status,
            state: stryMutAct_9fa48("101") ? "" : (stryCov_9fa48("101"), "disabled"),
            nextRunAt: null
          });
        }
      });
    }
  }

  /**
   * Stops the manager gracefully on the first SIGINT or SIGTERM, on Deno, Bun or Node: aborts the runs
   * in flight, waits for them (at most `timeout`), calls `beforeExit`, then exits with 0 when every
   * run settled in time and 1 otherwise. A second signal exits at once with 128 + its number (130
   * for Ctrl-C). Returns a Disposable that removes the signal listeners.
   * @throws {Error} when called again before the first one's Disposable was disposed.
   *
   * @example
   * ```ts
   * import { BackgroundWorkerManager } from "@background/workers";
   *
   * const manager = new BackgroundWorkerManager({ stopTimeout: 10_000 });
   * await manager.start();
   * manager.stopOnShutdown();
   * ```
   */
  stopOnShutdown(options: StopOnShutdownOptions = {}): Disposable {
    if (stryMutAct_9fa48("102")) {
      {}
    } else {
      stryCov_9fa48("102");
      // Two hooks would race to exit: the first to finish its beforeExit ends the other's mid-way.
      if (stryMutAct_9fa48("105") ? this.#shutdown === undefined : stryMutAct_9fa48("104") ? false : stryMutAct_9fa48("103") ? true : (stryCov_9fa48("103", "104", "105"), this.#shutdown !== undefined)) {
        if (stryMutAct_9fa48("106")) {
          {}
        } else {
          stryCov_9fa48("106");
          throw new Error(stryMutAct_9fa48("107") ? `` : (stryCov_9fa48("107"), `${OWNER}.stopOnShutdown: called twice on this manager; pass every option (one beforeExit doing all the closing) to one call, or dispose the first`));
        }
      }
      const workers = this.#workers;
      const hook = stopOnShutdownHook()(stryMutAct_9fa48("108") ? {} : (stryCov_9fa48("108"), {
        stop: stryMutAct_9fa48("109") ? () => undefined : (stryCov_9fa48("109"), o => this.stop(o)),
        get size() {
          if (stryMutAct_9fa48("110")) {
            {}
          } else {
            stryCov_9fa48("110");
            return workers.size;
          }
        },
        logger: this.#host.logger,
        stopTimeout: this.#stopTimeout
      }), options);
      const shutdown: Disposable = stryMutAct_9fa48("111") ? {} : (stryCov_9fa48("111"), {
        [Symbol.dispose]: (): void => {
          if (stryMutAct_9fa48("112")) {
            {}
          } else {
            stryCov_9fa48("112");
            if (stryMutAct_9fa48("115") ? this.#shutdown !== shutdown : stryMutAct_9fa48("114") ? false : stryMutAct_9fa48("113") ? true : (stryCov_9fa48("113", "114", "115"), this.#shutdown === shutdown)) this.#shutdown = undefined;
            hook[Symbol.dispose]();
          }
        }
      });
      return this.#shutdown = shutdown;
    }
  }

  /**
   * Adds an observer of every run of this manager's workers (see {@link RunObserver}): telemetry,
   * a status page, counters. Dispose the result to remove it. With no observer, a run builds no
   * event at all.
   *
   * @example
   * ```ts
   * import { BackgroundWorkerManager } from "@background/workers";
   *
   * const manager = new BackgroundWorkerManager();
   * const observing = manager.observe({ settled: (e) => console.log(e.worker, e.outcome) });
   * observing[Symbol.dispose]();
   * ```
   */
  observe(observer: RunObserver): Disposable {
    if (stryMutAct_9fa48("116")) {
      {}
    } else {
      stryCov_9fa48("116");
      checkObject(OWNER, stryMutAct_9fa48("117") ? "" : (stryCov_9fa48("117"), "observer"), observer);
      if (stryMutAct_9fa48("120") ? observer !== undefined : stryMutAct_9fa48("119") ? false : stryMutAct_9fa48("118") ? true : (stryCov_9fa48("118", "119", "120"), observer === undefined)) throw new TypeError(stryMutAct_9fa48("121") ? `` : (stryCov_9fa48("121"), `${OWNER}.observe: expected an observer object, got undefined`));
      for (const [key, value] of Object.entries(observer)) {
        if (stryMutAct_9fa48("122")) {
          {}
        } else {
          stryCov_9fa48("122");
          if (stryMutAct_9fa48("125") ? typeof value === "function" : stryMutAct_9fa48("124") ? false : stryMutAct_9fa48("123") ? true : (stryCov_9fa48("123", "124", "125"), typeof value !== (stryMutAct_9fa48("126") ? "" : (stryCov_9fa48("126"), "function")))) {
            if (stryMutAct_9fa48("127")) {
              {}
            } else {
              stryCov_9fa48("127");
              throw new TypeError(stryMutAct_9fa48("128") ? `` : (stryCov_9fa48("128"), `${OWNER}.observe: observer method "${key}" must be a function, got ${show(value)}`));
            }
          }
        }
      }
      this.#observers.push(observer);
      this.#observed();
      return stryMutAct_9fa48("129") ? {} : (stryCov_9fa48("129"), {
        [Symbol.dispose]: (): void => {
          if (stryMutAct_9fa48("130")) {
            {}
          } else {
            stryCov_9fa48("130");
            const i = this.#observers.indexOf(observer);
            if (stryMutAct_9fa48("134") ? i < 0 : stryMutAct_9fa48("133") ? i > 0 : stryMutAct_9fa48("132") ? false : stryMutAct_9fa48("131") ? true : (stryCov_9fa48("131", "132", "133", "134"), i >= 0)) this.#observers.splice(i, 1);
            this.#observed();
          }
        }
      });
    }
  }
  #observed(): void {
    if (stryMutAct_9fa48("135")) {
      {}
    } else {
      stryCov_9fa48("135");
      const logger = this.#host.logger;
      this.#host.observer = combine(this.#observers, stryMutAct_9fa48("136") ? () => undefined : (stryCov_9fa48("136"), error => log(logger, stryMutAct_9fa48("137") ? "" : (stryCov_9fa48("137"), "error"), stryMutAct_9fa48("138") ? "" : (stryCov_9fa48("138"), "[background-workers] an observer threw:"), error)));
    }
  }

  /** Stops the manager at the end of an `await using` scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (stryMutAct_9fa48("139")) {
      {}
    } else {
      stryCov_9fa48("139");
      await this.stop();
    }
  }
  #need(name: string, call: string): BackgroundWorker {
    if (stryMutAct_9fa48("140")) {
      {}
    } else {
      stryCov_9fa48("140");
      const worker = this.#workers.get(name);
      if (stryMutAct_9fa48("143") ? worker !== undefined : stryMutAct_9fa48("142") ? false : stryMutAct_9fa48("141") ? true : (stryCov_9fa48("141", "142", "143"), worker === undefined)) throw new RangeError(stryMutAct_9fa48("144") ? `` : (stryCov_9fa48("144"), `${OWNER}.${call}: no worker named ${show(name)}`));
      return worker;
    }
  }
  async #startOne(worker: BackgroundWorker): Promise<void> {
    if (stryMutAct_9fa48("145")) {
      {}
    } else {
      stryCov_9fa48("145");
      // Not if it was removed (or replaced) between add() and this microtask.
      if (stryMutAct_9fa48("148") ? (this.#started.has(worker) || !this.#running) && this.#workers.get(worker.name) !== worker : stryMutAct_9fa48("147") ? false : stryMutAct_9fa48("146") ? true : (stryCov_9fa48("146", "147", "148"), (stryMutAct_9fa48("150") ? this.#started.has(worker) && !this.#running : stryMutAct_9fa48("149") ? false : (stryCov_9fa48("149", "150"), this.#started.has(worker) || (stryMutAct_9fa48("151") ? this.#running : (stryCov_9fa48("151"), !this.#running)))) || (stryMutAct_9fa48("153") ? this.#workers.get(worker.name) === worker : stryMutAct_9fa48("152") ? false : (stryCov_9fa48("152", "153"), this.#workers.get(worker.name) !== worker)))) return;
      this.#started.add(worker);
      let starting: Promise<void> | undefined;
      try {
        if (stryMutAct_9fa48("154")) {
          {}
        } else {
          stryCov_9fa48("154");
          starting = worker.start();
          this.#startsUnderWay.set(worker, starting);
          await starting;
        }
      } catch (error) {
        if (stryMutAct_9fa48("155")) {
          {}
        } else {
          stryCov_9fa48("155");
          this.#started.delete(worker);
          this.#host.report(error, stryMutAct_9fa48("156") ? {} : (stryCov_9fa48("156"), {
            worker: worker.name,
            run: 0,
            phase: stryMutAct_9fa48("157") ? "" : (stryCov_9fa48("157"), "start")
          }));
        }
      } finally {
        if (stryMutAct_9fa48("158")) {
          {}
        } else {
          stryCov_9fa48("158");
          if (stryMutAct_9fa48("161") ? this.#startsUnderWay.get(worker) !== starting : stryMutAct_9fa48("160") ? false : stryMutAct_9fa48("159") ? true : (stryCov_9fa48("159", "160", "161"), this.#startsUnderWay.get(worker) === starting)) this.#startsUnderWay.delete(worker);
        }
      }
    }
  }
  #stopOne(worker: BackgroundWorker, timeout: number): Promise<WorkerStopped> {
    if (stryMutAct_9fa48("162")) {
      {}
    } else {
      stryCov_9fa48("162");
      return stopWorker(OWNER, worker, timeout, this.#host.queue.clock, this.#startsUnderWay.get(worker));
    }
  }
  async #stopAll(timeout: number): Promise<StopReport> {
    if (stryMutAct_9fa48("163")) {
      {}
    } else {
      stryCov_9fa48("163");
      const results = await Promise.all(Array.from(this.#workers.values(), stryMutAct_9fa48("164") ? () => undefined : (stryCov_9fa48("164"), w => this.#stopOne(w, timeout))));
      this.#started.clear();
      return gatherReports(OWNER, results);
    }
  }
  #plainStatus(worker: BackgroundWorker): WorkerStatus {
    if (stryMutAct_9fa48("165")) {
      {}
    } else {
      stryCov_9fa48("165");
      return stryMutAct_9fa48("166") ? {} : (stryCov_9fa48("166"), {
        name: worker.name,
        state: this.#started.has(worker) ? stryMutAct_9fa48("167") ? "" : (stryCov_9fa48("167"), "running") : stryMutAct_9fa48("168") ? "" : (stryCov_9fa48("168"), "stopped"),
        runs: 0,
        failures: 0,
        consecutiveFailures: 0,
        lastRunAt: null,
        lastDurationMs: null,
        lastError: undefined,
        nextRunAt: null
      });
    }
  }
}