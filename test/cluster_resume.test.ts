/**
 * A manager joining a cluster that ran its workers before (a deploy, a whole-cluster restart): the
 * check-in at start, the worker's `missed` option over the slots nobody ran, and the catch-up of
 * `missed: "all"` within `maxCatchup`. In process, on the cluster protocol in memory and a fake clock
 * (test/cluster_harness.ts), so every slot is exact; the same with real processes and a real Redis is
 * the whole-cluster restart of lease_spread.test.ts.
 */
import { describe, expect, test } from "vitest";
import { BackgroundWorkerManager, periodic, type PeriodicOptions, type WorkerContext } from "../mod.ts";
import { clusterStore } from "../src/lease/cluster.ts";
import { FakeClock, MemoryCluster } from "./cluster_harness.ts";
import { silentLogger } from "./helpers.ts";

const PERIOD = 100;
const NOW = 10_000;
/** Wall time of the fake clock's monotonic NOW (FakeClock: epoch = monotonic + 1,000,000). */
const WALL = NOW + 1_000_000;

interface Seen {
  scheduledAt: number;
  startedAt: number;
  fencingToken: number | undefined;
}

/**
 * One instance joining a cluster whose last slot of worker "w" was `ago` ms before NOW, its runs
 * taking `runMs`; returns the runs seen up to `until` ms after NOW, as slots after the last one.
 */
async function rejoin(options: Partial<PeriodicOptions>, ago: number | undefined, runMs = 0, until = 1_000) {
  const fake = new FakeClock();
  fake.t = NOW;
  const memory = new MemoryCluster(fake);
  const last = WALL - (ago ?? 0);
  if (ago !== undefined) memory.slots.set("w", last);
  const seen: Seen[] = [];
  const manager = new BackgroundWorkerManager({
    clock: fake,
    lease: { store: clusterStore(memory), ttl: 3_000 },
    logger: silentLogger(),
  });
  manager.add(periodic("w", { period: PERIOD, ...options } as PeriodicOptions, async ({ scheduledAt, startedAt, fencingToken }: WorkerContext) => {
    seen.push({ scheduledAt, startedAt, fencingToken });
    if (runMs > 0) await new Promise<void>((resolve) => void fake.at(fake.t + runMs, resolve));
  }));
  await manager.start();
  for (let t = 0; t < until; t += 10) await fake.advance(10);
  const stopping = manager.stop();
  await fake.advance(5_000);
  await stopping;
  return {
    // In periods after the cluster's last slot, and when each began (ms after NOW).
    slots: seen.map((r) => (r.scheduledAt - last) / PERIOD),
    began: seen.map((r) => r.startedAt - WALL),
    seen,
    recorded: memory.slots.get("w"),
    last,
  };
}

describe("rejoining a cluster that ran a fixed-rate worker: its grid goes on", () => {
  const mode = "fixed-rate";
  test('missed "skip": the slots nobody ran are dropped, the next one of the grid is due', async () => {
    const { slots, began } = await rejoin({ mode, missed: "skip" }, 1_050);
    expect(slots.slice(0, 3)).toEqual([11, 12, 13]);
    // The first at the grid's next slot, 50 ms after NOW.
    expect(began[0]).toBe(50);
  });

  test('missed "once" (the default): one run at once for them (the latest slot), then the grid', async () => {
    const { slots, began } = await rejoin({ mode }, 1_050);
    expect(slots.slice(0, 3)).toEqual([10, 11, 12]);
    expect(began.slice(0, 2)).toEqual([0, 50]);
  });

  test('missed "all": each, oldest first, at most maxCatchup of the latest, then the grid', async () => {
    const { slots, began } = await rejoin({ mode, missed: "all", maxCatchup: 3 }, 1_050);
    expect(slots.slice(0, 5)).toEqual([8, 9, 10, 11, 12]);
    expect(began.slice(0, 4)).toEqual([0, 0, 0, 50]);
  });

  test('missed "all" whose catch-up outlasts slots: those are caught up too, within the same budget', async () => {
    // Two slots missed, each run 250 ms: slots go by during the catch-up, and are caught up too,
    // until the budget of five is spent; then the grid's own slots.
    const { slots, began } = await rejoin({ mode, missed: "all", maxCatchup: 5 }, 250, 250, 3_000);
    // Back to back: each began when the one before ended.
    expect(began.slice(0, 5)).toEqual([0, 250, 500, 750, 1_000]);
    // 1 and 2 missed before the start; 3-7 went by in the first 500 ms, three of them within the
    // budget (the latest: 5, 6, 7). The budget spent, the slots that went by meanwhile (8-15) are
    // dropped: the grid's next slot, 16, is due at 1,350 ms.
    expect(slots.slice(0, 6)).toEqual([1, 2, 5, 6, 7, 16]);
    expect(began[5]).toBe(1_350);
    expect(slots.every((slot) => Number.isInteger(slot))).toBe(true);
    for (let i = 1; i < slots.length; i++) expect(slots[i]!).toBeGreaterThan(slots[i - 1]!);
  });

  test("nothing missed: the grid's next slot, no run at once", async () => {
    const { slots, began } = await rejoin({ mode }, 40);
    expect(slots[0]).toBe(1);
    expect(began[0]).toBe(60);
  });
});

describe("rejoining a cluster that ran a fixed-delay worker: no grid, one missed run at most", () => {
  const mode = "fixed-delay";
  test('missed "skip": none; the first run a period after the start', async () => {
    const { began } = await rejoin({ mode, missed: "skip" }, 1_050);
    expect(began.slice(0, 2)).toEqual([100, 200]);
  });

  test.each(["once", "all"] as const)('missed "%s": the run due a period after the last, at once, then a period after each end', async (missed) => {
    const { slots, began } = await rejoin({ mode, missed, ...(missed === "all" ? { maxCatchup: 3 } : {}) }, 1_050);
    expect(slots[0]).toBe(1);
    expect(began.slice(0, 3)).toEqual([0, 100, 200]);
  });

  test("nothing missed: due a period after the cluster's last run", async () => {
    const { slots, began } = await rejoin({ mode }, 40);
    expect(slots[0]).toBe(1);
    expect(began[0]).toBe(60);
  });
});

describe.each(["fixed-rate", "fixed-delay"] as const)("joining a cluster (%s)", (mode) => {
  test("that never ran it: the worker's own first slot, a period after start, with a token", async () => {
    const { began, seen } = await rejoin({ mode }, undefined);
    expect(began[0]).toBe(PERIOD);
    expect(seen[0]!.fencingToken).toBeGreaterThan(0);
  });

  test("with runOnStart: a run at once, whatever the cluster ran", async () => {
    const { began } = await rejoin({ mode, runOnStart: true }, 1_050);
    expect(began[0]).toBe(0);
  });
});

test("the slots that ran are recorded for the next rejoin", async () => {
  const { recorded, seen } = await rejoin({ mode: "fixed-rate" }, 1_050);
  expect(recorded).toBe(seen.at(-1)!.scheduledAt);
});
