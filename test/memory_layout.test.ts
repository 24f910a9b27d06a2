/**
 * The pieces of the run path whose whole point is memory (issue 20's heap per worker): they are
 * correct only if they also keep what they promise to keep out of the heap, which no behaviour test
 * can see. Each is tested on its own here:
 * - rare_state.ts: a worker's rare fields make no record until one is set to something other than
 *   its default, and read back what was written in either case;
 * - config_intern.ts: workers made alike share one frozen config, and workers that differ in any
 *   option never do;
 * - timer_lane.ts: a lane's FIFO is a ring that a lane of steady size never makes again, grows and
 *   shrinks keeping every entry's slot, and rebases its stamps before they leave the small integers.
 */
import { describe, expect, test } from "vitest";
import { intern } from "../src/core/config_intern.ts";
import { Rare, RareFields } from "../src/core/rare_state.ts";
import { Lane, type LaneOwner, type TimerEntry, timerEntry } from "../src/core/timer_lane.ts";
import type { WorkerConfig } from "../src/core/worker_options.ts";

type Fields = Record<string, unknown> & { rare: Rare | undefined };

/** Every accessor pair of RareFields, with its default (a fresh Rare's field). */
const accessors: [string, unknown][] = Object.entries(Object.getOwnPropertyDescriptors(RareFields.prototype))
  .filter(([, d]) => d.get !== undefined && d.set !== undefined)
  .map(([key]) => [key, (new Rare() as unknown as Record<string, unknown>)[key]]);

/** A value other than the default, of the field's kind. */
function other(value: unknown): unknown {
  if (typeof value === "boolean") return !value;
  if (typeof value === "number") return value + 3;
  return { marker: true };
}

describe("rare_state: the record of rare fields", () => {
  test("covers every field of Rare", () => {
    expect(accessors.map(([key]) => key).sort()).toEqual(Object.keys(new Rare()).sort());
    expect(accessors.length).toBeGreaterThan(10);
  });

  test.each(accessors)("%s: the default on a fresh state, no record for a default, the value back otherwise", (key, fallback) => {
    const s = new RareFields() as unknown as Fields;
    expect(s[key]).toBe(fallback);
    s[key] = fallback;
    expect(s.rare).toBeUndefined();
    expect(s[key]).toBe(fallback);
    const value = other(fallback);
    s[key] = value;
    expect(s.rare).toBeInstanceOf(Rare);
    expect(s[key]).toBe(value);
    // Back to the default while the record exists: stored, not skipped.
    s[key] = fallback;
    expect(s[key]).toBe(fallback);
  });

  test.each(accessors)("%s: written to its default after another field made the record, and read from it", (key, fallback) => {
    const s = new RareFields() as unknown as Fields;
    const [first, firstDefault] = accessors.find(([k]) => k !== key)!;
    s[first] = other(firstDefault);
    expect(s[key]).toBe(fallback);
    const value = other(fallback);
    s[key] = value;
    expect(s[key]).toBe(value);
    expect(s[first]).toEqual(other(firstDefault));
  });
});

/** A config as resolveWorkerOptions makes one, with the defaults of a plain `{ period }` worker. */
function config(overrides: Partial<WorkerConfig> = {}): WorkerConfig {
  return {
    runOnStart: false,
    jitter: undefined,
    timeout: undefined,
    backoff: undefined,
    lease: undefined,
    missed: "once",
    maxCatchup: 10,
    overlap: "buffer-one",
    cron: undefined,
    timezone: undefined,
    mode: "fixed-delay",
    firstDelay: undefined,
    maxRuns: undefined,
    clock: undefined,
    ...overrides,
  };
}

/** One change of each option from the defaults above. */
const changes: [string, Partial<WorkerConfig>][] = [
  ["runOnStart", { runOnStart: true }],
  ["jitter", { jitter: 5 }],
  ["timeout", { timeout: 100 }],
  ["backoff", { backoff: { factor: 2, max: undefined } }],
  ["backoff.factor", { backoff: { factor: 3, max: undefined } }],
  ["backoff.max", { backoff: { factor: 2, max: 1_000 } }],
  ["lease false", { lease: false }],
  ["missed", { missed: "skip" }],
  ["maxCatchup", { missed: "once", maxCatchup: 4 }],
  ["overlap", { overlap: "skip" }],
  ["cron", { cron: "* * * * * *" }],
  ["timezone", { cron: "* * * * * *", timezone: "Europe/Berlin" }],
  ["mode", { mode: "fixed-rate" }],
  ["firstDelay", { firstDelay: 0 }],
  ["maxRuns", { maxRuns: 2 }],
];

describe("config_intern: one config for workers made alike", () => {
  test("alike configs are one frozen object, in a run of them and after another came between", () => {
    const a = intern(config());
    expect(Object.isFrozen(a)).toBe(true);
    expect(intern(config())).toBe(a);
    const b = intern(config({ jitter: 7 }));
    expect(b).not.toBe(a);
    expect(intern(config())).toBe(a);
    expect(intern(config({ jitter: 7 }))).toBe(b);
  });

  test.each(changes)("a config that differs in %s is its own, whichever came first", (_, change) => {
    const plain = intern(config());
    const changed = intern(config(change));
    expect(changed).not.toBe(plain);
    expect(changed).toEqual(config(change));
    // The one interned last is compared first: the other way round too.
    expect(intern(config())).toBe(plain);
    expect(intern(config(change))).toEqual(config(change));
    expect(intern(config(change))).not.toBe(intern(config()));
  });

  /** Two configs that differ in one option only, neither of them the plain one. */
  const pairs: [string, Partial<WorkerConfig>, Partial<WorkerConfig>][] = [
    ["runOnStart", { runOnStart: true, jitter: 3 }, { runOnStart: false, jitter: 3 }],
    ["jitter", { jitter: 3 }, { jitter: 4 }],
    ["timeout", { timeout: 3 }, { timeout: 4 }],
    ["backoff.factor", { backoff: { factor: 2, max: undefined } }, { backoff: { factor: 3, max: undefined } }],
    ["backoff.max", { backoff: { factor: 2, max: 100 } }, { backoff: { factor: 2, max: 200 } }],
    ["missed", { missed: "skip", jitter: 3 }, { missed: "all", jitter: 3 }],
    ["maxCatchup", { missed: "all", maxCatchup: 3 }, { missed: "all", maxCatchup: 4 }],
    ["overlap", { overlap: "skip" }, { overlap: "cancel-previous" }],
    ["cron", { cron: "* * * * * *" }, { cron: "*/2 * * * * *" }],
    ["timezone", { cron: "* * * * * *", timezone: "Europe/Berlin" }, { cron: "* * * * * *", timezone: "Europe/Paris" }],
    ["mode", { mode: "fixed-rate", jitter: 3 }, { mode: "fixed-delay", jitter: 3 }],
    ["firstDelay", { firstDelay: 3 }, { firstDelay: 4 }],
    ["maxRuns", { maxRuns: 3 }, { maxRuns: 4 }],
    ["lease false or none", { lease: false, jitter: 3 }, { lease: undefined, jitter: 3 }],
  ];

  test.each(pairs)("two configs that differ only in %s are two, in either order", (_, a, b) => {
    const first = intern(config(a));
    const second = intern(config(b));
    expect(second).not.toBe(first);
    expect(second).toEqual(config(b));
    expect(intern(config(a))).toEqual(config(a));
    expect(intern(config(b))).toEqual(config(b));
  });

  test("with a lease or a clock a config is never shared (those compare by identity)", () => {
    const store = { acquire: () => Promise.resolve(1), renew: () => Promise.resolve(true), release: () => Promise.resolve() };
    const leased = config({ lease: { store } });
    const a = intern(leased);
    expect(a).toBe(leased);
    expect(Object.isFrozen(a)).toBe(true);
    expect(intern(config({ lease: { store } }))).not.toBe(a);
    const clock = { now: () => 0, epochOffset: () => 0, setTimer: () => 0, clearTimer: () => {} };
    const timed = config({ clock });
    expect(intern(timed)).toBe(timed);
    expect(intern(config({ clock }))).not.toBe(timed);
  });

  test("many distinct configs: each is equal to what was asked, none shared with another", () => {
    const seen = new Set<WorkerConfig>();
    for (let i = 0; i < 1_200; i++) {
      const c = intern(config({ timeout: 1 + i }));
      expect(c.timeout).toBe(1 + i);
      seen.add(c);
    }
    expect(seen.size).toBe(1_200);
  });
});

describe("timer_lane: the FIFO of one period", () => {
  const owner: LaneOwner = { relane: () => {} } as unknown as LaneOwner;
  const entries = (n: number) => Array.from({ length: n }, () => timerEntry(() => {}));
  /**
   * `rounds` runs of the lane's workers, as the queue makes them: the lane fires its head (which
   * must be the next of `order`), and the worker comes back at the tail. `each` looks after each.
   */
  const cycle = (lane: Lane, order: readonly TimerEntry[], rounds: number, each = () => {}): void => {
    let due = lane.tail;
    for (let round = 0; round < rounds; round++) {
      const head = lane.peek()!;
      expect(head).toBe(order[round % order.length]);
      lane.fire(Infinity);
      expect(head.lane).toBeUndefined();
      lane.push(head, ++due);
      each();
    }
  };
  /** Takes every entry out of the lane, in order. */
  const drain = (lane: Lane): TimerEntry[] => {
    const order: TimerEntry[] = [];
    for (let e = lane.peek(); e !== undefined; e = lane.peek()) {
      order.push(e);
      lane.shift();
    }
    return order;
  };

  test("a lane of steady size cycles through one ring: no slot array is made again", () => {
    const lane = new Lane(owner, 1_000);
    const all = entries(3_000);
    all.forEach((e, i) => lane.push(e, i));
    const capacity = lane.capacity;
    expect(capacity).toBe(4_096);
    // Ten cycles of a period: every entry leaves and comes back in order, as a worker's runs do.
    cycle(lane, all, 10 * all.length);
    expect(lane.capacity).toBe(capacity);
    expect(lane.live).toBe(3_000);
    expect(lane.span).toBe(3_000);
  });

  test("grows by doubling while it holds more slots than it has, and every entry keeps its slot", () => {
    const lane = new Lane(owner, 1_000);
    const all = entries(40);
    // Start mid-ring, so that the grown ring has wrapped entries to move.
    for (const e of all.slice(0, 10)) lane.push(e, 0);
    for (let i = 0; i < 10; i++) lane.shift();
    all.slice(10).forEach((e, i) => lane.push(e, i));
    expect(lane.capacity).toBe(32);
    expect(lane.span).toBe(30);
    for (let i = 0; i < 30; i++) lane.push(timerEntry(() => {}), 100 + i);
    expect(lane.capacity).toBe(64);
    // Removing one clears its own slot: the others stay in order.
    lane.remove(all[11]!);
    const order = drain(lane);
    expect(order.slice(0, 29)).toEqual([all[10], ...all.slice(12)]);
    expect(order.length).toBe(59);
  });

  test("a lane most of whose entries left gives its ring back by halves, keeping the order", () => {
    const lane = new Lane(owner, 1_000);
    const all = entries(4_096);
    all.forEach((e, i) => lane.push(e, i));
    expect(lane.capacity).toBe(4_096);
    // 4,000 workers go away; the 96 left keep running, in order.
    const left = all.filter((_, i) => i % 40 < 1 || i >= 4_000);
    for (const e of all) if (!left.includes(e)) lane.remove(e);
    expect(lane.live).toBe(left.length);
    cycle(lane, left, 3 * left.length);
    // Halved while a quarter or less was in use, down to 1,024 slots, and not below.
    expect(lane.capacity).toBe(1_024);
    expect(lane.live).toBe(left.length);
  });

  test("a lane that empties lets its grown ring go", () => {
    const lane = new Lane(owner, 1_000);
    const all = entries(100);
    all.forEach((e, i) => lane.push(e, i));
    expect(lane.capacity).toBe(128);
    for (const e of all) lane.remove(e);
    lane.reset();
    expect(lane.capacity).toBe(16);
    expect(lane.span).toBe(0);
    lane.push(all[0]!, 0);
    expect(lane.peek()).toBe(all[0]);
  });

  test("stamps are rebased before they leave the small integers, and each entry keeps its slot", () => {
    const lane = new Lane(owner, 1_000, 64);
    const all = entries(10);
    all.forEach((e, i) => lane.push(e, i));
    // Cycle past the limit several times over: stamps stay below it, order holds.
    cycle(lane, all, 500, () => {
      for (const e of all) expect(e.stamp).toBeLessThanOrEqual(64);
    });
    lane.remove(all[3]!);
    expect(all[3]!.lane).toBeUndefined();
    expect(drain(lane)).toEqual([...all.slice(0, 3), ...all.slice(4)]);
  });
});
