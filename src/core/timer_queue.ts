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

import { type Clock, MAX_DELAY, realClock } from "./clock.ts";
import { Lane, type TimerEntry } from "./timer_lane.ts";

export { MAX_DELAY } from "./clock.ts";
export { type TimerEntry, timerEntry } from "./timer_lane.ts";

/** Batches one timeout runs at most: the entries due when it fired, then those that came due since. */
const MAX_ROUNDS = 4;
/**
 * The tie-breaking order is renumbered before it passes this. It counts every insert (a lane goes
 * back into the heap after each run of its period), so at 100,000 runs a second it would pass the
 * small-integer range within hours, and every entry's `order` would turn into a boxed number.
 */
const MAX_ORDER = 2 ** 29;

/** A min-heap of {@link TimerEntry} driven by one timer of its clock. */
export class TimerQueue {
  readonly #clock: Clock;
  readonly #heap: TimerEntry[] = [];
  readonly #lanes = new Map<number, Lane>();
  #lastLane: Lane | undefined = undefined;
  /** Lanes with an entry waiting. */
  #activeLanes = 0;
  #timer: unknown = undefined;
  /** When the pending timeout fires (monotonic); Infinity when none is pending. */
  #armedAt = Infinity;
  #firing = false;
  #order = 0;
  readonly #maxOrder: number;
  #epochOffset = 0;

  /** A queue on `clock` (the real one by default); `maxOrder` is lowered by tests only. */
  constructor(clock: Clock = realClock, maxOrder: number = MAX_ORDER) {
    this.#clock = clock;
    this.#maxOrder = maxOrder;
  }

  /** The clock's monotonic time. */
  now(): number {
    return this.#clock.now();
  }

  /** The clock this queue runs on. */
  get clock(): Clock {
    return this.#clock;
  }

  /** Entries waiting. */
  get size(): number {
    let size = 0;
    for (const entry of this.#heap) size += entry instanceof Lane ? entry.live : 1;
    return size;
  }

  /** True while `entry` waits in this queue. */
  has(entry: TimerEntry): boolean {
    return entry.index >= 0 || entry.lane !== undefined;
  }

  /** True while a `setTimeout` is pending. */
  get armed(): boolean {
    return this.#timer !== undefined;
  }

  /**
   * `Date.now() - performance.now()` as read at the start of the current batch, so that a run can
   * turn monotonic times into epoch times without reading the clock again.
   */
  get epochOffset(): number {
    return this.#firing ? this.#epochOffset : this.#clock.epochOffset();
  }

  /**
   * Queues `entry` at `due`, or moves it there if it is queued already. Entries scheduled with the
   * same `lane` key (a worker's period) share a FIFO lane while their due times arrive in order.
   */
  schedule(entry: TimerEntry, due: number, lane?: number): void {
    if (entry.lane !== undefined) this.#unlane(entry);
    if (lane !== undefined && entry.index < 0) {
      // Consecutive schedules mostly use one period: skip the map for the lane used last.
      let l = this.#lastLane?.key === lane ? this.#lastLane : this.#lanes.get(lane);
      if (l === undefined) this.#lanes.set(lane, l = new Lane(this, lane));
      this.#lastLane = l;
      if (due >= l.tail || l.live === 0) {
        if (l.live === 0) {
          l.tail = -Infinity;
          this.#activeLanes++;
        }
        l.push(entry, due);
        if (l.index < 0) this.#insert(l, due);
        else if (!this.#firing) this.#arm();
        return;
      }
    }
    this.#insert(entry, due);
  }

  /** After its head left, a lane waits in the heap at its next head's due time, or leaves it. */
  relane(l: Lane): void {
    const next = l.peek();
    if (next === undefined) return this.#emptied(l);
    this.#insert(l, next.due);
  }

  #unlane(entry: TimerEntry): void {
    const l = entry.lane as Lane;
    l.remove(entry);
    if (l.live === 0) this.#emptied(l);
  }

  /**
   * A lane has no entry left. It stays for the next worker of its period, but empty lanes are
   * swept once they outnumber the others: periods that vary (jittered, changed often) would
   * otherwise leave one lane each behind, for ever.
   */
  #emptied(l: Lane): void {
    l.reset();
    if (l.index >= 0) this.cancel(l);
    const lanes = this.#lanes;
    if (lanes.size <= 2 * --this.#activeLanes + 16) return;
    for (const [key, lane] of lanes) if (lane.live === 0) lanes.delete(key);
    this.#lastLane = undefined;
  }

  /** Lanes kept (for tests of their clean-up). */
  get lanes(): number {
    return this.#lanes.size;
  }

  #insert(entry: TimerEntry, due: number): void {
    const heap = this.#heap;
    if (this.#order >= this.#maxOrder) this.#renumber();
    if (entry.index < 0) {
      entry.due = due;
      entry.order = this.#order++;
      entry.index = heap.length;
      heap.push(entry);
      this.#up(entry.index);
    } else {
      const earlier = due < entry.due;
      entry.due = due;
      entry.order = this.#order++;
      if (earlier) this.#up(entry.index);
      else this.#down(entry.index);
    }
    if (!this.#firing) this.#arm();
  }

  /** Takes `entry` out of the queue; nothing happens if it is not queued. */
  cancel(entry: TimerEntry): void {
    if (entry.lane !== undefined) return this.#unlane(entry);
    const i = entry.index;
    if (i < 0) return;
    const heap = this.#heap;
    const last = heap.pop() as TimerEntry;
    entry.index = -1;
    if (last !== entry) {
      heap[i] = last;
      last.index = i;
      this.#down(i);
      this.#up(last.index);
    }
    // A timer armed for a later entry may stay and wake once for nothing; an empty queue must not
    // keep one, or the process could not exit.
    if (heap.length === 0 && !this.#firing) this.#disarm();
  }

  #disarm(): void {
    if (this.#timer !== undefined) {
      this.#clock.clearTimer(this.#timer);
      this.#timer = undefined;
    }
    this.#armedAt = Infinity;
  }

  #arm(): void {
    const top = this.#heap[0];
    if (top === undefined) return this.#disarm();
    // Armed already for this due time or an earlier one: a timer counts whole ms, so one armed for a
    // due time with a fraction fires at its ceiling, under 1 ms after it; re-arming would not be sooner.
    if (this.#timer !== undefined && this.#armedAt < top.due + 1) return;
    const clock = this.#clock;
    if (this.#timer !== undefined) clock.clearTimer(this.#timer);
    const now = clock.now();
    // Whole milliseconds, rounded up: timers count whole ms, and rounding down would wake early.
    const delay = Math.min(Math.max(0, Math.ceil(top.due - now)), MAX_DELAY);
    this.#armedAt = now + delay;
    this.#timer = clock.setTimer(this.#onTimeout, delay);
  }

  readonly #onTimeout = (): void => {
    this.#timer = undefined;
    this.#armedAt = Infinity;
    const heap = this.#heap;
    const clock = this.#clock;
    let now = clock.now();
    this.#epochOffset = clock.epochOffset();
    this.#firing = true;
    try {
      for (let round = 1;; round++) {
        let top = heap[0];
        while (top !== undefined && top.due <= now) {
          this.#pop();
          top.fire(now);
          top = heap[0];
        }
        // What came due while this batch ran goes now, not one timer later: a timer of 0 or 1 ms
        // fires 1 ms later on Node and Bun and 2 ms later on Deno, and with fixed delay every run's
        // wait for it adds to its interval (measured: p50 error 3.2 -> 2.1 ms on Deno, 1.5 -> 0.85 on
        // Bun, at 100,000 workers). Bounded, so that sub-millisecond periods cannot hold the loop.
        if (top === undefined || round === MAX_ROUNDS) break;
        const later = clock.now();
        if (top.due > later) break;
        now = later;
      }
    } finally {
      this.#firing = false;
      this.#arm();
    }
  };

  /** Gives the entries waiting the orders 0, 1, 2... in their present order: the heap stays as it is. */
  #renumber(): void {
    const byOrder = this.#heap.slice().sort((a, b) => a.order - b.order);
    byOrder.forEach((entry, i) => entry.order = i);
    this.#order = byOrder.length;
  }

  #pop(): void {
    const heap = this.#heap;
    const top = heap[0] as TimerEntry;
    const last = heap.pop() as TimerEntry;
    top.index = -1;
    if (last !== top) {
      heap[0] = last;
      last.index = 0;
      this.#down(0);
    }
  }

  #up(i: number): void {
    const heap = this.#heap;
    const entry = heap[i] as TimerEntry;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p] as TimerEntry;
      if (!before(entry, parent)) break;
      heap[i] = parent;
      parent.index = i;
      i = p;
    }
    heap[i] = entry;
    entry.index = i;
  }

  #down(i: number): void {
    const heap = this.#heap;
    const n = heap.length;
    const entry = heap[i] as TimerEntry;
    for (;;) {
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
    heap[i] = entry;
    entry.index = i;
  }
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.due < b.due || (a.due === b.due && a.order < b.order);
}
