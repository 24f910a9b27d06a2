/**
 * The path of one run, from the slot coming due to the run settled:
 *
 *   due -> overlap check -> lease gate (with a lease) -> context and signal -> doWork (inside the
 *   observers' `around`, in a scope when the manager makes them) -> settle: stats, errors, trigger
 *   waiters, observers -> the schedule's next due time -> the timer queue.
 *
 * This runs 100,000 times a second at scale, so it is kept lean: no promise hop for a `doWork`
 * that returns none, no event object unless someone observes, one clock read per end.
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
import { ownHost, type WorkerHost } from "./host.ts";
import type { Admission, LeaseLostError, Resumption } from "./lease.ts";
import type { RunEvent } from "./observer.ts";
import type { PeriodicState } from "./periodic_state.ts";
import { isThenable, log } from "./report.ts";
import { isAbortError, outcomeOf, signalForRun } from "./run_signal.ts";
import { backedOff, jitterDelay } from "./schedule.ts";
import { runScoped } from "./scope.ts";
import { timerEntry } from "./timer_queue.ts";
import type { ErrorInfo, ScopeFactory, WorkerContext } from "./types.ts";
type State = PeriodicState<unknown>;

/** Stands in for the host of a worker taken out of its manager while an abandoned run still goes on. */
const DETACHED: WorkerHost = ownHost();

/** Queues the worker's next slot at `nominal` (plus its jitter, unless `jitter` is false). */
export function queueAt(s: State, nominal: number, jitter = stryMutAct_9fa48("387") ? false : (stryCov_9fa48("387"), true)): void {
  if (stryMutAct_9fa48("388")) {
    {}
  } else {
    stryCov_9fa48("388");
    s.nominalDue = nominal;
    const due = jitter ? stryMutAct_9fa48("389") ? nominal - jitterDelay(s.config.jitter) : (stryCov_9fa48("389"), nominal + jitterDelay(s.config.jitter)) : nominal;
    (s.host as WorkerHost).queue.schedule(s.entry, due, s.schedule.lane);
  }
}

/** A slot came due (the timer queue calls this). */
export function onDue(s: State, now: number): void {
  if (stryMutAct_9fa48("390")) {
    {}
  } else {
    stryCov_9fa48("390");
    const host = s.host as WorkerHost;
    if (stryMutAct_9fa48("393") ? false : stryMutAct_9fa48("392") ? true : stryMutAct_9fa48("391") ? s.checkIn : (stryCov_9fa48("391", "392", "393"), !s.checkIn)) stryMutAct_9fa48("395") ? host.observer.due?.({
      worker: s.config.name,
      scheduledAt: host.queue.epochOffset + s.nominalDue
    }) : stryMutAct_9fa48("394") ? host.observer?.due({
      worker: s.config.name,
      scheduledAt: host.queue.epochOffset + s.nominalDue
    }) : (stryCov_9fa48("394", "395"), host.observer?.due?.(stryMutAct_9fa48("396") ? {} : (stryCov_9fa48("396"), {
      worker: s.config.name,
      scheduledAt: stryMutAct_9fa48("397") ? host.queue.epochOffset - s.nominalDue : (stryCov_9fa48("397"), host.queue.epochOffset + s.nominalDue)
    })));
    // A run abandoned by an earlier stop() is still going: runs never overlap, so wait for it.
    if (stryMutAct_9fa48("400") ? s.inFlight === undefined : stryMutAct_9fa48("399") ? false : stryMutAct_9fa48("398") ? true : (stryCov_9fa48("398", "399", "400"), s.inFlight !== undefined)) {
      if (stryMutAct_9fa48("401")) {
        {}
      } else {
        stryCov_9fa48("401");
        s.dueWhileBusy = stryMutAct_9fa48("402") ? false : (stryCov_9fa48("402"), true);
        return;
      }
    }
    const gate = s.gate;
    if (stryMutAct_9fa48("405") ? gate !== undefined : stryMutAct_9fa48("404") ? false : stryMutAct_9fa48("403") ? true : (stryCov_9fa48("403", "404", "405"), gate === undefined)) return begin(s, now, undefined);
    const gen = s.gen;
    void gate.admit().then(stryMutAct_9fa48("406") ? () => undefined : (stryCov_9fa48("406"), admission => admitted(s, gen, admission)));
  }
}
function admitted(s: State, gen: number, admission: Admission): void {
  if (stryMutAct_9fa48("407")) {
    {}
  } else {
    stryCov_9fa48("407");
    if (stryMutAct_9fa48("410") ? gen === s.gen : stryMutAct_9fa48("409") ? false : stryMutAct_9fa48("408") ? true : (stryCov_9fa48("408", "409", "410"), gen !== s.gen)) return;
    const host = s.host as WorkerHost;
    const now = host.queue.now();
    // A trigger that came during the check-in makes it a run.
    if (stryMutAct_9fa48("413") ? s.checkIn || s.triggers?.waiting : stryMutAct_9fa48("412") ? false : stryMutAct_9fa48("411") ? true : (stryCov_9fa48("411", "412", "413"), s.checkIn && (stryMutAct_9fa48("414") ? s.triggers.waiting : (stryCov_9fa48("414"), s.triggers?.waiting)))) s.checkIn = stryMutAct_9fa48("415") ? true : (stryCov_9fa48("415"), false);
    if (stryMutAct_9fa48("418") ? typeof admission !== "number" : stryMutAct_9fa48("417") ? false : stryMutAct_9fa48("416") ? true : (stryCov_9fa48("416", "417", "418"), typeof admission === (stryMutAct_9fa48("419") ? "" : (stryCov_9fa48("419"), "number")))) return s.checkIn ? checkedIn(s, now) : begin(s, now, admission);
    if (stryMutAct_9fa48("422") ? typeof admission !== "object" : stryMutAct_9fa48("421") ? false : stryMutAct_9fa48("420") ? true : (stryCov_9fa48("420", "421", "422"), typeof admission === (stryMutAct_9fa48("423") ? "" : (stryCov_9fa48("423"), "object")))) return resume(s, now, admission);
    if (stryMutAct_9fa48("425") ? false : stryMutAct_9fa48("424") ? true : (stryCov_9fa48("424", "425"), s.checkIn)) return checkedIn(s, now);
    // Another instance holds the lease, or the store failed: skip this slot. A trigger waiting
    // for this run learns that it did not happen here.
    const name = s.config.name;
    stryMutAct_9fa48("426") ? s.triggers.reject(new Error(`${name}: not run here: the lease is held elsewhere or the store failed`)) : (stryCov_9fa48("426"), s.triggers?.reject(new Error(stryMutAct_9fa48("427") ? `` : (stryCov_9fa48("427"), `${name}: not run here: the lease is held elsewhere or the store failed`))));
    stryMutAct_9fa48("429") ? host.observer.skipped?.({
      worker: name,
      scheduledAt: host.queue.epochOffset + s.nominalDue,
      reason: admission
    }) : stryMutAct_9fa48("428") ? host.observer?.skipped({
      worker: name,
      scheduledAt: host.queue.epochOffset + s.nominalDue,
      reason: admission
    }) : (stryCov_9fa48("428", "429"), host.observer?.skipped?.(stryMutAct_9fa48("430") ? {} : (stryCov_9fa48("430"), {
      worker: name,
      scheduledAt: stryMutAct_9fa48("431") ? host.queue.epochOffset - s.nominalDue : (stryCov_9fa48("431"), host.queue.epochOffset + s.nominalDue),
      reason: admission
    })));
    queueAt(s, s.schedule.next(s.nominalDue, now, now));
  }
}

/** The check-in at start found nothing to catch up: on to the first slot of the worker's own schedule. */
function checkedIn(s: State, now: number): void {
  if (stryMutAct_9fa48("432")) {
    {}
  } else {
    stryCov_9fa48("432");
    s.checkIn = stryMutAct_9fa48("433") ? true : (stryCov_9fa48("433"), false);
    queueAt(s, s.schedule.first(now));
  }
}

/**
 * A fresh lease of a worker the cluster ran before: continue the cluster's schedule from its last
 * slot, and run the slots nobody ran as the worker's `missed` option says.
 */
function resume(s: State, now: number, {
  token,
  lastSlot
}: Resumption): void {
  if (stryMutAct_9fa48("434")) {
    {}
  } else {
    stryCov_9fa48("434");
    s.checkIn = stryMutAct_9fa48("435") ? true : (stryCov_9fa48("435"), false);
    const config = s.config;
    const plan = s.schedule.resume(stryMutAct_9fa48("436") ? lastSlot + (s.host as WorkerHost).queue.epochOffset : (stryCov_9fa48("436"), lastSlot - (s.host as WorkerHost).queue.epochOffset), now, config.missed, config.maxCatchup, lastSlot);
    const first = plan.run[0];
    // Nothing missed (or skipped by choice): on to the cluster's next slot.
    if (stryMutAct_9fa48("439") ? first !== undefined : stryMutAct_9fa48("438") ? false : stryMutAct_9fa48("437") ? true : (stryCov_9fa48("437", "438", "439"), first === undefined)) return queueAt(s, plan.next);
    // With "all", the list marks a catch-up under way even when empty: its end looks again (below).
    s.catchup = (stryMutAct_9fa48("442") ? config.missed !== "all" : stryMutAct_9fa48("441") ? false : stryMutAct_9fa48("440") ? true : (stryCov_9fa48("440", "441", "442"), config.missed === (stryMutAct_9fa48("443") ? "" : (stryCov_9fa48("443"), "all")))) ? stryMutAct_9fa48("444") ? plan.run : (stryCov_9fa48("444"), plan.run.slice(1)) : undefined;
    s.catchupBudget = stryMutAct_9fa48("445") ? config.maxCatchup + plan.run.length : (stryCov_9fa48("445"), config.maxCatchup - plan.run.length);
    s.nominalDue = first;
    begin(s, now, token);
  }
}

/**
 * After the last catch-up run of `missed: "all"`: slots that went by while the catch-up ran are
 * missed too (not covered, as one process's overrun would be), within the `maxCatchup` budget.
 */
function caughtUp(s: State, end: number): void {
  if (stryMutAct_9fa48("446")) {
    {}
  } else {
    stryCov_9fa48("446");
    s.catchup = undefined;
    const plan = s.schedule.resume(s.nominalDue, end, stryMutAct_9fa48("447") ? "" : (stryCov_9fa48("447"), "all"), s.catchupBudget, stryMutAct_9fa48("448") ? s.schedule.wallOf(s.nominalDue) : (stryCov_9fa48("448"), s.schedule.wallOf?.(s.nominalDue)));
    const first = plan.run[0];
    if (stryMutAct_9fa48("451") ? first === undefined && s.catchupBudget <= 0 : stryMutAct_9fa48("450") ? false : stryMutAct_9fa48("449") ? true : (stryCov_9fa48("449", "450", "451"), (stryMutAct_9fa48("453") ? first !== undefined : stryMutAct_9fa48("452") ? false : (stryCov_9fa48("452", "453"), first === undefined)) || (stryMutAct_9fa48("456") ? s.catchupBudget > 0 : stryMutAct_9fa48("455") ? s.catchupBudget < 0 : stryMutAct_9fa48("454") ? false : (stryCov_9fa48("454", "455", "456"), s.catchupBudget <= 0)))) return queueAt(s, plan.next);
    s.catchup = stryMutAct_9fa48("457") ? plan.run : (stryCov_9fa48("457"), plan.run.slice(1));
    stryMutAct_9fa48("458") ? s.catchupBudget += plan.run.length : (stryCov_9fa48("458"), s.catchupBudget -= plan.run.length);
    queueAt(s, first, stryMutAct_9fa48("459") ? true : (stryCov_9fa48("459"), false));
  }
}

/** The lease of the run in flight went away: abort it. */
export function leaseLost(s: State, error: LeaseLostError): void {
  if (stryMutAct_9fa48("460")) {
    {}
  } else {
    stryCov_9fa48("460");
    log((stryMutAct_9fa48("461") ? s.host && DETACHED : (stryCov_9fa48("461"), s.host ?? DETACHED)).logger, stryMutAct_9fa48("462") ? "" : (stryCov_9fa48("462"), "warn"), stryMutAct_9fa48("463") ? `` : (stryCov_9fa48("463"), `[background-workers] ${s.config.name}: ${error.message}`));
    stryMutAct_9fa48("464") ? s.ownController.abort(error) : (stryCov_9fa48("464"), s.ownController?.abort(error));
  }
}
function begin(s: State, now: number, fencingToken: number | undefined): void {
  if (stryMutAct_9fa48("465")) {
    {}
  } else {
    stryCov_9fa48("465");
    const host = s.host as WorkerHost;
    const config = s.config;
    const name = config.name;
    const run = stryMutAct_9fa48("466") ? --s.run : (stryCov_9fa48("466"), ++s.run);
    const gen = s.gen;
    s.state = stryMutAct_9fa48("467") ? "" : (stryCov_9fa48("467"), "running");
    s.runStart = now;
    // A signal of its own only when a per-run reason (its timeout, its lease) may abort this run alone.
    const signal = signalForRun(s, stryMutAct_9fa48("470") ? config.timeout !== undefined && fencingToken !== undefined : stryMutAct_9fa48("469") ? false : stryMutAct_9fa48("468") ? true : (stryCov_9fa48("468", "469", "470"), (stryMutAct_9fa48("472") ? config.timeout === undefined : stryMutAct_9fa48("471") ? false : (stryCov_9fa48("471", "472"), config.timeout !== undefined)) || (stryMutAct_9fa48("474") ? fencingToken === undefined : stryMutAct_9fa48("473") ? false : (stryCov_9fa48("473", "474"), fencingToken !== undefined))));
    if (stryMutAct_9fa48("477") ? config.timeout === undefined : stryMutAct_9fa48("476") ? false : stryMutAct_9fa48("475") ? true : (stryCov_9fa48("475", "476", "477"), config.timeout !== undefined)) {
      if (stryMutAct_9fa48("478")) {
        {}
      } else {
        stryCov_9fa48("478");
        stryMutAct_9fa48("479") ? s.timeoutEntry &&= timerEntry(() => onTimeout(s)) : (stryCov_9fa48("479"), s.timeoutEntry ??= timerEntry(stryMutAct_9fa48("480") ? () => undefined : (stryCov_9fa48("480"), () => onTimeout(s))));
        host.queue.schedule(s.timeoutEntry, stryMutAct_9fa48("481") ? now - config.timeout : (stryCov_9fa48("481"), now + config.timeout));
      }
    }
    const offset = host.queue.epochOffset;
    const startedAt = stryMutAct_9fa48("482") ? offset - now : (stryCov_9fa48("482"), offset + now);
    s.started(startedAt);
    // The slot itself where the schedule knows it to the millisecond (cron, the cluster's grid).
    const scheduledAt = stryMutAct_9fa48("483") ? s.schedule.wallOf?.(s.nominalDue) && offset + s.nominalDue : (stryCov_9fa48("483"), (stryMutAct_9fa48("484") ? s.schedule.wallOf(s.nominalDue) : (stryCov_9fa48("484"), s.schedule.wallOf?.(s.nominalDue))) ?? (stryMutAct_9fa48("485") ? offset - s.nominalDue : (stryCov_9fa48("485"), offset + s.nominalDue)));
    stryMutAct_9fa48("486") ? s.gate.began(scheduledAt) : (stryCov_9fa48("486"), s.gate?.began(scheduledAt));
    const context: WorkerContext = (stryMutAct_9fa48("489") ? fencingToken !== undefined : stryMutAct_9fa48("488") ? false : stryMutAct_9fa48("487") ? true : (stryCov_9fa48("487", "488", "489"), fencingToken === undefined)) ? stryMutAct_9fa48("490") ? {} : (stryCov_9fa48("490"), {
      signal,
      name,
      run,
      scheduledAt,
      startedAt
    }) : stryMutAct_9fa48("491") ? {} : (stryCov_9fa48("491"), {
      signal,
      name,
      run,
      scheduledAt,
      startedAt,
      fencingToken
    });
    const observer = host.observer;
    if (stryMutAct_9fa48("494") ? observer === undefined : stryMutAct_9fa48("493") ? false : stryMutAct_9fa48("492") ? true : (stryCov_9fa48("492", "493", "494"), observer !== undefined)) {
      if (stryMutAct_9fa48("495")) {
        {}
      } else {
        stryCov_9fa48("495");
        const event: RunEvent = stryMutAct_9fa48("496") ? {} : (stryCov_9fa48("496"), {
          worker: name,
          run,
          scheduledAt,
          startedAt,
          fencingToken
        });
        s.event = event;
        // Kept for the outcome only when observed: a store per run into a long-lived object is what
        // makes a young-generation GC scan it (measured: p99 up 3x on Deno in the first seconds).
        s.currentSignal = signal;
        stryMutAct_9fa48("497") ? observer.started(event) : (stryCov_9fa48("497"), observer.started?.(event));
      }
    }
    if (stryMutAct_9fa48("500") ? host.scope === undefined : stryMutAct_9fa48("499") ? false : stryMutAct_9fa48("498") ? true : (stryCov_9fa48("498", "499", "500"), host.scope !== undefined)) {
      if (stryMutAct_9fa48("501")) {
        {}
      } else {
        stryCov_9fa48("501");
        s.inFlight = scoped(s, host.scope, context, gen);
        return;
      }
    }
    let result: void | Promise<void>;
    try {
      if (stryMutAct_9fa48("502")) {
        {}
      } else {
        stryCov_9fa48("502");
        result = (stryMutAct_9fa48("505") ? observer !== undefined : stryMutAct_9fa48("504") ? false : stryMutAct_9fa48("503") ? true : (stryCov_9fa48("503", "504", "505"), observer === undefined)) ? s.body.doWork(context) : observed(s, context);
      }
    } catch (error) {
      if (stryMutAct_9fa48("506")) {
        {}
      } else {
        stryCov_9fa48("506");
        return settle(s, gen, error, stryMutAct_9fa48("507") ? "" : (stryCov_9fa48("507"), "run"));
      }
    }
    if (stryMutAct_9fa48("509") ? false : stryMutAct_9fa48("508") ? true : (stryCov_9fa48("508", "509"), isThenable(result))) {
      if (stryMutAct_9fa48("510")) {
        {}
      } else {
        stryCov_9fa48("510");
        s.inFlight = Promise.resolve(result).then(stryMutAct_9fa48("511") ? () => undefined : (stryCov_9fa48("511"), () => settle(s, gen, undefined, undefined)), stryMutAct_9fa48("512") ? () => undefined : (stryCov_9fa48("512"), (error: unknown) => settle(s, gen, error, stryMutAct_9fa48("513") ? "" : (stryCov_9fa48("513"), "run"))));
      }
    } else {
      if (stryMutAct_9fa48("514")) {
        {}
      } else {
        stryCov_9fa48("514");
        settle(s, gen, undefined, undefined);
      }
    }
  }
}

/** `doWork` inside the observers' `around`, when one wraps runs. */
function observed(s: State, context: WorkerContext): void | Promise<void> {
  if (stryMutAct_9fa48("515")) {
    {}
  } else {
    stryCov_9fa48("515");
    const around = stryMutAct_9fa48("517") ? s.host.observer?.around : stryMutAct_9fa48("516") ? s.host?.observer.around : (stryCov_9fa48("516", "517"), s.host?.observer?.around);
    const event = s.event;
    if (stryMutAct_9fa48("520") ? around === undefined && event === undefined : stryMutAct_9fa48("519") ? false : stryMutAct_9fa48("518") ? true : (stryCov_9fa48("518", "519", "520"), (stryMutAct_9fa48("522") ? around !== undefined : stryMutAct_9fa48("521") ? false : (stryCov_9fa48("521", "522"), around === undefined)) || (stryMutAct_9fa48("524") ? event !== undefined : stryMutAct_9fa48("523") ? false : (stryCov_9fa48("523", "524"), event === undefined)))) return s.body.doWork(context);
    return around(event, stryMutAct_9fa48("525") ? () => undefined : (stryCov_9fa48("525"), () => s.body.doWork(context)));
  }
}
async function scoped(s: State, factory: ScopeFactory, base: WorkerContext, gen: number): Promise<void> {
  if (stryMutAct_9fa48("526")) {
    {}
  } else {
    stryCov_9fa48("526");
    const worker = s.config.name;
    const run = base.run;
    const end = await runScoped(factory, stryMutAct_9fa48("527") ? {} : (stryCov_9fa48("527"), {
      worker,
      run
    }), stryMutAct_9fa48("528") ? () => undefined : (stryCov_9fa48("528"), scope => observed(s, stryMutAct_9fa48("529") ? {} : (stryCov_9fa48("529"), {
      ...base,
      scope
    }))), e => {
      if (stryMutAct_9fa48("530")) {
        {}
      } else {
        stryCov_9fa48("530");
        if (stryMutAct_9fa48("533") ? gen === s.gen && s.stopWaiting : stryMutAct_9fa48("532") ? false : stryMutAct_9fa48("531") ? true : (stryCov_9fa48("531", "532", "533"), (stryMutAct_9fa48("535") ? gen !== s.gen : stryMutAct_9fa48("534") ? false : (stryCov_9fa48("534", "535"), gen === s.gen)) || s.stopWaiting)) (stryMutAct_9fa48("536") ? s.host && DETACHED : (stryCov_9fa48("536"), s.host ?? DETACHED)).report(e, stryMutAct_9fa48("537") ? {} : (stryCov_9fa48("537"), {
          worker,
          run,
          phase: stryMutAct_9fa48("538") ? "" : (stryCov_9fa48("538"), "dispose")
        }));
      }
    });
    settle(s, gen, end.error, end.failed);
  }
}
function onTimeout(s: State): void {
  if (stryMutAct_9fa48("539")) {
    {}
  } else {
    stryCov_9fa48("539");
    stryMutAct_9fa48("540") ? s.ownController.abort(new DOMException(`${s.config.name}: run ${s.run} exceeded its timeout of ${s.config.timeout} ms`, "TimeoutError")) : (stryCov_9fa48("540"), s.ownController?.abort(new DOMException(stryMutAct_9fa48("541") ? `` : (stryCov_9fa48("541"), `${s.config.name}: run ${s.run} exceeded its timeout of ${s.config.timeout} ms`), stryMutAct_9fa48("542") ? "" : (stryCov_9fa48("542"), "TimeoutError"))));
  }
}
function settle(s: State, gen: number, error: unknown, failed: ErrorInfo["phase"] | undefined): void {
  if (stryMutAct_9fa48("543")) {
    {}
  } else {
    stryCov_9fa48("543");
    const host = stryMutAct_9fa48("544") ? s.host && DETACHED : (stryCov_9fa48("544"), s.host ?? DETACHED);
    const end = host.queue.now();
    const name = s.config.name;
    const run = s.run;
    const current = stryMutAct_9fa48("547") ? gen !== s.gen : stryMutAct_9fa48("546") ? false : stryMutAct_9fa48("545") ? true : (stryCov_9fa48("545", "546", "547"), gen === s.gen);
    s.inFlight = undefined;
    if (stryMutAct_9fa48("550") ? s.onSettled === undefined : stryMutAct_9fa48("549") ? false : stryMutAct_9fa48("548") ? true : (stryCov_9fa48("548", "549", "550"), s.onSettled !== undefined)) {
      if (stryMutAct_9fa48("551")) {
        {}
      } else {
        stryCov_9fa48("551");
        s.onSettled();
        s.onSettled = undefined;
      }
    }
    if (stryMutAct_9fa48("554") ? s.ownController === undefined : stryMutAct_9fa48("553") ? false : stryMutAct_9fa48("552") ? true : (stryCov_9fa48("552", "553", "554"), s.ownController !== undefined)) {
      if (stryMutAct_9fa48("555")) {
        {}
      } else {
        stryCov_9fa48("555");
        s.ownController = undefined;
        if (stryMutAct_9fa48("558") ? s.timeoutEntry === undefined : stryMutAct_9fa48("557") ? false : stryMutAct_9fa48("556") ? true : (stryCov_9fa48("556", "557", "558"), s.timeoutEntry !== undefined)) host.queue.cancel(s.timeoutEntry);
      }
    }
    const duration = stryMutAct_9fa48("559") ? end + s.runStart : (stryCov_9fa48("559"), end - s.runStart);
    // A run that gives up because stop() aborted it did what it was asked: neither reported nor
    // counted as a failure. Once stop() has stopped waiting, a run's end is swallowed.
    if (stryMutAct_9fa48("562") ? failed !== undefined && !current || !s.stopWaiting || isAbortError(error) : stryMutAct_9fa48("561") ? false : stryMutAct_9fa48("560") ? true : (stryCov_9fa48("560", "561", "562"), (stryMutAct_9fa48("564") ? failed !== undefined || !current : stryMutAct_9fa48("563") ? true : (stryCov_9fa48("563", "564"), (stryMutAct_9fa48("566") ? failed === undefined : stryMutAct_9fa48("565") ? true : (stryCov_9fa48("565", "566"), failed !== undefined)) && (stryMutAct_9fa48("567") ? current : (stryCov_9fa48("567"), !current)))) && (stryMutAct_9fa48("569") ? !s.stopWaiting && isAbortError(error) : stryMutAct_9fa48("568") ? true : (stryCov_9fa48("568", "569"), (stryMutAct_9fa48("570") ? s.stopWaiting : (stryCov_9fa48("570"), !s.stopWaiting)) || isAbortError(error))))) {
      if (stryMutAct_9fa48("571")) {
        {}
      } else {
        stryCov_9fa48("571");
        log(host.logger, stryMutAct_9fa48("572") ? "" : (stryCov_9fa48("572"), "debug"), stryMutAct_9fa48("573") ? `` : (stryCov_9fa48("573"), `[background-workers] ${name}: run ${run} settled after stop:`), error);
        failed = undefined;
      }
    }
    if (stryMutAct_9fa48("576") ? current && s.stopWaiting : stryMutAct_9fa48("575") ? false : stryMutAct_9fa48("574") ? true : (stryCov_9fa48("574", "575", "576"), current || s.stopWaiting)) {
      if (stryMutAct_9fa48("577")) {
        {}
      } else {
        stryCov_9fa48("577");
        s.ended(duration, stryMutAct_9fa48("580") ? failed === undefined : stryMutAct_9fa48("579") ? false : stryMutAct_9fa48("578") ? true : (stryCov_9fa48("578", "579", "580"), failed !== undefined), error);
        if (stryMutAct_9fa48("583") ? failed === undefined : stryMutAct_9fa48("582") ? false : stryMutAct_9fa48("581") ? true : (stryCov_9fa48("581", "582", "583"), failed !== undefined)) host.report(error, stryMutAct_9fa48("584") ? {} : (stryCov_9fa48("584"), {
          worker: name,
          run,
          phase: failed
        }));
      }
    }
    const event = s.event;
    if (stryMutAct_9fa48("587") ? event === undefined : stryMutAct_9fa48("586") ? false : stryMutAct_9fa48("585") ? true : (stryCov_9fa48("585", "586", "587"), event !== undefined)) {
      if (stryMutAct_9fa48("588")) {
        {}
      } else {
        stryCov_9fa48("588");
        s.event = undefined;
        stryMutAct_9fa48("590") ? host.observer.settled?.({
          ...event,
          outcome: outcomeOf(s.currentSignal, failed !== undefined),
          error,
          durationMs: duration
        }) : stryMutAct_9fa48("589") ? host.observer?.settled({
          ...event,
          outcome: outcomeOf(s.currentSignal, failed !== undefined),
          error,
          durationMs: duration
        }) : (stryCov_9fa48("589", "590"), host.observer?.settled?.(stryMutAct_9fa48("591") ? {} : (stryCov_9fa48("591"), {
          ...event,
          outcome: outcomeOf(s.currentSignal, stryMutAct_9fa48("594") ? failed === undefined : stryMutAct_9fa48("593") ? false : stryMutAct_9fa48("592") ? true : (stryCov_9fa48("592", "593", "594"), failed !== undefined)),
          error,
          durationMs: duration
        })));
      }
    }
    if (stryMutAct_9fa48("597") ? s.triggers.waiting : stryMutAct_9fa48("596") ? false : stryMutAct_9fa48("595") ? true : (stryCov_9fa48("595", "596", "597"), s.triggers?.waiting)) {
      if (stryMutAct_9fa48("598")) {
        {}
      } else {
        stryCov_9fa48("598");
        s.triggers.resolve((stryMutAct_9fa48("601") ? error === undefined || failed === undefined : stryMutAct_9fa48("600") ? false : stryMutAct_9fa48("599") ? true : (stryCov_9fa48("599", "600", "601"), (stryMutAct_9fa48("603") ? error !== undefined : stryMutAct_9fa48("602") ? true : (stryCov_9fa48("602", "603"), error === undefined)) && (stryMutAct_9fa48("605") ? failed !== undefined : stryMutAct_9fa48("604") ? true : (stryCov_9fa48("604", "605"), failed === undefined)))) ? stryMutAct_9fa48("606") ? {} : (stryCov_9fa48("606"), {
          worker: name,
          run,
          ok: stryMutAct_9fa48("607") ? false : (stryCov_9fa48("607"), true),
          durationMs: duration
        }) : stryMutAct_9fa48("608") ? {} : (stryCov_9fa48("608"), {
          worker: name,
          run,
          ok: stryMutAct_9fa48("609") ? true : (stryCov_9fa48("609"), false),
          error,
          durationMs: duration
        }));
      }
    }
    if (stryMutAct_9fa48("612") ? false : stryMutAct_9fa48("611") ? true : stryMutAct_9fa48("610") ? current : (stryCov_9fa48("610", "611", "612"), !current)) {
      if (stryMutAct_9fa48("613")) {
        {}
      } else {
        stryCov_9fa48("613");
        // start() was called again while this abandoned run went on; its first run waited for this end.
        if (stryMutAct_9fa48("616") ? s.dueWhileBusy || s.state === "idle" : stryMutAct_9fa48("615") ? false : stryMutAct_9fa48("614") ? true : (stryCov_9fa48("614", "615", "616"), s.dueWhileBusy && (stryMutAct_9fa48("618") ? s.state !== "idle" : stryMutAct_9fa48("617") ? true : (stryCov_9fa48("617", "618"), s.state === (stryMutAct_9fa48("619") ? "" : (stryCov_9fa48("619"), "idle")))))) {
          if (stryMutAct_9fa48("620")) {
            {}
          } else {
            stryCov_9fa48("620");
            s.dueWhileBusy = stryMutAct_9fa48("621") ? true : (stryCov_9fa48("621"), false);
            onDue(s, host.queue.now());
          }
        }
        return;
      }
    }
    stryMutAct_9fa48("622") ? s.gate.settled() : (stryCov_9fa48("622"), s.gate?.settled());
    s.state = stryMutAct_9fa48("623") ? "" : (stryCov_9fa48("623"), "idle");
    if (stryMutAct_9fa48("626") ? s.catchup === undefined : stryMutAct_9fa48("625") ? false : stryMutAct_9fa48("624") ? true : (stryCov_9fa48("624", "625", "626"), s.catchup !== undefined)) {
      if (stryMutAct_9fa48("627")) {
        {}
      } else {
        stryCov_9fa48("627");
        const catchup = s.catchup.shift();
        if (stryMutAct_9fa48("630") ? catchup === undefined : stryMutAct_9fa48("629") ? false : stryMutAct_9fa48("628") ? true : (stryCov_9fa48("628", "629", "630"), catchup !== undefined)) return queueAt(s, catchup, stryMutAct_9fa48("631") ? true : (stryCov_9fa48("631"), false));
        return caughtUp(s, end);
      }
    }
    let due = s.schedule.next(s.nominalDue, s.runStart, end);
    const backoff = s.config.backoff;
    if (stryMutAct_9fa48("634") ? failed !== undefined || backoff !== undefined : stryMutAct_9fa48("633") ? false : stryMutAct_9fa48("632") ? true : (stryCov_9fa48("632", "633", "634"), (stryMutAct_9fa48("636") ? failed === undefined : stryMutAct_9fa48("635") ? true : (stryCov_9fa48("635", "636"), failed !== undefined)) && (stryMutAct_9fa48("638") ? backoff === undefined : stryMutAct_9fa48("637") ? true : (stryCov_9fa48("637", "638"), backoff !== undefined)))) {
      if (stryMutAct_9fa48("639")) {
        {}
      } else {
        stryCov_9fa48("639");
        due = backedOff(due, end, s.schedule.period, s.consecutiveFailures, backoff);
      }
    }
    queueAt(s, due);
  }
}