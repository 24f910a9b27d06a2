/**
 * A job handed over to an instance where the worker no longer runs is refused with
 * EngineJobRefusedError, which engines tell from a failed run (the BullMQ engine hands such a job
 * back to its queue for another instance).
 */
import { expect, test } from "vitest";
import { BackgroundWorkerManager, type Engine, EngineJobRefusedError, type EngineWorker, periodic } from "../mod.ts";
import { silentLogger } from "./helpers.ts";

test("a job for a worker stopped or paused here is refused with EngineJobRefusedError, not run", async () => {
  let held: EngineWorker | undefined;
  const engine: Engine = {
    name: "keeper",
    check() {},
    register(worker) {
      // Keeps the worker after stop, as an engine may still hand over a job it fetched meanwhile.
      held = worker;
      return Promise.resolve({ stop: () => Promise.resolve(true), nextRunAt: () => null, trigger: () => Promise.reject(new Error("unused")) });
    },
    unschedule: () => Promise.resolve(),
  };
  let runs = 0;
  const manager = new BackgroundWorkerManager({ engine, logger: silentLogger() });
  manager.add(periodic("Job", { period: 1_000 }, () => void runs++));
  await manager.start();
  await held!.run({});
  await manager.pause("Job");
  const paused = held!.run({});
  await expect(paused).rejects.toBeInstanceOf(EngineJobRefusedError);
  await expect(paused).rejects.toThrow("Job: not running on this instance (paused)");
  await manager.resume("Job");
  await manager.stop();
  const error = await held!.run({}).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(EngineJobRefusedError);
  expect((error as Error).name).toBe("EngineJobRefusedError");
  expect(runs).toBe(1);
});
