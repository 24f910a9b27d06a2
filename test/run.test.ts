import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, periodic, type WorkerContext } from "../mod.ts";
import { drain, silentLogger, sleep } from "./helpers.ts";

const T0 = Date.UTC(2026, 0, 1);

describe("2. A run", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("2.1 doWork gets signal, name, run, scheduledAt and startedAt (epoch ms)", async () => {
    const contexts: WorkerContext[] = [];
    const worker = periodic("Ctx", { period: 1_000 }, async (ctx) => {
      contexts.push(ctx);
      await sleep(200);
    });
    await worker.start();
    await vi.advanceTimersByTimeAsync(2_500);
    await drain(worker.stop());
    expect(contexts).toHaveLength(2);
    const [a, b] = contexts as [WorkerContext, WorkerContext];
    expect(a.signal).toBeInstanceOf(AbortSignal);
    expect(a.name).toBe("Ctx");
    expect([a.run, b.run]).toEqual([1, 2]);
    expect(a.scheduledAt).toBe(T0 + 1_000);
    expect(a.startedAt).toBe(T0 + 1_000);
    expect(b.scheduledAt).toBe(T0 + 2_200);
    expect("scope" in a).toBe(false);
  });

  test("2.1 context.scope is the scope the manager's factory made for this run", async () => {
    const scopes: unknown[] = [];
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      scope: ({ worker, run }) => ({ id: `${worker}#${run}` }),
    });
    manager.add(periodic("Scoped", { period: 100 }, ({ scope }) => void scopes.push(scope)));
    await manager.start();
    await vi.advanceTimersByTimeAsync(200);
    await drain(manager.stop());
    expect(scopes).toEqual([{ id: "Scoped#1" }, { id: "Scoped#2" }]);
  });

  test("2.2 the signal aborts when the worker is stopped, with a reason that says so", async () => {
    let signal: AbortSignal | undefined;
    const worker = periodic("Stoppable", { period: 100 }, (ctx) => {
      signal = ctx.signal;
      return new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
    });
    await worker.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(signal?.aborted).toBe(false);
    const report = await worker.stop();
    expect(report.ok).toBe(true);
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as Error).name).toBe("AbortError");
    expect(String((signal?.reason as Error).message)).toContain("Stoppable stopped");
  });

  test("2.2 the shared AbortController is made when a run first reads its signal; workers that never read it hold none; runs share it until stop", async () => {
    const Original = globalThis.AbortController;
    let made = 0;
    globalThis.AbortController = class extends Original {
      constructor() {
        super();
        made++;
      }
    };
    try {
      const manager = new BackgroundWorkerManager({ logger: silentLogger() });
      for (let i = 0; i < 100; i++) manager.add(periodic(`Quiet${i}`, { period: 100 }, () => {}));
      const signals: AbortSignal[] = [];
      manager.add(periodic("Reader", { period: 100 }, (context) => {
        const { signal } = context; // destructuring reads it, as `context.signal` does
        signals.push(context.signal, signal);
        // A getter of the context's class: a spread does not copy it (pass the context itself).
        expect({ ...context }.signal).toBeUndefined();
      }));
      await manager.start();
      expect(made).toBe(0);
      await vi.advanceTimersByTimeAsync(350);
      expect(signals).toHaveLength(6);
      expect(new Set(signals).size).toBe(1);
      expect(made).toBe(1);
      await drain(manager.stop());
      expect(signals[0]!.aborted).toBe(true);
      // A new start, a new signal: the old one stays aborted.
      await manager.start();
      await vi.advanceTimersByTimeAsync(100);
      expect(signals.at(-1)!.aborted).toBe(false);
      expect(made).toBe(2);
      await drain(manager.stop());
    } finally {
      globalThis.AbortController = Original;
    }
  });

  test("2.2 a run that first reads its signal after stop() gets one that has aborted already", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let seen: AbortSignal | undefined;
    const worker = periodic("Late", { period: 100 }, async (context) => {
      await gate;
      seen = context.signal;
    });
    await worker.start();
    await vi.advanceTimersByTimeAsync(100);
    const stopping = worker.stop({ timeout: 1_000 });
    release();
    await expect(drain(stopping)).resolves.toEqual({ ok: true, unsettled: [] });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toMatchObject({ name: "AbortError", message: "Late stopped" });
  });

  test("2.2 the signal aborts when the worker is removed from its manager", async () => {
    let signal: AbortSignal | undefined;
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Removable", { period: 100 }, (ctx) => {
      signal = ctx.signal;
      return new Promise<void>((resolve) => ctx.signal.addEventListener("abort", () => resolve()));
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(100);
    await manager.remove("Removable");
    expect(signal?.aborted).toBe(true);
    expect(manager.get("Removable")).toBeUndefined();
    await manager.stop();
  });

  test("2.2 the signal aborts when the per-run timeout elapses, with a TimeoutError reason", async () => {
    const signals: AbortSignal[] = [];
    const errors: unknown[] = [];
    const manager = new BackgroundWorkerManager({ logger: silentLogger(), onError: (e) => void errors.push(e) });
    manager.add(periodic("Slow", { period: 100, timeout: 50 }, (ctx) => {
      signals.push(ctx.signal);
      return new Promise<void>((_, reject) => ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason)));
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(149);
    expect(signals[0]?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(signals[0]?.aborted).toBe(true);
    const reason = signals[0]?.reason as Error;
    expect(reason.name).toBe("TimeoutError");
    expect(reason.message).toContain("Slow: run 1 exceeded its timeout of 50 ms");
    // The timed-out run is reported as a failure and the schedule goes on, with a fresh signal.
    expect(errors).toEqual([reason]);
    await vi.advanceTimersByTimeAsync(100);
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(false);
    await drain(manager.stop());
  });

  test("2.3 the scope factory is called once per run and the scope disposed once after it, also when it throws", async () => {
    const made: number[] = [];
    const disposed: number[] = [];
    const errors: unknown[] = [];
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      onError: (e) => void errors.push(e),
      scope: ({ run }) => {
        made.push(run);
        return { [Symbol.asyncDispose]: () => Promise.resolve(void disposed.push(run)), [Symbol.dispose]: () => disposed.push(-1) };
      },
    });
    manager.add(periodic("Flaky", { period: 100 }, ({ run }) => {
      if (run % 2 === 0) throw new Error(`boom ${run}`);
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(400);
    await drain(manager.stop());
    expect(made).toEqual([1, 2, 3, 4]);
    expect(disposed).toEqual([1, 2, 3, 4]);
    expect(errors.map((e) => (e as Error).message)).toEqual(["boom 2", "boom 4"]);
  });

  test("2.3 a scope with only Symbol.dispose is disposed with it", async () => {
    const disposed: number[] = [];
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      scope: ({ run }) => ({ [Symbol.dispose]: () => disposed.push(run) }),
    });
    manager.add(periodic("SyncScope", { period: 100 }, () => {}));
    await manager.start();
    await vi.advanceTimersByTimeAsync(200);
    await drain(manager.stop());
    expect(disposed).toEqual([1, 2]);
  });

  test("2.3 a dispose error is reported like a run error and does not stop the worker", async () => {
    const reported: { error: unknown; phase: string }[] = [];
    let runs = 0;
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      onError: (error, { phase }) => void reported.push({ error, phase }),
      scope: () => ({
        [Symbol.dispose]() {
          throw new Error("dispose failed");
        },
      }),
    });
    manager.add(periodic("DisposeFails", { period: 100 }, () => void runs++));
    await manager.start();
    await vi.advanceTimersByTimeAsync(300);
    await drain(manager.stop());
    expect(runs).toBe(3);
    expect(reported).toHaveLength(3);
    expect(reported[0]).toMatchObject({ phase: "dispose" });
    expect((reported[0]?.error as Error).message).toBe("dispose failed");
  });

  test("2.4 trigger(name) runs the worker now, through the same path (scope, errors)", async () => {
    const made: number[] = [];
    const errors: unknown[] = [];
    const manager = new BackgroundWorkerManager({
      logger: silentLogger(),
      onError: (e) => void errors.push(e),
      scope: ({ run }) => void made.push(run),
    });
    manager.add(periodic("OnDemand", { period: 60_000 }, () => {
      throw new Error("triggered and failed");
    }));
    await manager.start();
    const result = manager.trigger("OnDemand");
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toMatchObject({ worker: "OnDemand", run: 1, ok: false });
    expect(made).toEqual([1]);
    expect(errors.map((e) => (e as Error).message)).toEqual(["triggered and failed"]);
    expect(manager.status()[0]).toMatchObject({ runs: 1, failures: 1 });
    await drain(manager.stop());
  });

  test("2.4 trigger during a run resolves with that run's end instead of starting a second one", async () => {
    let calls = 0;
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Busy", { period: 100 }, async () => {
      calls++;
      await sleep(300);
    }));
    await manager.start();
    await vi.advanceTimersByTimeAsync(150);
    const a = manager.trigger("Busy");
    const b = manager.trigger("Busy");
    await vi.advanceTimersByTimeAsync(250);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toEqual(rb);
    expect(ra).toMatchObject({ run: 1, ok: true, durationMs: 300 });
    expect(calls).toBe(1);
    await drain(manager.stop());
  });
});
