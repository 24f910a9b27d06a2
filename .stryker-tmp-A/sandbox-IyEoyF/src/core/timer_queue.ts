/**
 * One timer for any number of workers: a binary min-heap of due times and a single pending
 * `setTimeout` for the earliest. Measured on Node, Deno and Bun, this beats one runtime timer per
 * task at 100,000 tasks (see shared performance notes), and it makes "no timer left behind" a
 * property of one object instead of every worker.
 *
 * Lanes: workers with the same period re-schedule themselves in the order they ran, so their due
 * times arrive sorted. Such entries go into a FIFO lane (one per period) instead of the heap, and
 * only the lane's head sits in the heap: a tick then costs O(1) instead of an O(log n) pop and push
 * through 100,000 scattered entries. An entry that would break a lane's order goes to the heap.
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
import { type Clock, MAX_DELAY, realClock } from "./clock.ts";
import { Lane, type TimerEntry } from "./timer_lane.ts";
export { MAX_DELAY } from "./clock.ts";
export { type TimerEntry, timerEntry } from "./timer_lane.ts";

/** A min-heap of {@link TimerEntry} driven by one timer of its clock. */
export class TimerQueue {
  readonly #clock: Clock;
  readonly #heap: TimerEntry[] = stryMutAct_9fa48("502") ? ["Stryker was here"] : (stryCov_9fa48("502"), []);
  readonly #lanes = new Map<number, Lane>();
  #lastLane: Lane | undefined = undefined;
  /** Lanes with an entry waiting. */
  #activeLanes = 0;
  #timer: unknown = undefined;
  /** When the pending timeout fires (monotonic); Infinity when none is pending. */
  #armedAt = Infinity;
  #firing = stryMutAct_9fa48("503") ? true : (stryCov_9fa48("503"), false);
  #order = 0;
  #epochOffset = 0;

  /** A queue on `clock` (the real one by default). */
  constructor(clock: Clock = realClock) {
    if (stryMutAct_9fa48("504")) {
      {}
    } else {
      stryCov_9fa48("504");
      this.#clock = clock;
    }
  }

  /** The clock's monotonic time. */
  now(): number {
    if (stryMutAct_9fa48("505")) {
      {}
    } else {
      stryCov_9fa48("505");
      return this.#clock.now();
    }
  }

  /** The clock this queue runs on. */
  get clock(): Clock {
    if (stryMutAct_9fa48("506")) {
      {}
    } else {
      stryCov_9fa48("506");
      return this.#clock;
    }
  }

  /** Entries waiting. */
  get size(): number {
    if (stryMutAct_9fa48("507")) {
      {}
    } else {
      stryCov_9fa48("507");
      let size = 0;
      for (const entry of this.#heap) stryMutAct_9fa48("508") ? size -= entry instanceof Lane ? entry.live : 1 : (stryCov_9fa48("508"), size += entry instanceof Lane ? entry.live : 1);
      return size;
    }
  }

  /** True while `entry` waits in this queue. */
  has(entry: TimerEntry): boolean {
    if (stryMutAct_9fa48("509")) {
      {}
    } else {
      stryCov_9fa48("509");
      return stryMutAct_9fa48("512") ? entry.index >= 0 && entry.lane !== undefined : stryMutAct_9fa48("511") ? false : stryMutAct_9fa48("510") ? true : (stryCov_9fa48("510", "511", "512"), (stryMutAct_9fa48("515") ? entry.index < 0 : stryMutAct_9fa48("514") ? entry.index > 0 : stryMutAct_9fa48("513") ? false : (stryCov_9fa48("513", "514", "515"), entry.index >= 0)) || (stryMutAct_9fa48("517") ? entry.lane === undefined : stryMutAct_9fa48("516") ? false : (stryCov_9fa48("516", "517"), entry.lane !== undefined)));
    }
  }

  /** True while a `setTimeout` is pending. */
  get armed(): boolean {
    if (stryMutAct_9fa48("518")) {
      {}
    } else {
      stryCov_9fa48("518");
      return stryMutAct_9fa48("521") ? this.#timer === undefined : stryMutAct_9fa48("520") ? false : stryMutAct_9fa48("519") ? true : (stryCov_9fa48("519", "520", "521"), this.#timer !== undefined);
    }
  }

  /**
   * `Date.now() - performance.now()` as read at the start of the current batch, so that a run can
   * turn monotonic times into epoch times without reading the clock again.
   */
  get epochOffset(): number {
    if (stryMutAct_9fa48("522")) {
      {}
    } else {
      stryCov_9fa48("522");
      return this.#firing ? this.#epochOffset : this.#clock.epochOffset();
    }
  }

  /**
   * Queues `entry` at `due`, or moves it there if it is queued already. Entries scheduled with the
   * same `lane` key (a worker's period) share a FIFO lane while their due times arrive in order.
   */
  schedule(entry: TimerEntry, due: number, lane?: number): void {
    if (stryMutAct_9fa48("523")) {
      {}
    } else {
      stryCov_9fa48("523");
      if (stryMutAct_9fa48("526") ? entry.lane === undefined : stryMutAct_9fa48("525") ? false : stryMutAct_9fa48("524") ? true : (stryCov_9fa48("524", "525", "526"), entry.lane !== undefined)) this.#unlane(entry);
      if (stryMutAct_9fa48("529") ? lane !== undefined || entry.index < 0 : stryMutAct_9fa48("528") ? false : stryMutAct_9fa48("527") ? true : (stryCov_9fa48("527", "528", "529"), (stryMutAct_9fa48("531") ? lane === undefined : stryMutAct_9fa48("530") ? true : (stryCov_9fa48("530", "531"), lane !== undefined)) && (stryMutAct_9fa48("534") ? entry.index >= 0 : stryMutAct_9fa48("533") ? entry.index <= 0 : stryMutAct_9fa48("532") ? true : (stryCov_9fa48("532", "533", "534"), entry.index < 0)))) {
        if (stryMutAct_9fa48("535")) {
          {}
        } else {
          stryCov_9fa48("535");
          // Consecutive schedules mostly use one period: skip the map for the lane used last.
          let l = (stryMutAct_9fa48("538") ? this.#lastLane?.key !== lane : stryMutAct_9fa48("537") ? false : stryMutAct_9fa48("536") ? true : (stryCov_9fa48("536", "537", "538"), (stryMutAct_9fa48("539") ? this.#lastLane.key : (stryCov_9fa48("539"), this.#lastLane?.key)) === lane)) ? this.#lastLane : this.#lanes.get(lane);
          if (stryMutAct_9fa48("542") ? l !== undefined : stryMutAct_9fa48("541") ? false : stryMutAct_9fa48("540") ? true : (stryCov_9fa48("540", "541", "542"), l === undefined)) this.#lanes.set(lane, l = new Lane(this, lane));
          this.#lastLane = l;
          if (stryMutAct_9fa48("545") ? due >= l.tail && l.live === 0 : stryMutAct_9fa48("544") ? false : stryMutAct_9fa48("543") ? true : (stryCov_9fa48("543", "544", "545"), (stryMutAct_9fa48("548") ? due < l.tail : stryMutAct_9fa48("547") ? due > l.tail : stryMutAct_9fa48("546") ? false : (stryCov_9fa48("546", "547", "548"), due >= l.tail)) || (stryMutAct_9fa48("550") ? l.live !== 0 : stryMutAct_9fa48("549") ? false : (stryCov_9fa48("549", "550"), l.live === 0)))) {
            if (stryMutAct_9fa48("551")) {
              {}
            } else {
              stryCov_9fa48("551");
              if (stryMutAct_9fa48("554") ? l.live !== 0 : stryMutAct_9fa48("553") ? false : stryMutAct_9fa48("552") ? true : (stryCov_9fa48("552", "553", "554"), l.live === 0)) {
                if (stryMutAct_9fa48("555")) {
                  {}
                } else {
                  stryCov_9fa48("555");
                  l.tail = stryMutAct_9fa48("556") ? +Infinity : (stryCov_9fa48("556"), -Infinity);
                  stryMutAct_9fa48("557") ? this.#activeLanes-- : (stryCov_9fa48("557"), this.#activeLanes++);
                }
              }
              l.push(entry, due);
              if (stryMutAct_9fa48("561") ? l.index >= 0 : stryMutAct_9fa48("560") ? l.index <= 0 : stryMutAct_9fa48("559") ? false : stryMutAct_9fa48("558") ? true : (stryCov_9fa48("558", "559", "560", "561"), l.index < 0)) this.#insert(l, due);else if (stryMutAct_9fa48("564") ? false : stryMutAct_9fa48("563") ? true : stryMutAct_9fa48("562") ? this.#firing : (stryCov_9fa48("562", "563", "564"), !this.#firing)) this.#arm();
              return;
            }
          }
        }
      }
      this.#insert(entry, due);
    }
  }

  /** After its head left, a lane waits in the heap at its next head's due time, or leaves it. */
  relane(l: Lane): void {
    if (stryMutAct_9fa48("565")) {
      {}
    } else {
      stryCov_9fa48("565");
      const next = l.peek();
      if (stryMutAct_9fa48("568") ? next !== undefined : stryMutAct_9fa48("567") ? false : stryMutAct_9fa48("566") ? true : (stryCov_9fa48("566", "567", "568"), next === undefined)) return this.#emptied(l);
      this.#insert(l, next.due);
    }
  }
  #unlane(entry: TimerEntry): void {
    if (stryMutAct_9fa48("569")) {
      {}
    } else {
      stryCov_9fa48("569");
      const l = entry.lane as Lane;
      l.remove(entry);
      if (stryMutAct_9fa48("572") ? l.live !== 0 : stryMutAct_9fa48("571") ? false : stryMutAct_9fa48("570") ? true : (stryCov_9fa48("570", "571", "572"), l.live === 0)) this.#emptied(l);
    }
  }

  /**
   * A lane has no entry left. It stays for the next worker of its period, but empty lanes are
   * swept once they outnumber the others: periods that vary (jittered, changed often) would
   * otherwise leave one lane each behind, for ever.
   */
  #emptied(l: Lane): void {
    if (stryMutAct_9fa48("573")) {
      {}
    } else {
      stryCov_9fa48("573");
      l.reset();
      if (stryMutAct_9fa48("577") ? l.index < 0 : stryMutAct_9fa48("576") ? l.index > 0 : stryMutAct_9fa48("575") ? false : stryMutAct_9fa48("574") ? true : (stryCov_9fa48("574", "575", "576", "577"), l.index >= 0)) this.cancel(l);
      const lanes = this.#lanes;
      if (stryMutAct_9fa48("581") ? lanes.size > 2 * --this.#activeLanes + 16 : stryMutAct_9fa48("580") ? lanes.size < 2 * --this.#activeLanes + 16 : stryMutAct_9fa48("579") ? false : stryMutAct_9fa48("578") ? true : (stryCov_9fa48("578", "579", "580", "581"), lanes.size <= (stryMutAct_9fa48("582") ? 2 * --this.#activeLanes - 16 : (stryCov_9fa48("582"), (stryMutAct_9fa48("583") ? 2 / --this.#activeLanes : (stryCov_9fa48("583"), 2 * (stryMutAct_9fa48("584") ? ++this.#activeLanes : (stryCov_9fa48("584"), --this.#activeLanes)))) + 16)))) return;
      for (const [key, lane] of lanes) if (stryMutAct_9fa48("587") ? lane.live !== 0 : stryMutAct_9fa48("586") ? false : stryMutAct_9fa48("585") ? true : (stryCov_9fa48("585", "586", "587"), lane.live === 0)) lanes.delete(key);
      this.#lastLane = undefined;
    }
  }

  /** Lanes kept (for tests of their clean-up). */
  get lanes(): number {
    if (stryMutAct_9fa48("588")) {
      {}
    } else {
      stryCov_9fa48("588");
      return this.#lanes.size;
    }
  }
  #insert(entry: TimerEntry, due: number): void {
    if (stryMutAct_9fa48("589")) {
      {}
    } else {
      stryCov_9fa48("589");
      const heap = this.#heap;
      if (stryMutAct_9fa48("593") ? entry.index >= 0 : stryMutAct_9fa48("592") ? entry.index <= 0 : stryMutAct_9fa48("591") ? false : stryMutAct_9fa48("590") ? true : (stryCov_9fa48("590", "591", "592", "593"), entry.index < 0)) {
        if (stryMutAct_9fa48("594")) {
          {}
        } else {
          stryCov_9fa48("594");
          entry.due = due;
          entry.order = stryMutAct_9fa48("595") ? this.#order-- : (stryCov_9fa48("595"), this.#order++);
          entry.index = heap.length;
          heap.push(entry);
          this.#up(entry.index);
        }
      } else {
        if (stryMutAct_9fa48("596")) {
          {}
        } else {
          stryCov_9fa48("596");
          const earlier = stryMutAct_9fa48("600") ? due >= entry.due : stryMutAct_9fa48("599") ? due <= entry.due : stryMutAct_9fa48("598") ? false : stryMutAct_9fa48("597") ? true : (stryCov_9fa48("597", "598", "599", "600"), due < entry.due);
          entry.due = due;
          entry.order = stryMutAct_9fa48("601") ? this.#order-- : (stryCov_9fa48("601"), this.#order++);
          if (stryMutAct_9fa48("603") ? false : stryMutAct_9fa48("602") ? true : (stryCov_9fa48("602", "603"), earlier)) this.#up(entry.index);else this.#down(entry.index);
        }
      }
      if (stryMutAct_9fa48("606") ? false : stryMutAct_9fa48("605") ? true : stryMutAct_9fa48("604") ? this.#firing : (stryCov_9fa48("604", "605", "606"), !this.#firing)) this.#arm();
    }
  }

  /** Takes `entry` out of the queue; nothing happens if it is not queued. */
  cancel(entry: TimerEntry): void {
    if (stryMutAct_9fa48("607")) {
      {}
    } else {
      stryCov_9fa48("607");
      if (stryMutAct_9fa48("610") ? entry.lane === undefined : stryMutAct_9fa48("609") ? false : stryMutAct_9fa48("608") ? true : (stryCov_9fa48("608", "609", "610"), entry.lane !== undefined)) return this.#unlane(entry);
      const i = entry.index;
      if (stryMutAct_9fa48("614") ? i >= 0 : stryMutAct_9fa48("613") ? i <= 0 : stryMutAct_9fa48("612") ? false : stryMutAct_9fa48("611") ? true : (stryCov_9fa48("611", "612", "613", "614"), i < 0)) return;
      const heap = this.#heap;
      const last = heap.pop() as TimerEntry;
      entry.index = stryMutAct_9fa48("615") ? +1 : (stryCov_9fa48("615"), -1);
      if (stryMutAct_9fa48("618") ? last === entry : stryMutAct_9fa48("617") ? false : stryMutAct_9fa48("616") ? true : (stryCov_9fa48("616", "617", "618"), last !== entry)) {
        if (stryMutAct_9fa48("619")) {
          {}
        } else {
          stryCov_9fa48("619");
          heap[i] = last;
          last.index = i;
          this.#down(i);
          this.#up(last.index);
        }
      }
      // A timer armed for a later entry may stay and wake once for nothing; an empty queue must not
      // keep one, or the process could not exit.
      if (stryMutAct_9fa48("622") ? heap.length === 0 || !this.#firing : stryMutAct_9fa48("621") ? false : stryMutAct_9fa48("620") ? true : (stryCov_9fa48("620", "621", "622"), (stryMutAct_9fa48("624") ? heap.length !== 0 : stryMutAct_9fa48("623") ? true : (stryCov_9fa48("623", "624"), heap.length === 0)) && (stryMutAct_9fa48("625") ? this.#firing : (stryCov_9fa48("625"), !this.#firing)))) this.#disarm();
    }
  }
  #disarm(): void {
    if (stryMutAct_9fa48("626")) {
      {}
    } else {
      stryCov_9fa48("626");
      if (stryMutAct_9fa48("629") ? this.#timer === undefined : stryMutAct_9fa48("628") ? false : stryMutAct_9fa48("627") ? true : (stryCov_9fa48("627", "628", "629"), this.#timer !== undefined)) {
        if (stryMutAct_9fa48("630")) {
          {}
        } else {
          stryCov_9fa48("630");
          this.#clock.clearTimer(this.#timer);
          this.#timer = undefined;
        }
      }
      this.#armedAt = Infinity;
    }
  }
  #arm(): void {
    if (stryMutAct_9fa48("631")) {
      {}
    } else {
      stryCov_9fa48("631");
      const top = this.#heap[0];
      if (stryMutAct_9fa48("634") ? top !== undefined : stryMutAct_9fa48("633") ? false : stryMutAct_9fa48("632") ? true : (stryCov_9fa48("632", "633", "634"), top === undefined)) return this.#disarm();
      if (stryMutAct_9fa48("637") ? this.#timer !== undefined || this.#armedAt <= top.due : stryMutAct_9fa48("636") ? false : stryMutAct_9fa48("635") ? true : (stryCov_9fa48("635", "636", "637"), (stryMutAct_9fa48("639") ? this.#timer === undefined : stryMutAct_9fa48("638") ? true : (stryCov_9fa48("638", "639"), this.#timer !== undefined)) && (stryMutAct_9fa48("642") ? this.#armedAt > top.due : stryMutAct_9fa48("641") ? this.#armedAt < top.due : stryMutAct_9fa48("640") ? true : (stryCov_9fa48("640", "641", "642"), this.#armedAt <= top.due)))) return;
      const clock = this.#clock;
      if (stryMutAct_9fa48("645") ? this.#timer === undefined : stryMutAct_9fa48("644") ? false : stryMutAct_9fa48("643") ? true : (stryCov_9fa48("643", "644", "645"), this.#timer !== undefined)) clock.clearTimer(this.#timer);
      const now = clock.now();
      // Whole milliseconds, rounded up: timers count whole ms, and rounding down would wake early.
      const delay = stryMutAct_9fa48("646") ? Math.max(Math.max(0, Math.ceil(top.due - now)), MAX_DELAY) : (stryCov_9fa48("646"), Math.min(stryMutAct_9fa48("647") ? Math.min(0, Math.ceil(top.due - now)) : (stryCov_9fa48("647"), Math.max(0, Math.ceil(stryMutAct_9fa48("648") ? top.due + now : (stryCov_9fa48("648"), top.due - now)))), MAX_DELAY));
      this.#armedAt = stryMutAct_9fa48("649") ? now - delay : (stryCov_9fa48("649"), now + delay);
      this.#timer = clock.setTimer(this.#onTimeout, delay);
    }
  }
  readonly #onTimeout = (): void => {
    if (stryMutAct_9fa48("650")) {
      {}
    } else {
      stryCov_9fa48("650");
      this.#timer = undefined;
      this.#armedAt = Infinity;
      const heap = this.#heap;
      const clock = this.#clock;
      const now = clock.now();
      this.#epochOffset = clock.epochOffset();
      this.#firing = stryMutAct_9fa48("651") ? false : (stryCov_9fa48("651"), true);
      try {
        if (stryMutAct_9fa48("652")) {
          {}
        } else {
          stryCov_9fa48("652");
          let top = heap[0];
          while (stryMutAct_9fa48("654") ? top !== undefined || top.due <= now : stryMutAct_9fa48("653") ? false : (stryCov_9fa48("653", "654"), (stryMutAct_9fa48("656") ? top === undefined : stryMutAct_9fa48("655") ? true : (stryCov_9fa48("655", "656"), top !== undefined)) && (stryMutAct_9fa48("659") ? top.due > now : stryMutAct_9fa48("658") ? top.due < now : stryMutAct_9fa48("657") ? true : (stryCov_9fa48("657", "658", "659"), top.due <= now)))) {
            if (stryMutAct_9fa48("660")) {
              {}
            } else {
              stryCov_9fa48("660");
              this.#pop();
              top.fire(now);
              top = heap[0];
            }
          }
        }
      } finally {
        if (stryMutAct_9fa48("661")) {
          {}
        } else {
          stryCov_9fa48("661");
          this.#firing = stryMutAct_9fa48("662") ? true : (stryCov_9fa48("662"), false);
          this.#arm();
        }
      }
    }
  };
  #pop(): void {
    if (stryMutAct_9fa48("663")) {
      {}
    } else {
      stryCov_9fa48("663");
      const heap = this.#heap;
      const top = heap[0] as TimerEntry;
      const last = heap.pop() as TimerEntry;
      top.index = stryMutAct_9fa48("664") ? +1 : (stryCov_9fa48("664"), -1);
      if (stryMutAct_9fa48("667") ? last === top : stryMutAct_9fa48("666") ? false : stryMutAct_9fa48("665") ? true : (stryCov_9fa48("665", "666", "667"), last !== top)) {
        if (stryMutAct_9fa48("668")) {
          {}
        } else {
          stryCov_9fa48("668");
          heap[0] = last;
          last.index = 0;
          this.#down(0);
        }
      }
    }
  }
  #up(i: number): void {
    if (stryMutAct_9fa48("669")) {
      {}
    } else {
      stryCov_9fa48("669");
      const heap = this.#heap;
      const entry = heap[i] as TimerEntry;
      while (stryMutAct_9fa48("672") ? i <= 0 : stryMutAct_9fa48("671") ? i >= 0 : stryMutAct_9fa48("670") ? false : (stryCov_9fa48("670", "671", "672"), i > 0)) {
        if (stryMutAct_9fa48("673")) {
          {}
        } else {
          stryCov_9fa48("673");
          const p = (stryMutAct_9fa48("674") ? i + 1 : (stryCov_9fa48("674"), i - 1)) >> 1;
          const parent = heap[p] as TimerEntry;
          if (stryMutAct_9fa48("677") ? false : stryMutAct_9fa48("676") ? true : stryMutAct_9fa48("675") ? before(entry, parent) : (stryCov_9fa48("675", "676", "677"), !before(entry, parent))) break;
          heap[i] = parent;
          parent.index = i;
          i = p;
        }
      }
      heap[i] = entry;
      entry.index = i;
    }
  }
  #down(i: number): void {
    if (stryMutAct_9fa48("678")) {
      {}
    } else {
      stryCov_9fa48("678");
      const heap = this.#heap;
      const n = heap.length;
      const entry = heap[i] as TimerEntry;
      if (stryMutAct_9fa48("679")) {
        for (; false;) {
          const l = 2 * i + 1;
          if (l >= n) break;
          const r = l + 1;
          let c = l;
          if (r < n && before(heap[r] as TimerEntry, heap[l] as TimerEntry)) c = r;
          const child = heap[c] as TimerEntry;
          if (!before(child, entry)) break;
          heap[i] = child;
          child.index = i;
          i = c;
        }
      } else {
        stryCov_9fa48("679");
        for (;;) {
          if (stryMutAct_9fa48("680")) {
            {}
          } else {
            stryCov_9fa48("680");
            const l = stryMutAct_9fa48("681") ? 2 * i - 1 : (stryCov_9fa48("681"), (stryMutAct_9fa48("682") ? 2 / i : (stryCov_9fa48("682"), 2 * i)) + 1);
            if (stryMutAct_9fa48("686") ? l < n : stryMutAct_9fa48("685") ? l > n : stryMutAct_9fa48("684") ? false : stryMutAct_9fa48("683") ? true : (stryCov_9fa48("683", "684", "685", "686"), l >= n)) break;
            const r = stryMutAct_9fa48("687") ? l - 1 : (stryCov_9fa48("687"), l + 1);
            let c = l;
            if (stryMutAct_9fa48("690") ? r < n || before(heap[r] as TimerEntry, heap[l] as TimerEntry) : stryMutAct_9fa48("689") ? false : stryMutAct_9fa48("688") ? true : (stryCov_9fa48("688", "689", "690"), (stryMutAct_9fa48("693") ? r >= n : stryMutAct_9fa48("692") ? r <= n : stryMutAct_9fa48("691") ? true : (stryCov_9fa48("691", "692", "693"), r < n)) && before(heap[r] as TimerEntry, heap[l] as TimerEntry))) c = r;
            const child = heap[c] as TimerEntry;
            if (stryMutAct_9fa48("696") ? false : stryMutAct_9fa48("695") ? true : stryMutAct_9fa48("694") ? before(child, entry) : (stryCov_9fa48("694", "695", "696"), !before(child, entry))) break;
            heap[i] = child;
            child.index = i;
            i = c;
          }
        }
      }
      heap[i] = entry;
      entry.index = i;
    }
  }
}
function before(a: TimerEntry, b: TimerEntry): boolean {
  if (stryMutAct_9fa48("697")) {
    {}
  } else {
    stryCov_9fa48("697");
    return stryMutAct_9fa48("700") ? a.due < b.due && a.due === b.due && a.order < b.order : stryMutAct_9fa48("699") ? false : stryMutAct_9fa48("698") ? true : (stryCov_9fa48("698", "699", "700"), (stryMutAct_9fa48("703") ? a.due >= b.due : stryMutAct_9fa48("702") ? a.due <= b.due : stryMutAct_9fa48("701") ? false : (stryCov_9fa48("701", "702", "703"), a.due < b.due)) || (stryMutAct_9fa48("705") ? a.due === b.due || a.order < b.order : stryMutAct_9fa48("704") ? false : (stryCov_9fa48("704", "705"), (stryMutAct_9fa48("707") ? a.due !== b.due : stryMutAct_9fa48("706") ? true : (stryCov_9fa48("706", "707"), a.due === b.due)) && (stryMutAct_9fa48("710") ? a.order >= b.order : stryMutAct_9fa48("709") ? a.order <= b.order : stryMutAct_9fa48("708") ? true : (stryCov_9fa48("708", "709", "710"), a.order < b.order)))));
  }
}