/**
 * Model-based test of the timer queue: random schedules, moves, cancels, lanes, re-schedules from
 * inside `fire()` and time advances, checked after every command against a naive list of due
 * times. Runs a few hundred sequences in `npm test`; `FUZZ_RUNS=n` (`npm run fuzz`) runs more.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Clock } from "../src/core/clock.ts";
import { MAX_DELAY, type TimerEntry, timerEntry, TimerQueue } from "../src/core/timer_queue.ts";
import { fuzzParams, fuzzRuns, fuzzTimeout } from "./property_runs.ts";

/** A clock that moves only when told to, and shows its pending timers. */
class ManualClock implements Clock {
  time = 1_000;
  readonly timers: Map<number, { at: number; callback: () => void }> = new Map();
  /** setTimer calls so far. */
  sets = 0;
  #ids = 0;
  now(): number {
    return this.time;
  }
  epochOffset(): number {
    return 1_700_000_000_000;
  }
  setTimer(callback: () => void, ms: number): unknown {
    // The runtimes' contract, which the queue must respect: whole ms, at most MAX_DELAY.
    if (!Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY) throw new Error(`setTimer got a delay of ${ms}`);
    this.sets++;
    const id = ++this.#ids;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves to `target`, firing each timer at its own time, earliest first. */
  advanceTo(target: number): void {
    for (let wakes = 0;; wakes++) {
      // A queue that re-arms for nothing forever would hang the test instead of failing it.
      if (wakes > 10_000) throw new Error(`the queue woke 10,000 times before ${target} (now ${this.time})`);
      let next: [number, { at: number; callback: () => void }] | undefined;
      for (const t of this.timers) if (t[1].at <= target && (next === undefined || t[1].at < next[1].at)) next = t;
      if (next === undefined) break;
      this.timers.delete(next[0]);
      this.time = Math.max(this.time, next[1].at);
      next[1].callback();
    }
    this.time = target;
  }
}

const IDS = 6;
const LANES = [undefined, 10, 25, 7.5] as const;

/** The naive model: which entries wait, and at what due time. */
type Model = Map<number, number>;

interface Real {
  clock: ManualClock;
  queue: TimerQueue;
  entries: TimerEntry[];
  /** Entry id -> ms after which its fire() re-schedules it (in its lane), how many more times, or none. */
  reactions: Map<number, { after: number; lane: number | undefined; times: number }>;
  /** Each fire: the entry, its due time as the model had it, and the batch's clock reading. */
  fired: { id: number; now: number }[];
  model: Model;
}

function setup(): Real {
  const clock = new ManualClock();
  const queue = new TimerQueue(clock);
  const real: Real = { clock, queue, entries: [], reactions: new Map(), fired: [], model: new Map() };
  for (let id = 0; id < IDS; id++) {
    const entry: TimerEntry = timerEntry((now) => {
      const due = real.model.get(id);
      if (due === undefined) throw new Error(`entry ${id} fired but the model has it not waiting`);
      if (due > now) throw new Error(`entry ${id} fired early: due ${due}, now ${now}`);
      // Never late: at the first whole ms at or after its due time (the clock only moves in whole ms).
      if (now > Math.ceil(due)) throw new Error(`entry ${id} fired late: due ${due}, now ${now}`);
      if (now !== clock.time) throw new Error(`fire() got now ${now}, the clock says ${clock.time}`);
      real.model.delete(id);
      real.fired.push({ id, now });
      const reaction = real.reactions.get(id);
      if (reaction !== undefined) {
        // A few times only: an entry re-scheduling itself every ms through a 2^31 ms advance would
        // fire two billion times.
        if (--reaction.times === 0) real.reactions.delete(id);
        real.model.set(id, now + reaction.after);
        queue.schedule(entry, now + reaction.after, reaction.lane);
      }
    });
    real.entries.push(entry);
  }
  return real;
}

/** What must hold between commands. */
function check(real: Real): void {
  const { queue, clock, model } = real;
  expect(queue.size).toBe(model.size);
  for (let id = 0; id < IDS; id++) expect(queue.has(real.entries[id] as TimerEntry)).toBe(model.has(id));
  // Nothing due at or before the clock's time is left waiting once its timer had the chance to fire.
  for (const [id, due] of model) if (due <= clock.time - 1) throw new Error(`entry ${id} due ${due} still waits at ${clock.time}`);
  // One pending timer while something waits, none when nothing does (so a process can exit).
  const timers = [...clock.timers.values()];
  if (model.size === 0) {
    expect(timers.length).toBe(0);
    expect(queue.armed).toBe(false);
  } else {
    expect(timers.length).toBe(1);
    expect(queue.armed).toBe(true);
    // Never late: the timer wakes by the earliest due time (rounded up to the whole ms), or in the
    // longest chunk a timer can wait.
    const earliest = Math.min(...model.values());
    const at = (timers[0] as { at: number }).at;
    expect(at).toBeLessThanOrEqual(Math.max(clock.time, Math.min(Math.ceil(earliest), clock.time + MAX_DELAY)));
  }
}

class Schedule implements fc.Command<Model, Real> {
  constructor(readonly id: number, readonly delta: number, readonly lane: number | undefined) {}
  check(): boolean {
    return true;
  }
  run(_m: Model, real: Real): void {
    const due = real.clock.time + this.delta;
    real.model.set(this.id, due);
    real.queue.schedule(real.entries[this.id] as TimerEntry, due, this.lane);
    check(real);
  }
  toString(): string {
    return `schedule(${this.id}, +${this.delta}, lane ${this.lane})`;
  }
}

class Cancel implements fc.Command<Model, Real> {
  constructor(readonly id: number) {}
  check(): boolean {
    return true;
  }
  run(_m: Model, real: Real): void {
    real.model.delete(this.id);
    real.queue.cancel(real.entries[this.id] as TimerEntry);
    check(real);
  }
  toString(): string {
    return `cancel(${this.id})`;
  }
}

class React implements fc.Command<Model, Real> {
  constructor(
    readonly id: number,
    readonly after: number | undefined,
    readonly lane: number | undefined,
    readonly times: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(_m: Model, real: Real): void {
    if (this.after === undefined) real.reactions.delete(this.id);
    else real.reactions.set(this.id, { after: this.after, lane: this.lane, times: this.times });
  }
  toString(): string {
    return `react(${this.id}, ${this.after === undefined ? "none" : `+${this.after} x${this.times}`}, lane ${this.lane})`;
  }
}

class Advance implements fc.Command<Model, Real> {
  constructor(readonly ms: number) {}
  check(): boolean {
    return true;
  }
  run(_m: Model, real: Real): void {
    const { clock } = real;
    const target = clock.time + this.ms;
    real.fired.length = 0;
    const due = new Map(real.model);
    clock.advanceTo(target);
    // Each entry due by the target fired, in due order; none fired early (checked in fire()).
    const fired = real.fired.map((f) => f.id);
    const expected = [...due].filter(([, d]) => d <= target).sort((a, b) => a[1] - b[1]);
    const firstFires = fired.filter((id, i) => fired.indexOf(id) === i);
    expect(firstFires.sort()).toEqual(expected.map(([id]) => id).sort());
    for (let i = 1; i < real.fired.length; i++) {
      expect((real.fired[i] as { now: number }).now).toBeGreaterThanOrEqual((real.fired[i - 1] as { now: number }).now);
    }
    for (const f of real.fired) expect(f.now).toBeLessThanOrEqual(target);
    // Never late: whatever was due by the target (re-schedules from fire() included) has fired.
    for (const [id, d] of real.model) if (d <= target) throw new Error(`entry ${id} due ${d} still waits at ${target}`);
    check(real);
  }
  toString(): string {
    return `advance(${this.ms})`;
  }
}

const id = fc.integer({ min: 0, max: IDS - 1 });
const lane = fc.constantFrom(...LANES);
// Due times close together, so that entries of one lane often arrive out of order by less than a ms.
const delta = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 80 }).map((n) => n / 4) },
  { weight: 1, arbitrary: fc.integer({ min: MAX_DELAY - 3, max: MAX_DELAY + 50 }) },
);
const commands = [
  fc.tuple(id, delta, lane).map(([i, d, l]) => new Schedule(i, d, l)),
  id.map((i) => new Cancel(i)),
  fc.tuple(id, fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }), lane, fc.integer({ min: 1, max: 5 }))
    .map(([i, a, l, t]) => new React(i, a, l, t)),
  fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 12 }) },
    { weight: 1, arbitrary: fc.integer({ min: MAX_DELAY - 5, max: MAX_DELAY + 60 }) },
  ).map((ms) => new Advance(ms)),
];

describe("timer queue against a naive model", () => {
  test("sizes, membership, one timer, due order, never early, never late", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 60, size: "max" }), (cmds) => {
        fc.modelRun(() => {
          const real = setup();
          return { model: real.model, real };
        }, cmds);
      }),
      fuzzParams(300),
    );
  }, fuzzTimeout(300, fuzzRuns(300)));
});

describe("a core bug the model found (fixed)", () => {
  // TimerQueue.#arm kept its pending timer only if `armedAt <= top.due`, but a timer for a due time
  // with a fraction is armed at its ceiling (armedAt > due): every schedule() of a later entry then
  // cleared the timer and set it again (a clearTimeout + setTimeout per run, with jitter always), and
  // one made at the armed instant got a 0 ms delay, which the runtimes stretch to 1 ms.
  test("a schedule() behind the head leaves the pending timer alone when the head's due time has a fraction", () => {
    const clock = new ManualClock();
    const queue = new TimerQueue(clock);
    const head = timerEntry(() => {});
    queue.schedule(head, clock.time + 5.25);
    const sets = clock.sets;
    queue.schedule(timerEntry(() => {}), clock.time + 8);
    queue.schedule(timerEntry(() => {}), clock.time + 9);
    expect(clock.sets).toBe(sets);
  });
});
