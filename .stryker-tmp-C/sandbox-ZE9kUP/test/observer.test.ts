/**
 * Run events (manager.observe): what telemetry, the status page and skip counts read. Each event
 * once, in order, with the outcome of the run; a throwing observer changes nothing; `around` wraps
 * each doWork call; a disposed observer hears nothing more.
 */
// @ts-nocheck

import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, type LeaseStore, periodic, type RunObserver } from "../mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";

/** Work that takes `ms` and gives up (rejects with the reason) when its signal aborts. */
function abortable(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

/** Records every event as a short line. */
function recorder(): { lines: string[]; observer: RunObserver } {
  const lines: string[] = [];
  return {
    lines,
    observer: {
      due: (e) => void lines.push(`due ${e.worker}`),
      started: (e) => void lines.push(`started ${e.worker} #${e.run}${e.fencingToken === undefined ? "" : ` token ${e.fencingToken}`}`),
      settled: (e) => void lines.push(`settled ${e.worker} #${e.run} ${e.outcome}${e.error === undefined ? "" : ` (${String(e.error)})`}`),
      skipped: (e) => void lines.push(`skipped ${e.worker} ${e.reason}`),
      lease: (e) => void lines.push(`lease ${e.worker} ${e.held ? "held" : "gone"} ${e.fencingToken}`),
    },
  };
}

describe("run events", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("due, started and settled, once each per run, with scheduled and start times", async () => {
    const { lines, observer } = recorder();
    const times: number[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    using _ = manager.observe(observer);
    manager.observe({ started: (e) => void times.push(e.startedAt - e.scheduledAt) });
    manager.add(periodic("Tick", { period: 100 }, () => sleep(10)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(230);
    expect(lines).toEqual(["due Tick", "started Tick #1", "settled Tick #1 success", "due Tick", "started Tick #2", "settled Tick #2 success"]);
    expect(times).toEqual([0, 0]);
    await drain(manager.stop());
  });

  test("each outcome: success, failure, timeout, aborted by stop", async () => {
    const { lines, observer } = recorder();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.observe(observer);
    manager.add(periodic("Ok", { period: 100 }, () => {}));
    manager.add(periodic("Throws", { period: 100 }, () => {
      throw new Error("boom");
    }));
    manager.add(periodic("Slow", { period: 100, timeout: 50 }, ({ signal }) => abortable(10_000, signal)));
    manager.add(periodic("Stopped", { period: 150 }, ({ signal }) => abortable(10_000, signal)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(160);
    await drain(manager.stop());
    const settled = lines.filter((l) => l.startsWith("settled"));
    expect(settled).toContain("settled Ok #1 success");
    expect(settled).toContain("settled Throws #1 failure (Error: boom)");
    expect(settled.find((l) => l.startsWith("settled Slow #1"))).toMatch(/^settled Slow #1 timeout \(TimeoutError/);
    expect(settled.find((l) => l.startsWith("settled Stopped #1"))).toMatch(/^settled Stopped #1 aborted \(AbortError/);
  });

  test("leases: held with its token, skipped because held elsewhere or the store failed, lease lost", async () => {
    let holder: string | undefined = "other";
    let down = false;
    let token = 0;
    const store: LeaseStore = {
      acquire: (_n, owner) => {
        if (down) return Promise.reject(new Error("down"));
        if (holder !== undefined) return Promise.resolve(null);
        holder = owner;
        return Promise.resolve(++token);
      },
      renew: (_n, owner) => Promise.resolve(holder === owner),
      release: (_n, owner) => Promise.resolve(void (holder === owner && (holder = undefined))),
    };
    const { lines, observer } = recorder();
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), lease: { store, ttl: 300 } });
    manager.observe(observer);
    manager.add(periodic("Leased", { period: 100 }, ({ signal }) => abortable(1_000, signal)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    down = true;
    await vi.advanceTimersByTimeAsync(100);
    down = false;
    holder = undefined;
    await vi.advanceTimersByTimeAsync(100);
    holder = "thief";
    await vi.advanceTimersByTimeAsync(200);
    await drain(manager.stop());
    const events = lines.filter((l) => !l.startsWith("due"));
    expect(events.slice(0, 6)).toEqual([
      "skipped Leased lease-held",
      "skipped Leased store-fault",
      "lease Leased held 1",
      "started Leased #1 token 1",
      "lease Leased gone 1",
      "settled Leased #1 lease-lost (LeaseLostError: lease \"Leased\" was taken or expired)",
    ]);
    // After the loss, the thief holds the lease: every later slot is skipped here.
    expect(new Set(events.slice(6))).toEqual(new Set(["skipped Leased lease-held"]));
  });

  test("around wraps doWork (its return is the run's), and a throwing observer changes nothing", async () => {
    const order: string[] = [];
    const logger = silentLogger();
    const manager = new BackgroundWorkerManager({ logger });
    manager.observe({
      around: (e, body) => {
        order.push(`enter ${e.run}`);
        try {
          return body();
        } finally {
          order.push(`leave ${e.run}`);
        }
      },
      started: () => {
        throw new Error("observer bug");
      },
    });
    let runs = 0;
    const worker = manager.add(periodic("Wrapped", { period: 100 }, () => void order.push(`work ${++runs}`)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(order).toEqual(["enter 1", "work 1", "leave 1", "enter 2", "work 2", "leave 2"]);
    expect(worker.status()).toMatchObject({ runs: 2, failures: 0 });
    expect(logger.error).toHaveBeenCalledWith("[background-workers] an observer threw:", expect.any(Error));
    await drain(manager.stop());
  });

  test("a disposed observer hears nothing more; bad observers are refused", async () => {
    const { lines, observer } = recorder();
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const observing = manager.observe(observer);
    manager.add(periodic("Tick", { period: 100 }, () => {}));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    observing[Symbol.dispose]();
    await vi.advanceTimersByTimeAsync(300);
    expect(lines).toEqual(["due Tick", "started Tick #1", "settled Tick #1 success"]);
    expect(() => manager.observe({ settled: 5 } as unknown as RunObserver)).toThrow(/observer method "settled" must be a function, got 5/);
    expect(() => manager.observe(undefined as unknown as RunObserver)).toThrow(TypeError);
    await drain(manager.stop());
  });
});
