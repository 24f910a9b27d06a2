import "../src/cron/mod.ts";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, periodic, type PeriodicOptions, type WorkerContext } from "../mod.ts";
import { drain, silentLogger, sleep, waitUntil } from "./helpers.ts";

/** A cron worker that records the wall time (ISO) at which each run began. */
function recorded(options: PeriodicOptions, ms = 0) {
  const starts: string[] = [];
  const scheduled: string[] = [];
  let active = 0;
  let maxActive = 0;
  const worker = periodic("Cron", options, async (context: WorkerContext) => {
    starts.push(new Date().toISOString());
    scheduled.push(new Date(context.scheduledAt).toISOString());
    maxActive = Math.max(maxActive, ++active);
    try {
      if (ms > 0) await sleep(ms);
    } finally {
      active--;
    }
  });
  return { worker, starts, scheduled, maxActive: () => maxActive };
}

/** `2026-03-29T01:00:00.000Z` → `03-29T01:00:00Z`, to keep expectations readable. */
const short = (iso: string) => iso.slice(5, 19) + "Z";

describe("8. Cron", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("8.1 a 6-field pattern runs on its seconds, in wall-clock time", async () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:02.300Z"));
    const { worker, starts, scheduled } = recorded({ cron: "*/5 * * * * *" });
    await worker.start();
    expect(worker.status().nextRunAt).toBe(Date.parse("2026-01-01T00:00:05.000Z"));
    await vi.advanceTimersByTimeAsync(13_000);
    expect(starts.map(short)).toEqual(["01-01T00:00:05Z", "01-01T00:00:10Z", "01-01T00:00:15Z"]);
    expect(scheduled).toEqual(["2026-01-01T00:00:05.000Z", "2026-01-01T00:00:10.000Z", "2026-01-01T00:00:15.000Z"]);
    await drain(worker.stop());
  });

  test("8.1 a 5-field pattern counts minutes, and nicknames work", async () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:30.000Z"));
    const minutes = recorded({ cron: "*/2 * * * *", timezone: "UTC" });
    const hourly = recorded({ cron: "@hourly", timezone: "UTC" });
    await minutes.worker.start();
    await hourly.worker.start();
    await vi.advanceTimersByTimeAsync(2 * 3_600_000);
    expect(minutes.starts.slice(0, 3).map(short)).toEqual(["01-01T00:02:00Z", "01-01T00:04:00Z", "01-01T00:06:00Z"]);
    expect(minutes.starts).toHaveLength(60);
    expect(hourly.starts.map(short)).toEqual(["01-01T01:00:00Z", "01-01T02:00:00Z"]);
    await drain(minutes.worker.stop());
    await drain(hourly.worker.stop());
  });

  test("8.1 timezone: 02:30 in Berlin is 01:30 UTC in winter and 00:30 UTC in summer", async () => {
    vi.setSystemTime(new Date("2026-01-10T12:00:00.000Z"));
    const winter = recorded({ cron: "0 30 2 * * *", timezone: "Europe/Berlin" });
    await winter.worker.start();
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(winter.starts.map(short)).toEqual(["01-11T01:30:00Z"]);
    await drain(winter.worker.stop());

    vi.setSystemTime(new Date("2026-07-10T12:00:00.000Z"));
    const summer = recorded({ cron: "30 2 * * *", timezone: "Europe/Berlin" });
    await summer.worker.start();
    await vi.advanceTimersByTimeAsync(86_400_000);
    expect(summer.starts.map(short)).toEqual(["07-11T00:30:00Z"]);
    await drain(summer.worker.stop());
  });

  test("8.1 invalid patterns and unknown zones: a TypeError at construction naming them", () => {
    const cases: [PeriodicOptions, RegExp][] = [
      [{ cron: "61 * * * *" }, /Cron: option "cron" is not a valid cron pattern, got "61 \* \* \* \*".*minute/],
      [{ cron: "every day" }, /option "cron" must have 5 or 6 fields.*"every day"/],
      [{ cron: "* * * *" }, /option "cron" must have 5 or 6 fields.*"\* \* \* \*"/],
      [{ cron: "0 0 0 1 1 * 2030" }, /option "cron" must have 5 or 6 fields/],
      [{ cron: "@reboot" }, /option "cron" is not a valid cron pattern, got "@reboot"/],
      [{ cron: "0 0 30 2 *" }, /option "cron" never matches a date, got "0 0 30 2 \*"/],
      [{ cron: "* * * * *", timezone: "Mars/Olympus_Mons" }, /option "timezone" is not a known time zone, got "Mars\/Olympus_Mons"/],
      [{ cron: "* * * * *", timezone: 1 as unknown as string }, /option "timezone" must be an IANA time zone name, got number/],
      [{ cron: 5 as unknown as string }, /option "cron" must be a string, got number/],
      [{ cron: "* * * * *", period: 1_000 }, /options "period" and "cron" exclude each other/],
      [{ cron: "* * * * *", mode: "fixed-rate" }, /option "mode" applies to "period" only/],
      [{ period: 1_000, timezone: "UTC" }, /option "timezone" needs "cron", got timezone "UTC"/],
    ];
    for (const [options, message] of cases) {
      expect(() => periodic("Cron", options, () => {}), JSON.stringify(options)).toThrow(TypeError);
      expect(() => periodic("Cron", options, () => {}), JSON.stringify(options)).toThrow(message);
    }
    const worker = periodic("Cron", { cron: "* * * * *" }, () => {});
    expect(worker.period).toBe(0);
    expect(() => (worker.period = 1_000)).toThrow(/Cron: a cron worker has no period to set \(got 1000\)/);
  });

  test("8.2 runs never overlap: a slot that goes by during a run yields one run at its end", async () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:00.000Z"));
    const { worker, starts, scheduled, maxActive } = recorded({ cron: "* * * * * *" }, 2_500);
    await worker.start();
    await vi.advanceTimersByTimeAsync(8_000);
    // 01 runs until 03.5: slots 02 and 03 went by, so one run at 03.5 (due then), which ends at 06
    // past 04, 05 and 06: one more run at once.
    // (A run due at once fires on the next timer tick, a millisecond on.)
    expect(starts.map((iso) => iso.slice(17, 21))).toEqual(["01.0", "03.5", "06.0"]);
    expect(scheduled.map((iso) => iso.slice(17, 21))).toEqual(["01.0", "03.5", "06.0"]);
    expect(maxActive()).toBe(1);
    await drain(worker.stop());

    // Back on the grid once the runs are short again.
    const short = recorded({ cron: "* * * * * *" }, 1_200);
    vi.setSystemTime(new Date("2026-01-01T00:01:00.000Z"));
    await short.worker.start();
    await vi.advanceTimersByTimeAsync(4_500);
    expect(short.starts.map((iso) => iso.slice(17, 21))).toEqual(["01.0", "02.2", "03.4"]);
    await drain(short.worker.stop());
  });

  test("8.2 a machine suspended past many slots makes one run on waking, then keeps to the wall clock", async () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:00.000Z"));
    const { worker, starts } = recorded({ cron: "* * * * * *" });
    await worker.start();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(starts.map(short)).toEqual(["01-01T00:00:01Z"]);
    // Suspended: the wall clock moves on 60.4 s, the monotonic clock (and its timers) does not.
    vi.setSystemTime(Date.now() + 60_400);
    await vi.advanceTimersByTimeAsync(1_200);
    // The timer wakes at 01:02.4: one run for the 61 slots missed, then the next whole second.
    expect(starts.map((iso) => iso.slice(14, 23))).toEqual(["00:01.000", "01:02.400", "01:03.000"]);
    await drain(worker.stop());
  });

  test("8.2 a trigger runs off the grid and leaves the next slot in place", async () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:00.000Z"));
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const { worker, starts } = recorded({ cron: "*/10 * * * * *" });
    manager.add(worker);
    await manager.start();
    await vi.advanceTimersByTimeAsync(3_000);
    await expect(drain(manager.trigger("Cron"), 1)).resolves.toMatchObject({ ok: true });
    await vi.advanceTimersByTimeAsync(8_000);
    expect(starts.map((iso) => iso.slice(17, 23))).toEqual(["03.000", "10.000"]);
    await drain(manager.stop());
  });

  test("8.2 10,000 cron workers share the manager's one timer and all run on every slot", async () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:00.000Z"));
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    let runs = 0;
    const late: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      manager.add(periodic(`Cron${i}`, { cron: "* * * * * *" }, ({ scheduledAt }) => {
        runs++;
        if (Date.now() - scheduledAt > 0) late.push(Date.now() - scheduledAt);
      }));
    }
    await manager.start();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(30_000);
    expect(late).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    await drain(manager.stop());
    expect(vi.getTimerCount()).toBe(0);
  }, 60_000); // fake time: the limit only bounds a hang on a busy machine

  test("8.2 a failing cron worker backs off, then returns to its slots", async () => {
    vi.setSystemTime(new Date("2026-01-01T00:00:00.000Z"));
    let fail = true;
    const starts: number[] = [];
    const worker = periodic("Flaky", { cron: "* * * * * *", backoff: { factor: 2, max: 8_000 } }, () => {
      starts.push(Date.now() % 60_000);
      if (fail) throw new Error("down");
    });
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), onError: () => {} });
    manager.add(worker);
    await manager.start();
    await vi.advanceTimersByTimeAsync(16_000);
    // Gaps of 2, 4 and then 8 s (the cap), each counted from a slot one second apart.
    expect(starts).toEqual([1_000, 3_000, 7_000, 15_000]);
    fail = false;
    await vi.advanceTimersByTimeAsync(12_000);
    expect(starts.slice(4)).toEqual([23_000, 24_000, 25_000, 26_000, 27_000, 28_000]);
    await drain(manager.stop());
  });
});

describe("8.1 DST: one rule in every zone", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The UTC times and the local wall times of the runs of `cron` in `zone` from `from` for `ms`. */
  async function runs(cron: string, timezone: string, from: string, ms: number): Promise<string[]> {
    vi.setSystemTime(new Date(from));
    const { worker, starts } = recorded({ cron, timezone });
    await worker.start();
    await vi.advanceTimersByTimeAsync(ms);
    await drain(worker.stop());
    const local = new Intl.DateTimeFormat("sv-SE", { timeZone: timezone, dateStyle: "short", timeStyle: "short" });
    return starts.map((iso) => `${iso.slice(5, 16)}Z ${local.format(new Date(iso)).slice(5)}`);
  }

  const DAY = 86_400_000;

  test("spring forward: a slot in the skipped hour runs once, when the gap ends (Berlin, New York)", async () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST.
    expect(await runs("30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", 2 * DAY)).toEqual([
      "03-29T01:00Z 03-29 03:00",
      "03-30T00:30Z 03-30 02:30",
    ]);
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(await runs("30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", 2 * DAY)).toEqual([
      "03-08T07:00Z 03-08 03:00",
      "03-09T06:30Z 03-09 02:30",
    ]);
    // An hourly slot is not doubled by the jump: 01:00, then 03:00.
    expect(await runs("0 * * * *", "Europe/Berlin", "2026-03-28T23:30:00Z", 3 * 3_600_000)).toEqual([
      "03-29T00:00Z 03-29 01:00",
      "03-29T01:00Z 03-29 03:00",
      "03-29T02:00Z 03-29 04:00",
    ]);
  });

  test("fall back: a fixed-hour slot runs once in the repeated hour, a wildcard hour in both passes", async () => {
    // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:00–03:00 happens twice.
    expect(await runs("30 2 * * *", "Europe/Berlin", "2026-10-24T12:00:00Z", 2 * DAY)).toEqual([
      "10-25T00:30Z 10-25 02:30",
      "10-26T01:30Z 10-26 02:30",
    ]);
    expect(await runs("0,30 * * * *", "Europe/Berlin", "2026-10-24T23:10:00Z", 3 * 3_600_000)).toEqual([
      "10-24T23:30Z 10-25 01:30",
      "10-25T00:00Z 10-25 02:00",
      "10-25T00:30Z 10-25 02:30",
      "10-25T01:00Z 10-25 02:00",
      "10-25T01:30Z 10-25 02:30",
      "10-25T02:00Z 10-25 03:00",
    ]);
    // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:00–02:00 happens twice.
    expect(await runs("30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", 2 * DAY)).toEqual([
      "11-01T05:30Z 11-01 01:30",
      "11-02T06:30Z 11-02 01:30",
    ]);
    expect(await runs("0,30 * * * *", "America/New_York", "2026-11-01T04:10:00Z", 3 * 3_600_000)).toEqual([
      "11-01T04:30Z 11-01 00:30",
      "11-01T05:00Z 11-01 01:00",
      "11-01T05:30Z 11-01 01:30",
      "11-01T06:00Z 11-01 01:00",
      "11-01T06:30Z 11-01 01:30",
      "11-01T07:00Z 11-01 02:00",
    ]);
  });
});

describe("8.2 Cron on real timers", () => {
  test("an event loop blocked past several slots yields one run, not a burst", async () => {
    const runs: { scheduledAt: number; startedAt: number }[] = [];
    const worker = periodic("Blocked", { cron: "* * * * * *" }, ({ scheduledAt, startedAt }) => {
      runs.push({ scheduledAt, startedAt });
    });
    await worker.start();
    await waitUntil("a first run", () => runs.length > 0);
    // Block the loop from now to 300 ms past the second slot after the next: three slots go by.
    const until = Math.ceil(Date.now() / 1_000) * 1_000 + 2_300;
    while (Date.now() < until);
    const before = runs.length;
    // Waits for runs, not for a time: however late a loaded machine fires the timers.
    await waitUntil("two runs after the block", () => runs.length >= before + 2);
    await worker.stop();
    const [late, next] = runs.slice(before) as [(typeof runs)[0], (typeof runs)[0]];
    // One run stands for every slot the block missed: it was due at one of them ...
    expect(late.scheduledAt % 1_000).toBe(0);
    expect(late.scheduledAt).toBeLessThan(until);
    // ... and the next is the first slot after that run began, not another missed one (startedAt and
    // the next slot come from the same clock readings, within Date.now()'s whole milliseconds).
    expect(next.scheduledAt % 1_000).toBe(0);
    expect(next.scheduledAt).toBeGreaterThan(late.startedAt - 2);
    expect(next.scheduledAt - 1_000).toBeLessThanOrEqual(late.startedAt + 2);
  }, 30_000);
});
