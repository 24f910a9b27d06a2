/**
 * The TestClock cases that every test runner runs (Deno.test, bun:test, node:test, and vitest in
 * test/testing.test.ts): plain async functions that throw on failure, so that one list serves all.
 */
import { createServer, type Server } from "node:http";
import { BackgroundWorkerManager, periodic } from "../../mod.ts";
import "../../src/cron/mod.ts";
import { TestClock } from "../../src/testing/mod.ts";

/** One case: a name and a body that throws when it fails. */
export interface Case {
  readonly name: string;
  readonly run: () => Promise<void>;
}

function equal(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function rejects(promise: Promise<unknown>, pattern: RegExp, what: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (!pattern.test(String(error))) throw new Error(`${what}: expected an error matching ${pattern}, got ${String(error)}`);
    return;
  }
  throw new Error(`${what}: expected a rejection matching ${pattern}`);
}

/** An HTTP server on 127.0.0.1 that answers after a real delay: doWork's I/O is real. */
async function slowServer(ms: number): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits++;
    setTimeout(() => res.end(String(hits)), ms);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const START = Date.UTC(2030, 0, 1);

export const cases: readonly Case[] = [
  {
    name: "advance() runs each due run to its end, real HTTP inside doWork included",
    async run() {
      const server = await slowServer(20);
      const clock = new TestClock({ start: START });
      const manager = new BackgroundWorkerManager({ clock });
      const bodies: string[] = [];
      const slots: number[] = [];
      manager.add(periodic("Fetcher", { period: 1_000 }, async ({ signal, scheduledAt }) => {
        const response = await fetch(server.url, { signal });
        bodies.push(await response.text());
        slots.push(scheduledAt - START);
      }));
      try {
        await manager.start();
        equal(await clock.advance(3_500), START + 3_500, "advance() resolves with the new time");
        equal(bodies, ["1", "2", "3"], "each run's response");
        // Fixed delay on virtual time: a run takes no virtual time, so the runs are 1 s apart.
        equal(slots, [1_000, 2_000, 3_000], "scheduledAt");
        equal(manager.status()[0]?.nextRunAt, START + 4_000, "nextRunAt");
      } finally {
        await manager.stop();
        await server.close();
      }
    },
  },
  {
    name: "next() moves to the next due run and resolves with its time",
    async run() {
      const clock = new TestClock({ start: START });
      const manager = new BackgroundWorkerManager({ clock });
      const runs: number[] = [];
      manager.add(periodic("Tick", { period: 60_000, mode: "fixed-rate" }, ({ run }) => void runs.push(run)));
      await manager.start();
      equal(clock.nextAt, START + 60_000, "nextAt");
      equal(await clock.next(), START + 60_000, "first next()");
      equal(await clock.next(), START + 120_000, "second next()");
      equal(runs, [1, 2], "runs");
      await manager.stop();
      await rejects(clock.next(), /no timer is waiting/, "next() with nothing queued");
    },
  },
  {
    name: "a cron worker runs on its slots in virtual wall time",
    async run() {
      const clock = new TestClock({ start: START });
      const manager = new BackgroundWorkerManager({ clock });
      const slots: string[] = [];
      manager.add(periodic("Report", { cron: "*/5 * * * * *", timezone: "UTC" }, ({ scheduledAt }) => {
        slots.push(new Date(scheduledAt).toISOString());
      }));
      await manager.start();
      await clock.advance(12_000);
      equal(slots, ["2030-01-01T00:00:05.000Z", "2030-01-01T00:00:10.000Z"], "cron slots");
      equal(manager.status()[0]?.nextRunAt, START + 15_000, "next slot");
      await manager.stop();
    },
  },
  {
    name: "a worker started on its own runs on its clock option",
    async run() {
      const clock = new TestClock({ start: START });
      let runs = 0;
      const worker = periodic("Lone", { period: 500, clock }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 5)); // a real timer
        runs++;
      });
      await worker.start();
      await clock.advance(1_000);
      equal(runs, 2, "runs");
      equal((await worker.stop()).ok, true, "stop report");
    },
  },
  {
    name: "sleep() is virtual time for doWork, and a stop aborts it",
    async run() {
      const clock = new TestClock({ start: START });
      const manager = new BackgroundWorkerManager({ clock });
      const ends: number[] = [];
      manager.add(periodic("Sleeper", { period: 1_000 }, async ({ signal }) => {
        await clock.sleep(300, signal);
        ends.push(clock.now - START);
      }));
      await manager.start();
      await clock.advance(2_500);
      // Fixed delay: run 1 from 1,000 to 1,300, run 2 due at 2,300, ends at 2,600 (not yet).
      equal(ends, [1_300], "ends");
      equal(clock.inFlight, 1, "in flight, sleeping");
      equal((await manager.stop({ timeout: 1_000 })).ok, true, "the stop aborts the sleep");
    },
  },
  {
    name: "bad input is a clear error at the call that received it",
    async run() {
      const clock = new TestClock();
      await rejects(Promise.resolve().then(() => clock.advance(-1)), /TestClock\.advance: ms must be a finite number/, "advance(-1)");
      await rejects(
        Promise.resolve().then(() => new BackgroundWorkerManager({ clock: {} as TestClock })),
        /option "clock" must be a clock source/,
        "clock {}",
      );
      await rejects(
        Promise.resolve().then(() => new BackgroundWorkerManager({ clock, unref: true })),
        /options "unref" and "clock" exclude each other/,
        "unref with clock",
      );
      const worker = periodic("Own", { period: 1_000, clock }, () => {});
      await rejects(
        Promise.resolve().then(() => new BackgroundWorkerManager().add(worker)),
        /TypeError: Own: this worker has its own option "clock"/,
        "a worker's clock differs from its manager's",
      );
      new BackgroundWorkerManager({ clock }).add(worker); // the same clock is fine
    },
  },
];
