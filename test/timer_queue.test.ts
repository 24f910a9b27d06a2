import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { MAX_DELAY, type TimerEntry, timerEntry, TimerQueue } from "../src/core/timer_queue.ts";
import { FakeClock } from "./cluster_harness.ts";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function recorder(): { fired: string[]; entry: (label: string) => TimerEntry } {
  const fired: string[] = [];
  return { fired, entry: (label) => timerEntry(() => fired.push(label)) };
}

describe("timer queue", () => {
  test("fires entries in due order, ties first-scheduled first", () => {
    const q = new TimerQueue();
    const { fired, entry } = recorder();
    const now = performance.now();
    q.schedule(entry("c"), now + 30);
    q.schedule(entry("a"), now + 10);
    q.schedule(entry("b1"), now + 20);
    q.schedule(entry("b2"), now + 20);
    vi.advanceTimersByTime(30);
    expect(fired).toEqual(["a", "b1", "b2", "c"]);
    expect(q.size).toBe(0);
  });

  test("keeps one pending setTimeout whatever the number of entries, and none when empty", () => {
    const q = new TimerQueue();
    const now = performance.now();
    const entries = Array.from({ length: 500 }, () => timerEntry(() => {}));
    entries.forEach((e, i) => q.schedule(e, now + 1 + (i % 50)));
    expect(vi.getTimerCount()).toBe(1);
    for (const e of entries) q.cancel(e);
    expect(q.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(q.armed).toBe(false);
  });

  test("moving an entry earlier re-arms; cancel removes it from any position", () => {
    const q = new TimerQueue();
    const { fired, entry } = recorder();
    const now = performance.now();
    const a = entry("a");
    const b = entry("b");
    const c = entry("c");
    q.schedule(a, now + 100);
    q.schedule(b, now + 200);
    q.schedule(c, now + 300);
    q.schedule(c, now + 50);
    q.cancel(b);
    vi.advanceTimersByTime(60);
    expect(fired).toEqual(["c"]);
    vi.advanceTimersByTime(1000);
    expect(fired).toEqual(["c", "a"]);
  });

  test("delays past 2^31-1 ms are waited in chunks and never fire early", () => {
    const q = new TimerQueue();
    const { fired, entry } = recorder();
    const due = performance.now() + MAX_DELAY + 5_000;
    q.schedule(entry("late"), due);
    vi.advanceTimersByTime(MAX_DELAY);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(4_999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(["late"]);
  });

  test("an entry scheduled from inside fire() for later waits for its own time", () => {
    const q = new TimerQueue();
    const times: number[] = [];
    const start = performance.now();
    const e: TimerEntry = timerEntry((now) => {
      times.push(now - start);
      if (times.length < 3) q.schedule(e, now + 10);
    });
    q.schedule(e, start + 10);
    vi.advanceTimersByTime(100);
    expect(times).toEqual([10, 20, 30]);
  });

  test("matches a sorted reference under random schedule, move and cancel", () => {
    const q = new TimerQueue();
    let seed = 42;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const fired: number[] = [];
    const base = performance.now();
    const entries = Array.from({ length: 200 }, (_, i) => timerEntry(() => fired.push(i)));
    const due = new Map<number, number>();
    for (let step = 0; step < 2_000; step++) {
      const i = rand(entries.length);
      if (rand(4) === 0) {
        q.cancel(entries[i]!);
        due.delete(i);
      } else {
        const d = base + 1 + rand(1_000);
        q.schedule(entries[i]!, d);
        due.set(i, d);
      }
    }
    vi.advanceTimersByTime(2_000);
    const expected = [...due.entries()].sort((x, y) => x[1] - y[1]).map(([i]) => i);
    // Equal due times fire first-scheduled first; compare as due times to ignore tie order.
    expect(fired.map((i) => due.get(i))).toEqual(expected.map((i) => due.get(i)));
    expect(new Set(fired)).toEqual(new Set(expected));
  });

  test("the tie-breaking order is renumbered before it leaves the small integers; ties still fire first-scheduled first", () => {
    // A limit of 16 instead of 2^29: the same renumbering, reached after a few inserts.
    const q = new TimerQueue(undefined, 16);
    const { fired, entry } = recorder();
    const now = performance.now();
    const ties = Array.from({ length: 10 }, (_, i) => entry(`t${i}`));
    const others = Array.from({ length: 5 }, (_, i) => entry(`o${i}`));
    // Moves of the other entries push the counter past the limit several times over.
    for (let round = 0; round < 20; round++) {
      for (const [i, o] of others.entries()) q.schedule(o, now + 50 + ((round + i) % 7));
      if (round === 3) ties.slice(0, 5).forEach((t) => q.schedule(t, now + 20));
      if (round === 11) ties.slice(5).forEach((t) => q.schedule(t, now + 20));
    }
    for (const e of [...ties, ...others]) expect(e.order).toBeLessThan(16);
    vi.advanceTimersByTime(100);
    expect(fired.slice(0, 10)).toEqual(ties.map((_, i) => `t${i}`));
    expect(fired.slice(10).sort()).toEqual(["o0", "o1", "o2", "o3", "o4"]);
  });

  test("lanes: entries with a lane key fire in due order mixed with heap entries, under random moves and cancels", () => {
    const q = new TimerQueue();
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const fired: number[] = [];
    const firedAt: number[] = [];
    const base = performance.now();
    const entries = Array.from({ length: 300 }, (_, i) => timerEntry((now) => (fired.push(i), firedAt.push(now))));
    const due = new Map<number, number>();
    let t = base;
    for (let step = 0; step < 3_000; step++) {
      const i = rand(entries.length);
      if (rand(5) === 0) {
        q.cancel(entries[i]!);
        due.delete(i);
      } else {
        // Mostly increasing due times per lane (the common case), sometimes out of order.
        t += rand(3);
        const d = rand(4) === 0 ? base + 1 + rand(4_000) : t + 1;
        const lane = rand(4) === 0 ? undefined : 100 * (1 + rand(3));
        q.schedule(entries[i]!, d, lane);
        due.set(i, d);
      }
    }
    expect(q.size).toBe(due.size);
    for (const [i] of due) expect(q.has(entries[i]!)).toBe(true);
    vi.advanceTimersByTime(20_000);
    const expected = [...due.entries()].sort((x, y) => x[1] - y[1]);
    expect(fired.map((i) => due.get(i))).toEqual(expected.map(([, d]) => d));
    expect(new Set(fired)).toEqual(new Set(expected.map(([i]) => i)));
    // Never early: each entry fired at or after its due time.
    fired.forEach((i, k) => expect(firedAt[k]).toBeGreaterThanOrEqual(due.get(i)!));
    expect(q.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  test("lanes: cancelling every entry of a lane leaves no timer, and a re-scheduled entry fires once", () => {
    const q = new TimerQueue();
    const { fired, entry } = recorder();
    const now = performance.now();
    const es = ["a", "b", "c"].map((l) => entry(l));
    es.forEach((e, i) => q.schedule(e, now + 10 + i, 1_000));
    expect(vi.getTimerCount()).toBe(1);
    for (const e of es) q.cancel(e);
    expect(vi.getTimerCount()).toBe(0);
    q.schedule(es[0]!, now + 5, 1_000);
    q.schedule(es[0]!, now + 50, 1_000);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(["a"]);
  });
});

describe("timer queue: entries that come due during a batch", () => {
  // FakeClock (cluster_harness.ts) fires each timer at its due time; a run may move `t` on, as a
  // run that takes time would.
  test("run in the same timeout, with the time read after the batch, not one timer later", async () => {
    const fake = new FakeClock();
    const q = new TimerQueue(fake.queueClock);
    const seen: [string, number][] = [];
    // a's run takes 2 ms: b and c come due during it; d is due after the batch.
    q.schedule(timerEntry((now) => {
      seen.push(["a", now]);
      fake.t += 2;
    }), 10);
    q.schedule(timerEntry((now) => seen.push(["b", now])), 10.5);
    q.schedule(timerEntry((now) => seen.push(["c", now])), 12);
    q.schedule(timerEntry((now) => seen.push(["d", now])), 12.5);
    await fake.advance(10);
    expect(seen).toEqual([["a", 10], ["b", 12], ["c", 12]]);
    expect(q.size).toBe(1);
    expect(q.armed).toBe(true);
  });

  test("at most 4 rounds a timeout: an entry due again at once (sub-millisecond period) waits for the next timer", async () => {
    const fake = new FakeClock();
    const q = new TimerQueue(fake.queueClock);
    let runs = 0;
    const entry: TimerEntry = timerEntry((now) => {
      runs++;
      fake.t += 0.5;
      q.schedule(entry, now + 0.25);
    });
    q.schedule(entry, 1);
    await fake.advance(1);
    expect(runs).toBe(4);
    expect(q.armed).toBe(true);
    await fake.advance(2);
    expect(runs).toBe(8);
    q.cancel(entry);
  });

  test("a clock that stands still during the batch (a test clock) runs only what was due when it fired", async () => {
    const fake = new FakeClock();
    const q = new TimerQueue(fake.queueClock);
    const fired: string[] = [];
    q.schedule(timerEntry(() => fired.push("a")), 10);
    q.schedule(timerEntry(() => fired.push("b")), 10.5);
    await fake.advance(10);
    expect(fired).toEqual(["a"]);
  });
});
