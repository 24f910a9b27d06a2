// @ts-nocheck
import process from "node:process";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, type ErrorInfo, periodic, type WorkerStatus } from "../mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";

/** The runtime's own setTimeout, taken before any test fakes it. */
const realSetTimeout = globalThis.setTimeout;

/** Records unhandled rejections until `done()`, which first lets a real macrotask go by. */
function watchUnhandled(): { seen: unknown[]; done(): Promise<unknown[]> } {
  const seen: unknown[] = [];
  const listener = (reason: unknown): void => void seen.push(reason);
  process.on("unhandledRejection", listener);
  return {
    seen,
    async done() {
      await new Promise((resolve) => realSetTimeout(resolve, 20));
      process.off("unhandledRejection", listener);
      return seen;
    },
  };
}

function messages(errors: readonly unknown[]): string[] {
  return errors.map((e) => (e instanceof Error ? e.message : String(e)));
}

describe("3. Errors", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  test("3.1 a run that throws is reported to onError and the logger, and the schedule goes on", async () => {
    const logger = silentLogger();
    const reported: [unknown, ErrorInfo][] = [];
    const manager = new BackgroundWorkerManager({ logger, onError: (e, info) => void reported.push([e, info]) });
    const origin = performance.now();
    const starts: number[] = [];
    manager.add(periodic("Thrower", { period: 100 }, ({ run }) => {
      starts.push(performance.now() - origin);
      throw new Error(`sync ${run}`);
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(300);
    expect(starts).toEqual([100, 200, 300]);
    expect(messages(reported.map(([e]) => e))).toEqual(["sync 1", "sync 2", "sync 3"]);
    expect(reported.map(([, info]) => info)).toEqual([
      { worker: "Thrower", run: 1, phase: "run" },
      { worker: "Thrower", run: 2, phase: "run" },
      { worker: "Thrower", run: 3, phase: "run" },
    ]);
    expect(logger.error).toHaveBeenCalledTimes(3);
    const [text, error] = logger.error.mock.calls[0] as [string, unknown];
    expect(text).toContain("Thrower");
    expect(text).toContain("run 1");
    expect(error).toBe(reported[0]?.[0]);
    await drain(manager.stop());
  });

  test("3.1 a run that rejects is reported the same way, and the schedule goes on", async () => {
    const logger = silentLogger();
    const reported: [unknown, ErrorInfo][] = [];
    const manager = new BackgroundWorkerManager({ logger, onError: (e, info) => void reported.push([e, info]) });
    const origin = performance.now();
    const starts: number[] = [];
    manager.add(periodic("Rejecter", { period: 100 }, async ({ run }) => {
      starts.push(performance.now() - origin);
      await sleep(20);
      throw new Error(`async ${run}`);
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(350);
    // Fixed delay: each next run is due 100 ms after the failed one ended.
    expect(starts).toEqual([100, 220, 340]);
    expect(messages(reported.map(([e]) => e))).toEqual(["async 1", "async 2"]);
    expect(reported[1]?.[1]).toEqual({ worker: "Rejecter", run: 2, phase: "run" });
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error.mock.calls[1]?.[1]).toBe(reported[1]?.[0]);
    await drain(manager.stop());
  });

  test("3.1 no rejection goes unhandled and nothing escapes the timer, even with a throwing logger and no onError", async () => {
    const unhandled = watchUnhandled();
    const throwingLogger = {
      debug() {
        throw new Error("logger.debug broke");
      },
      info() {
        throw new Error("logger.info broke");
      },
      warn() {
        throw new Error("logger.warn broke");
      },
      error() {
        throw new Error("logger.error broke");
      },
    };
    const manager = new BackgroundWorkerManager({ logger: throwingLogger });
    const runs = { sync: 0, async: 0, value: 0 };
    manager.add(periodic("SyncThrow", { period: 100 }, () => {
      runs.sync++;
      throw new Error("sync");
    }));
    manager.add(periodic("AsyncReject", { period: 100 }, () => {
      runs.async++;
      return Promise.reject(new Error("async"));
    }));
    manager.add(periodic("NonError", { period: 100 }, () => {
      runs.value++;
      return Promise.reject("just a string");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toEqual({ sync: 5, async: 5, value: 5 });
    expect(manager.status().map((s) => s.failures)).toEqual([5, 5, 5]);
    await drain(manager.stop());
    expect(await unhandled.done()).toEqual([]);
  });

  test("3.1 with the default logger, a run error is printed with console.error", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const consoleLog = vi.spyOn(console, "log").mockImplementation(() => {});
    const manager = new BackgroundWorkerManager();
    const boom = new Error("default logger boom");
    manager.add(periodic("Loud", { period: 100 }, () => {
      throw boom;
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(consoleError).toHaveBeenCalledTimes(1);
    const [text, error] = consoleError.mock.calls[0] as [string, unknown];
    expect(text).toContain("Loud");
    expect(text).toContain("run 1");
    expect(error).toBe(boom);
    await drain(manager.stop());
    // Errors only: starts and stops print nothing.
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleLog).not.toHaveBeenCalled();
  });

  test("3.2 an onError that throws is logged and changes nothing", async () => {
    const unhandled = watchUnhandled();
    const logger = silentLogger();
    const handlerError = new Error("onError broke");
    let calls = 0;
    const manager = new BackgroundWorkerManager({
      logger,
      onError: () => {
        calls++;
        throw handlerError;
      },
    });
    const origin = performance.now();
    const starts: number[] = [];
    manager.add(periodic("Failing", { period: 100 }, () => {
      starts.push(performance.now() - origin);
      throw new Error("run failed");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(300);
    expect(starts).toEqual([100, 200, 300]);
    expect(calls).toBe(3);
    expect(manager.status()[0]).toMatchObject({ state: "idle", runs: 3, failures: 3, consecutiveFailures: 3 });
    // Each failure is logged once for the run and once for the handler that threw.
    expect(logger.error).toHaveBeenCalledTimes(6);
    const handlerLines = logger.error.mock.calls.filter(([, e]) => e === handlerError);
    expect(handlerLines).toHaveLength(3);
    expect(String(handlerLines[0]?.[0])).toContain("onError");
    await drain(manager.stop());
    expect(await unhandled.done()).toEqual([]);
  });

  test("3.2 an onError that rejects is logged and changes nothing", async () => {
    const unhandled = watchUnhandled();
    const logger = silentLogger();
    const handlerError = new Error("async onError broke");
    const manager = new BackgroundWorkerManager({ logger, onError: () => Promise.reject(handlerError) });
    let runs = 0;
    manager.add(periodic("FailingToo", { period: 100 }, () => {
      runs++;
      throw new Error("run failed");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(300);
    expect(runs).toBe(3);
    const handlerLines = logger.error.mock.calls.filter(([, e]) => e === handlerError);
    expect(handlerLines).toHaveLength(3);
    expect(String(handlerLines[0]?.[0])).toContain("onError");
    await drain(manager.stop());
    expect(await unhandled.done()).toEqual([]);
  });

  test("3.3 status counts runs, failures and consecutiveFailures, and keeps lastError", async () => {
    const errors = [new Error("e2"), new Error("e3"), new Error("e5")];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    // ok, throw, reject, ok, throw
    manager.add(periodic("Counted", { period: 100 }, ({ run }) => {
      if (run === 2) throw errors[0];
      if (run === 3) return Promise.reject(errors[1]);
      if (run === 5) throw errors[2];
    }));
    await manager.start();
    const seen: Pick<WorkerStatus, "runs" | "failures" | "consecutiveFailures" | "lastError">[] = [];
    const status = (): WorkerStatus => manager.status()[0] as WorkerStatus;
    expect(status()).toMatchObject({ runs: 0, failures: 0, consecutiveFailures: 0, lastError: undefined });
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(100);
      const { runs, failures, consecutiveFailures, lastError } = status();
      seen.push({ runs, failures, consecutiveFailures, lastError });
    }
    expect(seen).toEqual([
      { runs: 1, failures: 0, consecutiveFailures: 0, lastError: undefined },
      { runs: 2, failures: 1, consecutiveFailures: 1, lastError: errors[0] },
      { runs: 3, failures: 2, consecutiveFailures: 2, lastError: errors[1] },
      { runs: 4, failures: 2, consecutiveFailures: 0, lastError: errors[1] },
      { runs: 5, failures: 3, consecutiveFailures: 1, lastError: errors[2] },
    ]);
    await drain(manager.stop());
  });

  test("3.3 a run that gives up with an AbortError because stop() aborted it is not counted as a failure", async () => {
    const logger = silentLogger();
    const onError = vi.fn();
    const manager = new BackgroundWorkerManager({ logger, onError });
    manager.add(periodic("Obedient", { period: 100 }, ({ signal }) =>
      new Promise<void>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)))));
    await manager.start();
    await vi.advanceTimersByTimeAsync(150);
    expect(await manager.stop()).toEqual({ ok: true, unsettled: [] });
    // Not reported (it did what stop() asked) ...
    expect(onError).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
    // ... and so not a failure in the status either.
    expect(manager.status()[0]).toMatchObject({ runs: 1, failures: 0, consecutiveFailures: 0, lastError: undefined });
  });

  test("3.4 without backoff, a failing worker keeps its period", async () => {
    const origin = performance.now();
    const starts: number[] = [];
    const worker = periodic("NoBackoff", { period: 100 }, () => {
      starts.push(performance.now() - origin);
      throw new Error("fails");
    });
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(worker);
    await manager.start();
    await vi.advanceTimersByTimeAsync(400);
    expect(starts).toEqual([100, 200, 300, 400]);
    await drain(manager.stop());
  });

  test("3.4 backoff: true doubles the delay after each consecutive failure, and a success resets it", async () => {
    const origin = performance.now();
    const starts: number[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    // fail, fail, fail, ok, fail, ok, ok
    manager.add(periodic("Backoff", { period: 100, backoff: true }, ({ run }) => {
      starts.push(performance.now() - origin);
      if (run < 4 || run === 5) throw new Error(`fail ${run}`);
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(1_950);
    // Delays after 1, 2, 3 failures in a row: 200, 400, 800; after a success: the period again.
    expect(starts).toEqual([100, 300, 700, 1_500, 1_600, 1_800, 1_900]);
    expect(manager.status()[0]).toMatchObject({ failures: 4, consecutiveFailures: 0 });
    await drain(manager.stop());
  });

  test("3.4 backoff grows by factor and is capped at max", async () => {
    const origin = performance.now();
    const starts: number[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Capped", { period: 100, backoff: { factor: 3, max: 1_000 } }, () => {
      starts.push(performance.now() - origin);
      throw new Error("fails");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(3_300);
    // Delays 300, 900, then min(1000, 2700) = 1000 and stays there.
    expect(starts).toEqual([100, 400, 1_300, 2_300, 3_300]);
    await drain(manager.stop());
  });

  test("3.4 the default cap is the longer of the period and 5 minutes", async () => {
    const origin = performance.now();
    const starts: number[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("SlowBackoff", { period: 100_000, backoff: true }, () => {
      starts.push(performance.now() - origin);
      throw new Error("fails");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(1_000_000);
    // Delays 200,000, then min(300,000, 400,000) = 300,000 and stays there.
    expect(starts).toEqual([100_000, 300_000, 600_000, 900_000]);
    await drain(manager.stop());
  });

  test("3.4 backoff counts from the end of the failed run", async () => {
    const origin = performance.now();
    const starts: number[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("SlowFail", { period: 100, backoff: true }, async () => {
      starts.push(performance.now() - origin);
      await sleep(50);
      throw new Error("fails");
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(1_000);
    // Run 1 ends at 150 -> +200; run 2 ends at 400 -> +400; run 3 ends at 850 -> +800.
    expect(starts).toEqual([100, 350, 800]);
    await drain(manager.stop());
  });
});
