/**
 * Timer entries, and the lanes that hold many of them: workers with the same period re-schedule
 * themselves in the order they ran, so their due times arrive sorted. Such entries wait in a FIFO
 * lane (one per period) instead of the heap, and only the lane's head sits in the heap: a tick
 * then costs O(1) instead of an O(log n) pop and push through 100,000 scattered entries.
 * @module
 */

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
  /** The lane holding the entry, when it waits in one rather than in the heap. Owned by the queue. */
  lane: Lane | undefined;
  /** Which lane slot is current for this entry; older slots of it are stale. Owned by the queue. */
  stamp: number;
}

/** Creates an entry whose `fire` calls `fire`; one per worker, reused for every run. */
export function timerEntry(fire: (now: number) => void): TimerEntry {
  return { due: 0, index: -1, order: 0, fire, lane: undefined, stamp: 0 };
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
  index: number = -1;
  order: number = 0;
  lane: Lane | undefined = undefined;
  stamp: number = 0;
  /** The entries in order; `undefined` where one has left. */
  readonly entries: (TimerEntry | undefined)[] = [];
  head: number = 0;
  live: number = 0;
  tail: number = -Infinity;
  /** The stamp of `entries[0]`: an entry's slot is `entry.stamp - first`. */
  #first = 1;
  #stamps = 0;
  constructor(readonly queue: LaneOwner, readonly key: number) {}

  push(entry: TimerEntry, due: number): void {
    entry.due = due;
    entry.lane = this;
    entry.stamp = ++this.#stamps;
    this.entries.push(entry);
    this.tail = due;
    this.live++;
  }

  /** Takes `entry` (waiting here) out of its slot. */
  remove(entry: TimerEntry): void {
    this.entries[entry.stamp - this.#first] = undefined;
    entry.lane = undefined;
    this.live--;
  }

  /** Empty again: forget the slots. */
  reset(): void {
    this.entries.length = 0;
    this.head = 0;
    this.#first = this.#stamps + 1;
  }

  /** The first entry still waiting here, skipping cleared slots; undefined when none is. */
  peek(): TimerEntry | undefined {
    const entries = this.entries;
    while (this.head < entries.length) {
      const entry = entries[this.head];
      if (entry !== undefined) return entry;
      this.head++;
    }
    return undefined;
  }

  shift(): void {
    this.entries[this.head++] = undefined;
    // Compact once the consumed prefix is half the array: amortised O(1), memory stays bounded.
    if (this.head > 1_024 && this.head * 2 > this.entries.length) {
      // In place: splice would also build an array of the removed half (50,000 slots at 100,000
      // workers of one period), and on Bun it took 3 % of the run path's time.
      const entries = this.entries;
      entries.copyWithin(0, this.head);
      entries.length -= this.head;
      this.#first += this.head;
      this.head = 0;
    }
  }

  fire(now: number): void {
    const entry = this.peek();
    if (entry === undefined) return;
    // The head this lane was queued for left early (cancelled): wait for the one now in front.
    if (entry.due > now) return this.queue.relane(this);
    this.shift();
    entry.lane = undefined;
    this.live--;
    this.queue.relane(this);
    entry.fire(now);
  }
}
