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
  /** The entry's slot in its lane. Owned by the queue. */
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

/** The smallest ring a lane keeps: a power of two, as every ring size is. */
const MIN_RING = 16;
/** A ring larger than this halves once a quarter of it or less is in use. */
const SHRINK_ABOVE = 1_024;
/**
 * Stamps are rebased (by a multiple of the ring's size, which moves no slot) before they pass this:
 * a counter bumped once a run passes the small-integer range within hours at 100,000 runs a second,
 * and every entry's stamp field would then turn into a boxed number.
 */
const MAX_STAMP = 2 ** 29;

/** `n` empty slots, in a packed array (one made with `new Array(n)` stays holey, a slower kind). */
function slots(n: number): (TimerEntry | undefined)[] {
  const ring: (TimerEntry | undefined)[] = [];
  for (let i = 0; i < n; i++) ring.push(undefined);
  return ring;
}

/**
 * A FIFO of entries with non-decreasing due times; the heap holds the lane itself, keyed by its head.
 * A slot is cleared as soon as its entry leaves (fired, cancelled, moved): a removed worker must not
 * stay reachable from a lane that its period's other workers keep alive.
 *
 * The slots are a ring whose size is a power of two, addressed by stamp: entry `stamp` sits at
 * `stamp & mask`. It doubles when full and halves when a quarter of it or less is in use, so a
 * lane of steady size allocates nothing per run: an array used as a queue is reallocated and trimmed
 * again in every cycle of its entries (measured on Node at 10,000 workers: about 30 B a run, in
 * arrays large enough to go to the old generation and bring on its collections).
 */
export class Lane implements TimerEntry {
  due: number = 0;
  index: number = -1;
  order: number = 0;
  lane: Lane | undefined = undefined;
  stamp: number = 0;
  /** Entries still waiting here. */
  live: number = 0;
  /** The due time of the last entry pushed. */
  tail: number = -Infinity;
  #ring: (TimerEntry | undefined)[] = slots(MIN_RING);
  #mask = MIN_RING - 1;
  /** The stamp of the first slot not yet consumed. */
  #head = 0;
  /** The stamp the next entry pushed gets. */
  #next = 0;
  readonly queue: LaneOwner;
  readonly key: number;
  readonly #maxStamp: number;
  /**
   * A lane of the entries scheduled with `key` (their period); `maxStamp` is lowered by tests only.
   * No parameter properties: they make Deno's emit box every store of `due` and `tail` (see
   * PeriodicState's constructor).
   */
  constructor(queue: LaneOwner, key: number, maxStamp: number = MAX_STAMP) {
    this.queue = queue;
    this.key = key;
    this.#maxStamp = maxStamp;
  }

  /** Slots the ring has (for tests of its growth). */
  get capacity(): number {
    return this.#ring.length;
  }

  /** Slots from the first not consumed to the last pushed, cleared ones included. */
  get span(): number {
    return this.#next - this.#head;
  }

  push(entry: TimerEntry, due: number): void {
    const span = this.#next - this.#head;
    const size = this.#ring.length;
    if (span === size) this.#resize(size * 2);
    // A lane most of whose workers went away gives the room back, by halves (it grows again at full).
    else if (span * 4 <= size && size > SHRINK_ABOVE) this.#resize(size / 2);
    if (this.#next >= this.#maxStamp) this.#rebase();
    const stamp = this.#next++;
    this.#ring[stamp & this.#mask] = entry;
    entry.due = due;
    entry.lane = this;
    entry.stamp = stamp;
    this.tail = due;
    this.live++;
  }

  /** Takes `entry` (waiting here) out of its slot. */
  remove(entry: TimerEntry): void {
    this.#ring[entry.stamp & this.#mask] = undefined;
    entry.lane = undefined;
    this.live--;
  }

  /** Empty again (every slot is cleared by then): a ring grown for many entries is let go. */
  reset(): void {
    this.#head = this.#next = 0;
    if (this.#ring.length > MIN_RING) {
      this.#ring = slots(MIN_RING);
      this.#mask = MIN_RING - 1;
    }
  }

  /** The first entry still waiting here, skipping cleared slots; undefined when none is. */
  peek(): TimerEntry | undefined {
    const ring = this.#ring;
    const mask = this.#mask;
    while (this.#head < this.#next) {
      const entry = ring[this.#head & mask];
      if (entry !== undefined) return entry;
      this.#head++;
    }
    return undefined;
  }

  shift(): void {
    this.#ring[this.#head++ & this.#mask] = undefined;
  }

  /** A ring of `size` slots (at least the span); each waiting entry keeps its stamp and moves to its slot in it. */
  #resize(size: number): void {
    const old = this.#ring;
    const oldMask = this.#mask;
    const ring = slots(size);
    const mask = ring.length - 1;
    for (let stamp = this.#head; stamp < this.#next; stamp++) ring[stamp & mask] = old[stamp & oldMask];
    this.#ring = ring;
    this.#mask = mask;
  }

  /** Lowers every stamp by the same multiple of the ring's size: each entry keeps its slot. */
  #rebase(): void {
    const shift = this.#head - (this.#head & this.#mask);
    const ring = this.#ring;
    for (const entry of ring) if (entry !== undefined) entry.stamp -= shift;
    this.#head -= shift;
    this.#next -= shift;
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
