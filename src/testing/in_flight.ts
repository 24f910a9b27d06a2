/**
 * What a TestClock waits for: the runs in flight on its workers, counted through the observer the
 * manager adds for the clock, and waited for in real time.
 * @module
 */
import type { RunEndEvent, RunEvent, RunObserver } from "../core/observer.ts";

// Taken when this module loads: fake timers installed later (vitest's) do not catch the real waits.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;
const realSetImmediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
const realNow = performance.now.bind(performance);

/** One real macrotask: promise chains, I/O callbacks and runs started on a microtask get their turn. */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => void (realSetImmediate === undefined ? realSetTimeout(resolve, 0) : realSetImmediate(resolve)));
}

const keyOf = (event: RunEvent): string => `${event.worker}\u0000${event.run}\u0000${event.startedAt}`;

/** The runs in flight on a clock's workers, and the wait for them. */
export class InFlight {
  /** By worker, run and start; counted, as two managers may have workers of one name. */
  readonly #running = new Map<string, { worker: string; run: number; count: number }>();
  #count = 0;
  /** Calls of the clock's sleep() under way: a run waiting there waits on virtual time. */
  sleeping = 0;
  readonly #wakers = new Set<() => void>();

  /** What the manager adds to its observers. */
  readonly observer: RunObserver = {
    started: (event) => this.#started(event),
    settled: (event) => this.#settled(event),
  };

  /** Runs in flight. */
  get count(): number {
    return this.#count;
  }

  /** Something changed that a wait may be waiting for. */
  wake(): void {
    for (const wake of this.#wakers) wake();
  }

  /**
   * Lets what started run on: a real macrotask, `fireDue()` while it fires something, then, while
   * runs are in flight that do not all wait in sleep(), waits for each to settle, under `timeout`
   * ms of real time.
   */
  async settle(call: string, timeout: number, fireDue: () => boolean): Promise<void> {
    const deadline = realNow() + timeout;
    for (;;) {
      await macrotask();
      if (fireDue()) continue;
      if (this.#count <= this.sleeping) return;
      const left = deadline - realNow();
      if (left <= 0) {
        const runs = Array.from(this.#running.values(), (r) => `${r.worker} run ${r.run}`).join(", ");
        throw new Error(
          `${call}: runs still in flight after ${timeout} ms of real time: ${runs} (their doWork awaits something that has not settled; TestClock option "settleTimeout" sets the limit)`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          realClearTimeout(timer);
          this.#wakers.delete(wake);
          resolve();
        };
        const timer = realSetTimeout(wake, left);
        this.#wakers.add(wake);
      });
    }
  }

  #started(event: RunEvent): void {
    const key = keyOf(event);
    const entry = this.#running.get(key);
    if (entry === undefined) this.#running.set(key, { worker: event.worker, run: event.run, count: 1 });
    else entry.count++;
    this.#count++;
  }

  #settled(event: RunEndEvent): void {
    const key = keyOf(event);
    const entry = this.#running.get(key);
    if (entry === undefined) return;
    if (--entry.count === 0) this.#running.delete(key);
    this.#count--;
    this.wake();
  }
}
