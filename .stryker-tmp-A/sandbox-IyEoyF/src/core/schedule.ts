/**
 * How the next due time of a worker is computed. Times are monotonic ms (`performance.now()`).
 * Cron plugs in as one more {@link Schedule}.
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
import type { MissedSlots, ResolvedOptions } from "./worker_options.ts";

/** What a schedule makes of the cluster's last slot: see {@link Schedule.resume}. */
export interface ResumePlan {
  /** Slots (monotonic) to run now, back to back, oldest first. */
  readonly run: readonly number[];
  /** The due time after them, or of the next slot when there is nothing to run. */
  readonly next: number;
}

/** A worker's schedule: where its runs fall, before jitter and backoff. */
export interface Schedule {
  /** The due time of the first run after a start at `now`. */
  first(now: number): number;
  /** The due time of the run after one that was due at `due`, started at `start` and ended at `end`. */
  next(due: number, start: number, end: number): number;
  /** The period changed at `now`: rebase so the next `next()` uses it from the current slot. */
  rebase(now: number): void;
  /**
   * The timer-queue lane of workers whose due times arrive in order (see `TimerQueue.schedule`);
   * periodic workers use their period. Cron schedules of one pattern share a negative key.
   */
  readonly lane: number;
  /** The period in ms of a periodic schedule (the worker may change it); undefined for cron. */
  period: number | undefined;
  /**
   * The cluster's last run of this worker was due at `last` (monotonic, on this clock): take up the
   * cluster's schedule from there. Returns the missed slots to run now, oldest first (as `missed`
   * says: none, the latest one, or at most `max` of the latest), and the next due time after them.
   */
  resume(last: number, now: number, missed: MissedSlots, max: number, lastWall?: number): ResumePlan;
  /**
   * The wall-clock slot (epoch ms) behind a due time this schedule handed out, when it has one to
   * the millisecond (a cron slot, the cluster's grid), so that `context.scheduledAt` is the slot
   * itself rather than the monotonic due time turned back into epoch time.
   */
  wallOf?(due: number): number | undefined;
}

/** Fixed delay: the next run is due `period` ms after the previous one ended (ABP's model). */
export class FixedDelay implements Schedule {
  constructor(public period: number) {}
  /** Workers of one period share a lane: each re-queues `period` after its run, in run order. */
  get lane(): number {
    if (stryMutAct_9fa48("320")) {
      {}
    } else {
      stryCov_9fa48("320");
      return this.period;
    }
  }
  first(now: number): number {
    if (stryMutAct_9fa48("321")) {
      {}
    } else {
      stryCov_9fa48("321");
      return stryMutAct_9fa48("322") ? now - this.period : (stryCov_9fa48("322"), now + this.period);
    }
  }
  next(_due: number, _start: number, end: number): number {
    if (stryMutAct_9fa48("323")) {
      {}
    } else {
      stryCov_9fa48("323");
      return stryMutAct_9fa48("324") ? end - this.period : (stryCov_9fa48("324"), end + this.period);
    }
  }
  rebase(): void {}
  /** No grid: the next run was due one period after the last; if that went by, it is the one missed slot. */
  resume(last: number, now: number, missed: MissedSlots): ResumePlan {
    if (stryMutAct_9fa48("325")) {
      {}
    } else {
      stryCov_9fa48("325");
      const next = stryMutAct_9fa48("326") ? last - this.period : (stryCov_9fa48("326"), last + this.period);
      if (stryMutAct_9fa48("330") ? next <= now : stryMutAct_9fa48("329") ? next >= now : stryMutAct_9fa48("328") ? false : stryMutAct_9fa48("327") ? true : (stryCov_9fa48("327", "328", "329", "330"), next > now)) return stryMutAct_9fa48("331") ? {} : (stryCov_9fa48("331"), {
        run: stryMutAct_9fa48("332") ? ["Stryker was here"] : (stryCov_9fa48("332"), []),
        next
      });
      return (stryMutAct_9fa48("335") ? missed !== "skip" : stryMutAct_9fa48("334") ? false : stryMutAct_9fa48("333") ? true : (stryCov_9fa48("333", "334", "335"), missed === (stryMutAct_9fa48("336") ? "" : (stryCov_9fa48("336"), "skip")))) ? stryMutAct_9fa48("337") ? {} : (stryCov_9fa48("337"), {
        run: stryMutAct_9fa48("338") ? ["Stryker was here"] : (stryCov_9fa48("338"), []),
        next: stryMutAct_9fa48("339") ? now - this.period : (stryCov_9fa48("339"), now + this.period)
      }) : stryMutAct_9fa48("340") ? {} : (stryCov_9fa48("340"), {
        run: stryMutAct_9fa48("341") ? [] : (stryCov_9fa48("341"), [next]),
        next: stryMutAct_9fa48("342") ? now - this.period : (stryCov_9fa48("342"), now + this.period)
      });
    }
  }
}

/**
 * Fixed rate: runs stay on the grid `anchor + k·period`. A run that ends past one or more slots is
 * followed by one run at once (the missed slots coalesce), and the one after it is back on the grid.
 */
export class FixedRate implements Schedule {
  #anchor = 0;
  /** The cluster grid's slot at the anchor (epoch ms), once resumed from it. */
  #anchorWall: number | undefined = undefined;
  constructor(public period: number) {}
  /** As for fixed delay: same-period workers come due in the order they ran. */
  get lane(): number {
    if (stryMutAct_9fa48("343")) {
      {}
    } else {
      stryCov_9fa48("343");
      return this.period;
    }
  }
  first(now: number): number {
    if (stryMutAct_9fa48("344")) {
      {}
    } else {
      stryCov_9fa48("344");
      this.#anchor = now;
      this.#anchorWall = undefined;
      return stryMutAct_9fa48("345") ? now - this.period : (stryCov_9fa48("345"), now + this.period);
    }
  }
  wallOf(due: number): number | undefined {
    if (stryMutAct_9fa48("346")) {
      {}
    } else {
      stryCov_9fa48("346");
      return (stryMutAct_9fa48("349") ? this.#anchorWall !== undefined : stryMutAct_9fa48("348") ? false : stryMutAct_9fa48("347") ? true : (stryCov_9fa48("347", "348", "349"), this.#anchorWall === undefined)) ? undefined : stryMutAct_9fa48("350") ? this.#anchorWall - Math.round((due - this.#anchor) / this.period) * this.period : (stryCov_9fa48("350"), this.#anchorWall + (stryMutAct_9fa48("351") ? Math.round((due - this.#anchor) / this.period) / this.period : (stryCov_9fa48("351"), Math.round(stryMutAct_9fa48("352") ? (due - this.#anchor) * this.period : (stryCov_9fa48("352"), (stryMutAct_9fa48("353") ? due + this.#anchor : (stryCov_9fa48("353"), due - this.#anchor)) / this.period)) * this.period)));
    }
  }
  next(due: number, start: number, end: number): number {
    if (stryMutAct_9fa48("354")) {
      {}
    } else {
      stryCov_9fa48("354");
      const period = this.period;
      const lastSlot = stryMutAct_9fa48("355") ? this.#anchor - Math.floor((end - this.#anchor) / period) * period : (stryCov_9fa48("355"), this.#anchor + (stryMutAct_9fa48("356") ? Math.floor((end - this.#anchor) / period) / period : (stryCov_9fa48("356"), Math.floor(stryMutAct_9fa48("357") ? (end - this.#anchor) * period : (stryCov_9fa48("357"), (stryMutAct_9fa48("358") ? end + this.#anchor : (stryCov_9fa48("358"), end - this.#anchor)) / period)) * period)));
      // Slots that went by before the run started are covered by it (a late start is one run, not a
      // burst); a slot that went by while it ran gets one run at once.
      if (stryMutAct_9fa48("362") ? lastSlot <= Math.max(due, start) : stryMutAct_9fa48("361") ? lastSlot >= Math.max(due, start) : stryMutAct_9fa48("360") ? false : stryMutAct_9fa48("359") ? true : (stryCov_9fa48("359", "360", "361", "362"), lastSlot > (stryMutAct_9fa48("363") ? Math.min(due, start) : (stryCov_9fa48("363"), Math.max(due, start))))) return end;
      return stryMutAct_9fa48("364") ? lastSlot - period : (stryCov_9fa48("364"), lastSlot + period);
    }
  }
  rebase(now: number): void {
    if (stryMutAct_9fa48("365")) {
      {}
    } else {
      stryCov_9fa48("365");
      this.#anchor = now;
      this.#anchorWall = undefined;
    }
  }
  /** The cluster's grid is `last + k·period`: the slots after `last` up to now were missed. */
  resume(last: number, now: number, missed: MissedSlots, max: number, lastWall?: number): ResumePlan {
    if (stryMutAct_9fa48("366")) {
      {}
    } else {
      stryCov_9fa48("366");
      const period = this.period;
      this.#anchor = last;
      this.#anchorWall = lastWall;
      const k = stryMutAct_9fa48("367") ? Math.min(0, Math.floor((now - last) / period)) : (stryCov_9fa48("367"), Math.max(0, Math.floor(stryMutAct_9fa48("368") ? (now - last) * period : (stryCov_9fa48("368"), (stryMutAct_9fa48("369") ? now + last : (stryCov_9fa48("369"), now - last)) / period))));
      const next = stryMutAct_9fa48("370") ? last - (k + 1) * period : (stryCov_9fa48("370"), last + (stryMutAct_9fa48("371") ? (k + 1) / period : (stryCov_9fa48("371"), (stryMutAct_9fa48("372") ? k - 1 : (stryCov_9fa48("372"), k + 1)) * period)));
      if (stryMutAct_9fa48("375") ? k === 0 && missed === "skip" : stryMutAct_9fa48("374") ? false : stryMutAct_9fa48("373") ? true : (stryCov_9fa48("373", "374", "375"), (stryMutAct_9fa48("377") ? k !== 0 : stryMutAct_9fa48("376") ? false : (stryCov_9fa48("376", "377"), k === 0)) || (stryMutAct_9fa48("379") ? missed !== "skip" : stryMutAct_9fa48("378") ? false : (stryCov_9fa48("378", "379"), missed === (stryMutAct_9fa48("380") ? "" : (stryCov_9fa48("380"), "skip")))))) return stryMutAct_9fa48("381") ? {} : (stryCov_9fa48("381"), {
        run: stryMutAct_9fa48("382") ? ["Stryker was here"] : (stryCov_9fa48("382"), []),
        next
      });
      const m = (stryMutAct_9fa48("385") ? missed !== "once" : stryMutAct_9fa48("384") ? false : stryMutAct_9fa48("383") ? true : (stryCov_9fa48("383", "384", "385"), missed === (stryMutAct_9fa48("386") ? "" : (stryCov_9fa48("386"), "once")))) ? 1 : stryMutAct_9fa48("387") ? Math.max(k, max) : (stryCov_9fa48("387"), Math.min(k, max));
      return stryMutAct_9fa48("388") ? {} : (stryCov_9fa48("388"), {
        run: Array.from(stryMutAct_9fa48("389") ? {} : (stryCov_9fa48("389"), {
          length: m
        }), stryMutAct_9fa48("390") ? () => undefined : (stryCov_9fa48("390"), (_, i) => stryMutAct_9fa48("391") ? last - (k - m + 1 + i) * period : (stryCov_9fa48("391"), last + (stryMutAct_9fa48("392") ? (k - m + 1 + i) / period : (stryCov_9fa48("392"), (stryMutAct_9fa48("393") ? k - m + 1 - i : (stryCov_9fa48("393"), (stryMutAct_9fa48("394") ? k - m - 1 : (stryCov_9fa48("394"), (stryMutAct_9fa48("395") ? k + m : (stryCov_9fa48("395"), k - m)) + 1)) + i)) * period))))),
        next
      });
    }
  }
}

/**
 * Exponential backoff after consecutive failures: the delay after `n` failures in a row is
 * `period · factor^n`, capped at `max`, and never less than the schedule's own delay.
 */
export interface BackoffOptions {
  /** Growth per consecutive failure. Default 2. */
  readonly factor?: number;
  /** The longest delay, in ms. Default 5 minutes, or the period when that is longer. */
  readonly max?: number;
}

/** The schedule a config asks for. */
export function makeSchedule(options: ResolvedOptions): Schedule {
  if (stryMutAct_9fa48("396")) {
    {}
  } else {
    stryCov_9fa48("396");
    if (stryMutAct_9fa48("399") ? options.cron === undefined : stryMutAct_9fa48("398") ? false : stryMutAct_9fa48("397") ? true : (stryCov_9fa48("397", "398", "399"), options.cron !== undefined)) return cronSchedule(options.config.name, options.cron, options.timezone);
    const period = options.period as number;
    return (stryMutAct_9fa48("402") ? options.mode !== "fixed-rate" : stryMutAct_9fa48("401") ? false : stryMutAct_9fa48("400") ? true : (stryCov_9fa48("400", "401", "402"), options.mode === (stryMutAct_9fa48("403") ? "" : (stryCov_9fa48("403"), "fixed-rate")))) ? new FixedRate(period) : new FixedDelay(period);
  }
}

/** The delay after `failures` consecutive failures, before the schedule's own due time is applied. */
export function backoffDelay(period: number, failures: number, factor: number, max: number): number {
  if (stryMutAct_9fa48("404")) {
    {}
  } else {
    stryCov_9fa48("404");
    return stryMutAct_9fa48("405") ? Math.max(max, period * factor ** failures) : (stryCov_9fa48("405"), Math.min(max, stryMutAct_9fa48("406") ? period / factor ** failures : (stryCov_9fa48("406"), period * factor ** failures)));
  }
}

/**
 * The due time after a failed run that ended at `end`, when the schedule said `due`: pushed out by
 * the backoff. A cron worker (no `period`) backs off from its own interval to the next slot.
 */
export function backedOff(due: number, end: number, period: number | undefined, failures: number, backoff: {
  readonly factor: number;
  readonly max: number | undefined;
}): number {
  if (stryMutAct_9fa48("407")) {
    {}
  } else {
    stryCov_9fa48("407");
    const base = stryMutAct_9fa48("408") ? period && Math.max(1, due - end) : (stryCov_9fa48("408"), period ?? (stryMutAct_9fa48("409") ? Math.min(1, due - end) : (stryCov_9fa48("409"), Math.max(1, stryMutAct_9fa48("410") ? due + end : (stryCov_9fa48("410"), due - end)))));
    const max = stryMutAct_9fa48("411") ? backoff.max && Math.max(base, 300_000) : (stryCov_9fa48("411"), backoff.max ?? (stryMutAct_9fa48("412") ? Math.min(base, 300_000) : (stryCov_9fa48("412"), Math.max(base, 300_000))));
    return stryMutAct_9fa48("413") ? Math.min(due, end + backoffDelay(base, failures, backoff.factor, max)) : (stryCov_9fa48("413"), Math.max(due, stryMutAct_9fa48("414") ? end - backoffDelay(base, failures, backoff.factor, max) : (stryCov_9fa48("414"), end + backoffDelay(base, failures, backoff.factor, max))));
  }
}

/** A random delay in [0, jitter); none without a jitter. */
export function jitterDelay(jitter: number | undefined): number {
  if (stryMutAct_9fa48("415")) {
    {}
  } else {
    stryCov_9fa48("415");
    return (stryMutAct_9fa48("418") ? jitter !== undefined : stryMutAct_9fa48("417") ? false : stryMutAct_9fa48("416") ? true : (stryCov_9fa48("416", "417", "418"), jitter === undefined)) ? 0 : stryMutAct_9fa48("419") ? Math.random() / jitter : (stryCov_9fa48("419"), Math.random() * jitter);
  }
}

/**
 * Makes the schedule of a cron worker. The cron entry point installs one, so that the core needs no
 * cron parser unless a worker uses cron.
 */
export type CronScheduleFactory = (owner: string, pattern: string, timezone: string | undefined) => Schedule;
let cronFactory: CronScheduleFactory | undefined;

/** Installs the cron schedule factory (called by `@background/workers/cron` when it is imported). */
export function installCron(factory: CronScheduleFactory): void {
  if (stryMutAct_9fa48("420")) {
    {}
  } else {
    stryCov_9fa48("420");
    cronFactory = factory;
  }
}

/** The schedule of a cron worker; a TypeError when the cron entry point was not loaded. */
export function cronSchedule(owner: string, pattern: string, timezone: string | undefined): Schedule {
  if (stryMutAct_9fa48("421")) {
    {}
  } else {
    stryCov_9fa48("421");
    if (stryMutAct_9fa48("424") ? typeof pattern === "string" : stryMutAct_9fa48("423") ? false : stryMutAct_9fa48("422") ? true : (stryCov_9fa48("422", "423", "424"), typeof pattern !== (stryMutAct_9fa48("425") ? "" : (stryCov_9fa48("425"), "string")))) {
      if (stryMutAct_9fa48("426")) {
        {}
      } else {
        stryCov_9fa48("426");
        throw new TypeError(stryMutAct_9fa48("427") ? `` : (stryCov_9fa48("427"), `${owner}: option "cron" must be a string, got ${typeof pattern}`));
      }
    }
    if (stryMutAct_9fa48("430") ? cronFactory !== undefined : stryMutAct_9fa48("429") ? false : stryMutAct_9fa48("428") ? true : (stryCov_9fa48("428", "429", "430"), cronFactory === undefined)) {
      if (stryMutAct_9fa48("431")) {
        {}
      } else {
        stryCov_9fa48("431");
        throw new TypeError((stryMutAct_9fa48("432") ? `` : (stryCov_9fa48("432"), `${owner}: option "cron" (${JSON.stringify(pattern)}) needs the cron entry point: `)) + (stryMutAct_9fa48("433") ? `` : (stryCov_9fa48("433"), `import "@background/workers/cron" once, before creating the worker`)));
      }
    }
    return cronFactory(owner, pattern, timezone);
  }
}