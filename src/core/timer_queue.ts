/**
 * One timer for any number of workers: a binary min-heap of due times and a single pending
 * `setTimeout` for the earliest. Measured on Node, Deno and Bun, this beats one runtime timer per
 * task at 100,000 tasks (see shared performance notes), and it makes "no timer left behind" a
 * property of one object instead of every worker.
 * @module
 */

/** setTimeout's delay is a signed 32-bit integer; longer delays fire at once on every runtime. */
export const MAX_DELAY: number = 2 ** 31 - 1;

/** Something the queue calls when its due time (monotonic ms, `performance.now()`) has come. */
export interface TimerEntry {
  /** Monotonic due time. Written by the queue; read it, do not set it. */
  due: number;
  /** Position in the heap, -1 when not queued. Owned by the queue. */
  index: number;
  /** Tie-breaker among equal due times: first scheduled, first fired. Owned by the queue. */
  order: number;
  /** Called once per scheduling, with the batch's clock reading. Must not throw. */
  fire(now: number): void;
}

/** Creates an entry whose `fire` calls `fire`; one per worker, reused for every run. */
export function timerEntry(fire: (now: number) => void): TimerEntry {
  return { due: 0, index: -1, order: 0, fire };
}

/** A min-heap of {@link TimerEntry} driven by one `setTimeout`. */
export class TimerQueue {
  readonly #heap: TimerEntry[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** When the pending timeout fires (monotonic); Infinity when none is pending. */
  #armedAt = Infinity;
  #firing = false;
  #order = 0;
  #epochOffset = 0;

  /** Entries waiting. */
  get size(): number {
    return this.#heap.length;
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
    return this.#firing ? this.#epochOffset : Date.now() - performance.now();
  }

  /** Queues `entry` at `due`, or moves it there if it is queued already. */
  schedule(entry: TimerEntry, due: number): void {
    const heap = this.#heap;
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
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    this.#armedAt = Infinity;
  }

  #arm(): void {
    const top = this.#heap[0];
    if (top === undefined) return this.#disarm();
    if (this.#timer !== undefined && this.#armedAt <= top.due) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const now = performance.now();
    // Whole milliseconds, rounded up: timers count whole ms, and rounding down would wake early.
    const delay = Math.min(Math.max(0, Math.ceil(top.due - now)), MAX_DELAY);
    this.#armedAt = now + delay;
    this.#timer = setTimeout(this.#onTimeout, delay);
  }

  readonly #onTimeout = (): void => {
    this.#timer = undefined;
    this.#armedAt = Infinity;
    const heap = this.#heap;
    const now = performance.now();
    this.#epochOffset = Date.now() - now;
    this.#firing = true;
    try {
      let top = heap[0];
      while (top !== undefined && top.due <= now) {
        this.#pop();
        top.fire(now);
        top = heap[0];
      }
    } finally {
      this.#firing = false;
      this.#arm();
    }
  };

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
