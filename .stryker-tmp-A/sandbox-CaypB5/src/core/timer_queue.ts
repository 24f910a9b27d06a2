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
  readonly #heap: TimerEntry[] = stryMutAct_9fa48("475") ? ["Stryker was here"] : (stryCov_9fa48("475"), []);
  readonly #lanes = new Map<number, Lane>();
  #lastLane: Lane | undefined = undefined;
  #timer: unknown = undefined;
  /** When the pending timeout fires (monotonic); Infinity when none is pending. */
  #armedAt = Infinity;
  #firing = stryMutAct_9fa48("476") ? true : (stryCov_9fa48("476"), false);
  #order = 0;
  #epochOffset = 0;

  /** A queue on `clock` (the real one by default). */
  constructor(clock: Clock = realClock) {
    if (stryMutAct_9fa48("477")) {
      {}
    } else {
      stryCov_9fa48("477");
      this.#clock = clock;
    }
  }

  /** The clock's monotonic time. */
  now(): number {
    if (stryMutAct_9fa48("478")) {
      {}
    } else {
      stryCov_9fa48("478");
      return this.#clock.now();
    }
  }

  /** The clock this queue runs on. */
  get clock(): Clock {
    if (stryMutAct_9fa48("479")) {
      {}
    } else {
      stryCov_9fa48("479");
      return this.#clock;
    }
  }

  /** Entries waiting. */
  get size(): number {
    if (stryMutAct_9fa48("480")) {
      {}
    } else {
      stryCov_9fa48("480");
      let size = 0;
      for (const entry of this.#heap) stryMutAct_9fa48("481") ? size -= entry instanceof Lane ? entry.live : 1 : (stryCov_9fa48("481"), size += entry instanceof Lane ? entry.live : 1);
      return size;
    }
  }

  /** True while `entry` waits in this queue. */
  has(entry: TimerEntry): boolean {
    if (stryMutAct_9fa48("482")) {
      {}
    } else {
      stryCov_9fa48("482");
      return stryMutAct_9fa48("485") ? entry.index >= 0 && entry.lane !== undefined : stryMutAct_9fa48("484") ? false : stryMutAct_9fa48("483") ? true : (stryCov_9fa48("483", "484", "485"), (stryMutAct_9fa48("488") ? entry.index < 0 : stryMutAct_9fa48("487") ? entry.index > 0 : stryMutAct_9fa48("486") ? false : (stryCov_9fa48("486", "487", "488"), entry.index >= 0)) || (stryMutAct_9fa48("490") ? entry.lane === undefined : stryMutAct_9fa48("489") ? false : (stryCov_9fa48("489", "490"), entry.lane !== undefined)));
    }
  }

  /** True while a `setTimeout` is pending. */
  get armed(): boolean {
    if (stryMutAct_9fa48("491")) {
      {}
    } else {
      stryCov_9fa48("491");
      return stryMutAct_9fa48("494") ? this.#timer === undefined : stryMutAct_9fa48("493") ? false : stryMutAct_9fa48("492") ? true : (stryCov_9fa48("492", "493", "494"), this.#timer !== undefined);
    }
  }

  /**
   * `Date.now() - performance.now()` as read at the start of the current batch, so that a run can
   * turn monotonic times into epoch times without reading the clock again.
   */
  get epochOffset(): number {
    if (stryMutAct_9fa48("495")) {
      {}
    } else {
      stryCov_9fa48("495");
      return this.#firing ? this.#epochOffset : this.#clock.epochOffset();
    }
  }

  /**
   * Queues `entry` at `due`, or moves it there if it is queued already. Entries scheduled with the
   * same `lane` key (a worker's period) share a FIFO lane while their due times arrive in order.
   */
  schedule(entry: TimerEntry, due: number, lane?: number): void {
    if (stryMutAct_9fa48("496")) {
      {}
    } else {
      stryCov_9fa48("496");
      if (stryMutAct_9fa48("499") ? entry.lane === undefined : stryMutAct_9fa48("498") ? false : stryMutAct_9fa48("497") ? true : (stryCov_9fa48("497", "498", "499"), entry.lane !== undefined)) this.#unlane(entry);
      if (stryMutAct_9fa48("502") ? lane !== undefined || entry.index < 0 : stryMutAct_9fa48("501") ? false : stryMutAct_9fa48("500") ? true : (stryCov_9fa48("500", "501", "502"), (stryMutAct_9fa48("504") ? lane === undefined : stryMutAct_9fa48("503") ? true : (stryCov_9fa48("503", "504"), lane !== undefined)) && (stryMutAct_9fa48("507") ? entry.index >= 0 : stryMutAct_9fa48("506") ? entry.index <= 0 : stryMutAct_9fa48("505") ? true : (stryCov_9fa48("505", "506", "507"), entry.index < 0)))) {
        if (stryMutAct_9fa48("508")) {
          {}
        } else {
          stryCov_9fa48("508");
          // Consecutive schedules mostly use one period: skip the map for the lane used last.
          let l = (stryMutAct_9fa48("511") ? this.#lastLane?.key !== lane : stryMutAct_9fa48("510") ? false : stryMutAct_9fa48("509") ? true : (stryCov_9fa48("509", "510", "511"), (stryMutAct_9fa48("512") ? this.#lastLane.key : (stryCov_9fa48("512"), this.#lastLane?.key)) === lane)) ? this.#lastLane : this.#lanes.get(lane);
          if (stryMutAct_9fa48("515") ? l !== undefined : stryMutAct_9fa48("514") ? false : stryMutAct_9fa48("513") ? true : (stryCov_9fa48("513", "514", "515"), l === undefined)) this.#lanes.set(lane, l = new Lane(this, lane));
          this.#lastLane = l;
          if (stryMutAct_9fa48("518") ? due >= l.tail && l.live === 0 : stryMutAct_9fa48("517") ? false : stryMutAct_9fa48("516") ? true : (stryCov_9fa48("516", "517", "518"), (stryMutAct_9fa48("521") ? due < l.tail : stryMutAct_9fa48("520") ? due > l.tail : stryMutAct_9fa48("519") ? false : (stryCov_9fa48("519", "520", "521"), due >= l.tail)) || (stryMutAct_9fa48("523") ? l.live !== 0 : stryMutAct_9fa48("522") ? false : (stryCov_9fa48("522", "523"), l.live === 0)))) {
            if (stryMutAct_9fa48("524")) {
              {}
            } else {
              stryCov_9fa48("524");
              if (stryMutAct_9fa48("527") ? l.live !== 0 : stryMutAct_9fa48("526") ? false : stryMutAct_9fa48("525") ? true : (stryCov_9fa48("525", "526", "527"), l.live === 0)) l.tail = stryMutAct_9fa48("528") ? +Infinity : (stryCov_9fa48("528"), -Infinity);
              l.push(entry, due);
              if (stryMutAct_9fa48("532") ? l.index >= 0 : stryMutAct_9fa48("531") ? l.index <= 0 : stryMutAct_9fa48("530") ? false : stryMutAct_9fa48("529") ? true : (stryCov_9fa48("529", "530", "531", "532"), l.index < 0)) this.#insert(l, due);else if (stryMutAct_9fa48("535") ? false : stryMutAct_9fa48("534") ? true : stryMutAct_9fa48("533") ? this.#firing : (stryCov_9fa48("533", "534", "535"), !this.#firing)) this.#arm();
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
    if (stryMutAct_9fa48("536")) {
      {}
    } else {
      stryCov_9fa48("536");
      const next = l.peek();
      if (stryMutAct_9fa48("539") ? next !== undefined : stryMutAct_9fa48("538") ? false : stryMutAct_9fa48("537") ? true : (stryCov_9fa48("537", "538", "539"), next === undefined)) {
        if (stryMutAct_9fa48("540")) {
          {}
        } else {
          stryCov_9fa48("540");
          if (stryMutAct_9fa48("544") ? l.index < 0 : stryMutAct_9fa48("543") ? l.index > 0 : stryMutAct_9fa48("542") ? false : stryMutAct_9fa48("541") ? true : (stryCov_9fa48("541", "542", "543", "544"), l.index >= 0)) this.cancel(l);
          return;
        }
      }
      this.#insert(l, next.due);
    }
  }
  #unlane(entry: TimerEntry): void {
    if (stryMutAct_9fa48("545")) {
      {}
    } else {
      stryCov_9fa48("545");
      const l = entry.lane as Lane;
      entry.lane = undefined;
      stryMutAct_9fa48("546") ? l.live++ : (stryCov_9fa48("546"), l.live--);
      if (stryMutAct_9fa48("549") ? l.live !== 0 : stryMutAct_9fa48("548") ? false : stryMutAct_9fa48("547") ? true : (stryCov_9fa48("547", "548", "549"), l.live === 0)) {
        if (stryMutAct_9fa48("550")) {
          {}
        } else {
          stryCov_9fa48("550");
          l.entries.length = 0;
          l.stamps.length = 0;
          l.head = 0;
          if (stryMutAct_9fa48("554") ? l.index < 0 : stryMutAct_9fa48("553") ? l.index > 0 : stryMutAct_9fa48("552") ? false : stryMutAct_9fa48("551") ? true : (stryCov_9fa48("551", "552", "553", "554"), l.index >= 0)) this.cancel(l);
        }
      }
    }
  }
  #insert(entry: TimerEntry, due: number): void {
    if (stryMutAct_9fa48("555")) {
      {}
    } else {
      stryCov_9fa48("555");
      const heap = this.#heap;
      if (stryMutAct_9fa48("559") ? entry.index >= 0 : stryMutAct_9fa48("558") ? entry.index <= 0 : stryMutAct_9fa48("557") ? false : stryMutAct_9fa48("556") ? true : (stryCov_9fa48("556", "557", "558", "559"), entry.index < 0)) {
        if (stryMutAct_9fa48("560")) {
          {}
        } else {
          stryCov_9fa48("560");
          entry.due = due;
          entry.order = stryMutAct_9fa48("561") ? this.#order-- : (stryCov_9fa48("561"), this.#order++);
          entry.index = heap.length;
          heap.push(entry);
          this.#up(entry.index);
        }
      } else {
        if (stryMutAct_9fa48("562")) {
          {}
        } else {
          stryCov_9fa48("562");
          const earlier = stryMutAct_9fa48("566") ? due >= entry.due : stryMutAct_9fa48("565") ? due <= entry.due : stryMutAct_9fa48("564") ? false : stryMutAct_9fa48("563") ? true : (stryCov_9fa48("563", "564", "565", "566"), due < entry.due);
          entry.due = due;
          entry.order = stryMutAct_9fa48("567") ? this.#order-- : (stryCov_9fa48("567"), this.#order++);
          if (stryMutAct_9fa48("569") ? false : stryMutAct_9fa48("568") ? true : (stryCov_9fa48("568", "569"), earlier)) this.#up(entry.index);else this.#down(entry.index);
        }
      }
      if (stryMutAct_9fa48("572") ? false : stryMutAct_9fa48("571") ? true : stryMutAct_9fa48("570") ? this.#firing : (stryCov_9fa48("570", "571", "572"), !this.#firing)) this.#arm();
    }
  }

  /** Takes `entry` out of the queue; nothing happens if it is not queued. */
  cancel(entry: TimerEntry): void {
    if (stryMutAct_9fa48("573")) {
      {}
    } else {
      stryCov_9fa48("573");
      if (stryMutAct_9fa48("576") ? entry.lane === undefined : stryMutAct_9fa48("575") ? false : stryMutAct_9fa48("574") ? true : (stryCov_9fa48("574", "575", "576"), entry.lane !== undefined)) return this.#unlane(entry);
      const i = entry.index;
      if (stryMutAct_9fa48("580") ? i >= 0 : stryMutAct_9fa48("579") ? i <= 0 : stryMutAct_9fa48("578") ? false : stryMutAct_9fa48("577") ? true : (stryCov_9fa48("577", "578", "579", "580"), i < 0)) return;
      const heap = this.#heap;
      const last = heap.pop() as TimerEntry;
      entry.index = stryMutAct_9fa48("581") ? +1 : (stryCov_9fa48("581"), -1);
      if (stryMutAct_9fa48("584") ? last === entry : stryMutAct_9fa48("583") ? false : stryMutAct_9fa48("582") ? true : (stryCov_9fa48("582", "583", "584"), last !== entry)) {
        if (stryMutAct_9fa48("585")) {
          {}
        } else {
          stryCov_9fa48("585");
          heap[i] = last;
          last.index = i;
          this.#down(i);
          this.#up(last.index);
        }
      }
      // A timer armed for a later entry may stay and wake once for nothing; an empty queue must not
      // keep one, or the process could not exit.
      if (stryMutAct_9fa48("588") ? heap.length === 0 || !this.#firing : stryMutAct_9fa48("587") ? false : stryMutAct_9fa48("586") ? true : (stryCov_9fa48("586", "587", "588"), (stryMutAct_9fa48("590") ? heap.length !== 0 : stryMutAct_9fa48("589") ? true : (stryCov_9fa48("589", "590"), heap.length === 0)) && (stryMutAct_9fa48("591") ? this.#firing : (stryCov_9fa48("591"), !this.#firing)))) this.#disarm();
    }
  }
  #disarm(): void {
    if (stryMutAct_9fa48("592")) {
      {}
    } else {
      stryCov_9fa48("592");
      if (stryMutAct_9fa48("595") ? this.#timer === undefined : stryMutAct_9fa48("594") ? false : stryMutAct_9fa48("593") ? true : (stryCov_9fa48("593", "594", "595"), this.#timer !== undefined)) {
        if (stryMutAct_9fa48("596")) {
          {}
        } else {
          stryCov_9fa48("596");
          this.#clock.clearTimer(this.#timer);
          this.#timer = undefined;
        }
      }
      this.#armedAt = Infinity;
    }
  }
  #arm(): void {
    if (stryMutAct_9fa48("597")) {
      {}
    } else {
      stryCov_9fa48("597");
      const top = this.#heap[0];
      if (stryMutAct_9fa48("600") ? top !== undefined : stryMutAct_9fa48("599") ? false : stryMutAct_9fa48("598") ? true : (stryCov_9fa48("598", "599", "600"), top === undefined)) return this.#disarm();
      if (stryMutAct_9fa48("603") ? this.#timer !== undefined || this.#armedAt <= top.due : stryMutAct_9fa48("602") ? false : stryMutAct_9fa48("601") ? true : (stryCov_9fa48("601", "602", "603"), (stryMutAct_9fa48("605") ? this.#timer === undefined : stryMutAct_9fa48("604") ? true : (stryCov_9fa48("604", "605"), this.#timer !== undefined)) && (stryMutAct_9fa48("608") ? this.#armedAt > top.due : stryMutAct_9fa48("607") ? this.#armedAt < top.due : stryMutAct_9fa48("606") ? true : (stryCov_9fa48("606", "607", "608"), this.#armedAt <= top.due)))) return;
      const clock = this.#clock;
      if (stryMutAct_9fa48("611") ? this.#timer === undefined : stryMutAct_9fa48("610") ? false : stryMutAct_9fa48("609") ? true : (stryCov_9fa48("609", "610", "611"), this.#timer !== undefined)) clock.clearTimer(this.#timer);
      const now = clock.now();
      // Whole milliseconds, rounded up: timers count whole ms, and rounding down would wake early.
      const delay = stryMutAct_9fa48("612") ? Math.max(Math.max(0, Math.ceil(top.due - now)), MAX_DELAY) : (stryCov_9fa48("612"), Math.min(stryMutAct_9fa48("613") ? Math.min(0, Math.ceil(top.due - now)) : (stryCov_9fa48("613"), Math.max(0, Math.ceil(stryMutAct_9fa48("614") ? top.due + now : (stryCov_9fa48("614"), top.due - now)))), MAX_DELAY));
      this.#armedAt = stryMutAct_9fa48("615") ? now - delay : (stryCov_9fa48("615"), now + delay);
      this.#timer = clock.setTimer(this.#onTimeout, delay);
    }
  }
  readonly #onTimeout = (): void => {
    if (stryMutAct_9fa48("616")) {
      {}
    } else {
      stryCov_9fa48("616");
      this.#timer = undefined;
      this.#armedAt = Infinity;
      const heap = this.#heap;
      const clock = this.#clock;
      const now = clock.now();
      this.#epochOffset = clock.epochOffset();
      this.#firing = stryMutAct_9fa48("617") ? false : (stryCov_9fa48("617"), true);
      try {
        if (stryMutAct_9fa48("618")) {
          {}
        } else {
          stryCov_9fa48("618");
          let top = heap[0];
          while (stryMutAct_9fa48("620") ? top !== undefined || top.due <= now : stryMutAct_9fa48("619") ? false : (stryCov_9fa48("619", "620"), (stryMutAct_9fa48("622") ? top === undefined : stryMutAct_9fa48("621") ? true : (stryCov_9fa48("621", "622"), top !== undefined)) && (stryMutAct_9fa48("625") ? top.due > now : stryMutAct_9fa48("624") ? top.due < now : stryMutAct_9fa48("623") ? true : (stryCov_9fa48("623", "624", "625"), top.due <= now)))) {
            if (stryMutAct_9fa48("626")) {
              {}
            } else {
              stryCov_9fa48("626");
              this.#pop();
              top.fire(now);
              top = heap[0];
            }
          }
        }
      } finally {
        if (stryMutAct_9fa48("627")) {
          {}
        } else {
          stryCov_9fa48("627");
          this.#firing = stryMutAct_9fa48("628") ? true : (stryCov_9fa48("628"), false);
          this.#arm();
        }
      }
    }
  };
  #pop(): void {
    if (stryMutAct_9fa48("629")) {
      {}
    } else {
      stryCov_9fa48("629");
      const heap = this.#heap;
      const top = heap[0] as TimerEntry;
      const last = heap.pop() as TimerEntry;
      top.index = stryMutAct_9fa48("630") ? +1 : (stryCov_9fa48("630"), -1);
      if (stryMutAct_9fa48("633") ? last === top : stryMutAct_9fa48("632") ? false : stryMutAct_9fa48("631") ? true : (stryCov_9fa48("631", "632", "633"), last !== top)) {
        if (stryMutAct_9fa48("634")) {
          {}
        } else {
          stryCov_9fa48("634");
          heap[0] = last;
          last.index = 0;
          this.#down(0);
        }
      }
    }
  }
  #up(i: number): void {
    if (stryMutAct_9fa48("635")) {
      {}
    } else {
      stryCov_9fa48("635");
      const heap = this.#heap;
      const entry = heap[i] as TimerEntry;
      while (stryMutAct_9fa48("638") ? i <= 0 : stryMutAct_9fa48("637") ? i >= 0 : stryMutAct_9fa48("636") ? false : (stryCov_9fa48("636", "637", "638"), i > 0)) {
        if (stryMutAct_9fa48("639")) {
          {}
        } else {
          stryCov_9fa48("639");
          const p = (stryMutAct_9fa48("640") ? i + 1 : (stryCov_9fa48("640"), i - 1)) >> 1;
          const parent = heap[p] as TimerEntry;
          if (stryMutAct_9fa48("643") ? false : stryMutAct_9fa48("642") ? true : stryMutAct_9fa48("641") ? before(entry, parent) : (stryCov_9fa48("641", "642", "643"), !before(entry, parent))) break;
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
    if (stryMutAct_9fa48("644")) {
      {}
    } else {
      stryCov_9fa48("644");
      const heap = this.#heap;
      const n = heap.length;
      const entry = heap[i] as TimerEntry;
      if (stryMutAct_9fa48("645")) {
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
        stryCov_9fa48("645");
        for (;;) {
          if (stryMutAct_9fa48("646")) {
            {}
          } else {
            stryCov_9fa48("646");
            const l = stryMutAct_9fa48("647") ? 2 * i - 1 : (stryCov_9fa48("647"), (stryMutAct_9fa48("648") ? 2 / i : (stryCov_9fa48("648"), 2 * i)) + 1);
            if (stryMutAct_9fa48("652") ? l < n : stryMutAct_9fa48("651") ? l > n : stryMutAct_9fa48("650") ? false : stryMutAct_9fa48("649") ? true : (stryCov_9fa48("649", "650", "651", "652"), l >= n)) break;
            const r = stryMutAct_9fa48("653") ? l - 1 : (stryCov_9fa48("653"), l + 1);
            let c = l;
            if (stryMutAct_9fa48("656") ? r < n || before(heap[r] as TimerEntry, heap[l] as TimerEntry) : stryMutAct_9fa48("655") ? false : stryMutAct_9fa48("654") ? true : (stryCov_9fa48("654", "655", "656"), (stryMutAct_9fa48("659") ? r >= n : stryMutAct_9fa48("658") ? r <= n : stryMutAct_9fa48("657") ? true : (stryCov_9fa48("657", "658", "659"), r < n)) && before(heap[r] as TimerEntry, heap[l] as TimerEntry))) c = r;
            const child = heap[c] as TimerEntry;
            if (stryMutAct_9fa48("662") ? false : stryMutAct_9fa48("661") ? true : stryMutAct_9fa48("660") ? before(child, entry) : (stryCov_9fa48("660", "661", "662"), !before(child, entry))) break;
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
  if (stryMutAct_9fa48("663")) {
    {}
  } else {
    stryCov_9fa48("663");
    return stryMutAct_9fa48("666") ? a.due < b.due && a.due === b.due && a.order < b.order : stryMutAct_9fa48("665") ? false : stryMutAct_9fa48("664") ? true : (stryCov_9fa48("664", "665", "666"), (stryMutAct_9fa48("669") ? a.due >= b.due : stryMutAct_9fa48("668") ? a.due <= b.due : stryMutAct_9fa48("667") ? false : (stryCov_9fa48("667", "668", "669"), a.due < b.due)) || (stryMutAct_9fa48("671") ? a.due === b.due || a.order < b.order : stryMutAct_9fa48("670") ? false : (stryCov_9fa48("670", "671"), (stryMutAct_9fa48("673") ? a.due !== b.due : stryMutAct_9fa48("672") ? true : (stryCov_9fa48("672", "673"), a.due === b.due)) && (stryMutAct_9fa48("676") ? a.order >= b.order : stryMutAct_9fa48("675") ? a.order <= b.order : stryMutAct_9fa48("674") ? true : (stryCov_9fa48("674", "675", "676"), a.order < b.order)))));
  }
}