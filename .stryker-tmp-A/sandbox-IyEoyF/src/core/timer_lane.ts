/**
 * Timer entries, and the lanes that hold many of them: workers with the same period re-schedule
 * themselves in the order they ran, so their due times arrive sorted. Such entries wait in a FIFO
 * lane (one per period) instead of the heap, and only the lane's head sits in the heap: a tick
 * then costs O(1) instead of an O(log n) pop and push through 100,000 scattered entries.
 * @module
 */
// @ts-nocheck


/** Something the queue calls when its due time (monotonic ms, `performance.now()`) has come. */function stryNS_9fa48() {
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
export interface TimerEntry {
  /** Monotonic due time. Written by the queue; read it, do not set it. */
  due: number;
  /** Position in the heap, -1 when not queued. Owned by the queue. */
  index: number;
  /** Tie-breaker among equal due times: first scheduled, first fired. Owned by the queue. */
  order: number;
  /** Called once per scheduling, with the batch's clock reading. Must not throw. */
  fire(now: number): void;
  /** The lane holding the entry, when it waits in one rather than in the heap. Owned by the queue. */
  lane: Lane | undefined;
  /** Which lane slot is current for this entry; older slots of it are stale. Owned by the queue. */
  stamp: number;
}

/** Creates an entry whose `fire` calls `fire`; one per worker, reused for every run. */
export function timerEntry(fire: (now: number) => void): TimerEntry {
  if (stryMutAct_9fa48("456")) {
    {}
  } else {
    stryCov_9fa48("456");
    return stryMutAct_9fa48("457") ? {} : (stryCov_9fa48("457"), {
      due: 0,
      index: stryMutAct_9fa48("458") ? +1 : (stryCov_9fa48("458"), -1),
      order: 0,
      fire,
      lane: undefined,
      stamp: 0
    });
  }
}

/** The queue that holds a lane in its heap. */
export interface LaneOwner {
  /** After its head left, a lane waits in the heap at its next head's due time, or leaves it. */
  relane(lane: Lane): void;
}

/**
 * A FIFO of entries with non-decreasing due times; the heap holds the lane itself, keyed by its head.
 * A slot is cleared as soon as its entry leaves (fired, cancelled, moved): a removed worker must not
 * stay reachable from a lane that its period's other workers keep alive.
 */
export class Lane implements TimerEntry {
  due: number = 0;
  index: number = stryMutAct_9fa48("459") ? +1 : (stryCov_9fa48("459"), -1);
  order: number = 0;
  lane: Lane | undefined = undefined;
  stamp: number = 0;
  /** The entries in order; `undefined` where one has left. */
  readonly entries: (TimerEntry | undefined)[] = stryMutAct_9fa48("460") ? ["Stryker was here"] : (stryCov_9fa48("460"), []);
  head: number = 0;
  live: number = 0;
  tail: number = stryMutAct_9fa48("461") ? +Infinity : (stryCov_9fa48("461"), -Infinity);
  /** The stamp of `entries[0]`: an entry's slot is `entry.stamp - first`. */
  #first = 1;
  #stamps = 0;
  constructor(readonly queue: LaneOwner, readonly key: number) {}
  push(entry: TimerEntry, due: number): void {
    if (stryMutAct_9fa48("462")) {
      {}
    } else {
      stryCov_9fa48("462");
      entry.due = due;
      entry.lane = this;
      entry.stamp = stryMutAct_9fa48("463") ? --this.#stamps : (stryCov_9fa48("463"), ++this.#stamps);
      this.entries.push(entry);
      this.tail = due;
      stryMutAct_9fa48("464") ? this.live-- : (stryCov_9fa48("464"), this.live++);
    }
  }

  /** Takes `entry` (waiting here) out of its slot. */
  remove(entry: TimerEntry): void {
    if (stryMutAct_9fa48("465")) {
      {}
    } else {
      stryCov_9fa48("465");
      this.entries[stryMutAct_9fa48("466") ? entry.stamp + this.#first : (stryCov_9fa48("466"), entry.stamp - this.#first)] = undefined;
      entry.lane = undefined;
      stryMutAct_9fa48("467") ? this.live++ : (stryCov_9fa48("467"), this.live--);
    }
  }

  /** Empty again: forget the slots. */
  reset(): void {
    if (stryMutAct_9fa48("468")) {
      {}
    } else {
      stryCov_9fa48("468");
      this.entries.length = 0;
      this.head = 0;
      this.#first = stryMutAct_9fa48("469") ? this.#stamps - 1 : (stryCov_9fa48("469"), this.#stamps + 1);
    }
  }

  /** The first entry still waiting here, skipping cleared slots; undefined when none is. */
  peek(): TimerEntry | undefined {
    if (stryMutAct_9fa48("470")) {
      {}
    } else {
      stryCov_9fa48("470");
      const entries = this.entries;
      while (stryMutAct_9fa48("473") ? this.head >= entries.length : stryMutAct_9fa48("472") ? this.head <= entries.length : stryMutAct_9fa48("471") ? false : (stryCov_9fa48("471", "472", "473"), this.head < entries.length)) {
        if (stryMutAct_9fa48("474")) {
          {}
        } else {
          stryCov_9fa48("474");
          const entry = entries[this.head];
          if (stryMutAct_9fa48("477") ? entry === undefined : stryMutAct_9fa48("476") ? false : stryMutAct_9fa48("475") ? true : (stryCov_9fa48("475", "476", "477"), entry !== undefined)) return entry;
          stryMutAct_9fa48("478") ? this.head-- : (stryCov_9fa48("478"), this.head++);
        }
      }
      return undefined;
    }
  }
  shift(): void {
    if (stryMutAct_9fa48("479")) {
      {}
    } else {
      stryCov_9fa48("479");
      this.entries[stryMutAct_9fa48("480") ? this.head-- : (stryCov_9fa48("480"), this.head++)] = undefined;
      // Compact once the consumed prefix is half the array: amortised O(1), memory stays bounded.
      if (stryMutAct_9fa48("483") ? this.head > 1_024 || this.head * 2 > this.entries.length : stryMutAct_9fa48("482") ? false : stryMutAct_9fa48("481") ? true : (stryCov_9fa48("481", "482", "483"), (stryMutAct_9fa48("486") ? this.head <= 1_024 : stryMutAct_9fa48("485") ? this.head >= 1_024 : stryMutAct_9fa48("484") ? true : (stryCov_9fa48("484", "485", "486"), this.head > 1_024)) && (stryMutAct_9fa48("489") ? this.head * 2 <= this.entries.length : stryMutAct_9fa48("488") ? this.head * 2 >= this.entries.length : stryMutAct_9fa48("487") ? true : (stryCov_9fa48("487", "488", "489"), (stryMutAct_9fa48("490") ? this.head / 2 : (stryCov_9fa48("490"), this.head * 2)) > this.entries.length)))) {
        if (stryMutAct_9fa48("491")) {
          {}
        } else {
          stryCov_9fa48("491");
          this.entries.splice(0, this.head);
          stryMutAct_9fa48("492") ? this.#first -= this.head : (stryCov_9fa48("492"), this.#first += this.head);
          this.head = 0;
        }
      }
    }
  }
  fire(now: number): void {
    if (stryMutAct_9fa48("493")) {
      {}
    } else {
      stryCov_9fa48("493");
      const entry = this.peek();
      if (stryMutAct_9fa48("496") ? entry !== undefined : stryMutAct_9fa48("495") ? false : stryMutAct_9fa48("494") ? true : (stryCov_9fa48("494", "495", "496"), entry === undefined)) return;
      // The head this lane was queued for left early (cancelled): wait for the one now in front.
      if (stryMutAct_9fa48("500") ? entry.due <= now : stryMutAct_9fa48("499") ? entry.due >= now : stryMutAct_9fa48("498") ? false : stryMutAct_9fa48("497") ? true : (stryCov_9fa48("497", "498", "499", "500"), entry.due > now)) return this.queue.relane(this);
      this.shift();
      entry.lane = undefined;
      stryMutAct_9fa48("501") ? this.live++ : (stryCov_9fa48("501"), this.live--);
      this.queue.relane(this);
      entry.fire(now);
    }
  }
}