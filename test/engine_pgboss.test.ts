/**
 * The pg-boss engine in one process, on the real PostgreSQL 127.0.0.1:5432/test in a schema of this
 * run's own: what maps onto pg-boss's cron and what is a clear error at add() (with nothing
 * scheduled), and a worker's jobs through the run path (trigger, errors, status, pause, stop). The
 * 3-instance tests (slots, overlap, SIGKILL, SIGTERM, remove) are test/engines/pg_boss.engine.ts.
 */
import { afterAll, describe, expect, test, vi } from "vitest";
import pg from "pg";
import PgBoss from "pg-boss";
import { BackgroundWorkerManager, type EngineSchedule, periodic } from "../mod.ts";
import { pgBossEngine } from "../src/engine/pg_boss.ts";
import { bossCron, Slots } from "../src/engine/pg_boss_cron.ts";
import { silentLogger } from "./helpers.ts";

const connection = { host: "127.0.0.1", port: 5432, database: "test", user: "postgres" };
const schema = `bgw_pgboss_unit_${process.pid}_${Date.now().toString(36)}`;

const why = await (async () => {
  try {
    const client = new pg.Client({ ...connection, connectionTimeoutMillis: 2_000 });
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return `cannot use PostgreSQL 127.0.0.1:5432/test (${(error as Error).message})`;
  }
})();
if (why !== undefined) console.log(`pg-boss engine tests against PostgreSQL skipped: ${why}`);

const schedule = (over: Partial<EngineSchedule>): EngineSchedule => ({
  name: "W",
  period: undefined,
  cron: undefined,
  timezone: undefined,
  mode: "fixed-delay",
  runOnStart: false,
  timeout: undefined,
  ...over,
});

describe("pg-boss schedules: what maps onto pg-boss's minute-grained cron", () => {
  test("whole minutes dividing an hour, whole hours dividing a day, one day; 5-field cron as is, 6-field with seconds 0, nicknames", () => {
    expect(bossCron(schedule({ period: 60_000 }))).toEqual({ pattern: "* * * * *", tz: "UTC" });
    expect(bossCron(schedule({ period: 5 * 60_000 })).pattern).toBe("*/5 * * * *");
    expect(bossCron(schedule({ period: 30 * 60_000 })).pattern).toBe("*/30 * * * *");
    expect(bossCron(schedule({ period: 3_600_000 })).pattern).toBe("0 * * * *");
    expect(bossCron(schedule({ period: 6 * 3_600_000 })).pattern).toBe("0 */6 * * *");
    expect(bossCron(schedule({ period: 24 * 3_600_000 })).pattern).toBe("0 0 * * *");
    expect(bossCron(schedule({ cron: "30 2 * * 1-5", timezone: "Europe/Berlin" }))).toEqual({ pattern: "30 2 * * 1-5", tz: "Europe/Berlin" });
    expect(bossCron(schedule({ cron: "0 30 2 * * *", timezone: "UTC" })).pattern).toBe("30 2 * * *");
    expect(bossCron(schedule({ cron: "@hourly", timezone: "UTC" })).pattern).toBe("0 * * * *");
    // Without a zone, the process's own: where the worker's cron runs on its own timer.
    expect(bossCron(schedule({ cron: "0 3 * * *" })).tz).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  test("anything finer or off the grid is a TypeError naming the worker, the option and why", () => {
    expect(() => bossCron(schedule({ name: "Fast", period: 5_000 }))).toThrow(
      new TypeError('Fast: option "period" (5000 ms) cannot map onto the pg-boss engine: pg-boss schedules are cron, minute-grained: a period must be whole minutes'),
    );
    expect(() => bossCron(schedule({ period: 90_000 }))).toThrow(/option "period" \(90000 ms\).*whole minutes/);
    expect(() => bossCron(schedule({ period: 7 * 60_000 }))).toThrow(/option "period" \(420000 ms\).*must divide an hour/);
    expect(() => bossCron(schedule({ period: 5 * 3_600_000 }))).toThrow(/must divide a day/);
    expect(() => bossCron(schedule({ period: 2 * 86_400_000 }))).toThrow(/over a day/);
    expect(() => bossCron(schedule({ name: "Secs", cron: "*/5 * * * * *" }))).toThrow(
      new TypeError('Secs: option "cron" ("*/5 * * * * *") cannot map onto the pg-boss engine: pg-boss schedules are minute-grained: a seconds field other than 0 ("*/5") cannot map'),
    );
    expect(() => bossCron(schedule({ cron: "0 0 1 1 * 2030 x" }))).toThrow(/option "cron".*5-field/);
    expect(() => bossCron(schedule({ cron: "61 * * * *", timezone: "UTC" }))).toThrow(/option "cron" \("61 \* \* \* \*"\) is not a valid pattern/);
  });

  test("a scheduled job's slot is the latest slot at or before its creation", () => {
    const slots = new Slots({ pattern: "*/5 * * * *", tz: "UTC" });
    const slot = Date.UTC(2026, 0, 1, 10, 5);
    expect(slots.slotOf(slot + 1_800)).toBe(slot);
    expect(slots.slotOf(slot)).toBe(slot);
    expect(slots.next(slot)).toBe(slot + 5 * 60_000);
  });

  test("bad engine options are clear errors", () => {
    expect(() => pgBossEngine({} as never)).toThrow(new TypeError('pgBossEngine: option "boss" must be a PgBoss instance, got undefined'));
    const boss = new PgBoss({ ...connection, schema });
    expect(() => pgBossEngine({ boss, pollingIntervalSeconds: 0.1 })).toThrow(/option "pollingIntervalSeconds" must be a number of seconds >= 0.5, got 0.1/);
    expect(() => pgBossEngine({ boss, expireInSeconds: 86_400 })).toThrow(/option "expireInSeconds" must be whole seconds/);
  });
});

describe.skipIf(why !== undefined)("pg-boss engine on PostgreSQL, one instance", () => {
  const bosses: PgBoss[] = [];
  const newBoss = (): PgBoss => {
    const boss = new PgBoss({ ...connection, schema, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, maintenanceIntervalSeconds: 1 });
    boss.on("error", () => {});
    bosses.push(boss);
    return boss;
  };
  const schedules = async (): Promise<string[]> => {
    const client = new pg.Client(connection);
    await client.connect();
    try {
      return (await client.query(`SELECT name FROM ${schema}.schedule ORDER BY name`)).rows.map((r: { name: string }) => r.name);
    } finally {
      await client.end();
    }
  };

  afterAll(async () => {
    for (const boss of bosses) await boss.stop({ graceful: false }).catch(() => {});
    const client = new pg.Client(connection);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
    await client.end();
  });

  test("bad input at add() (a 5 s period; an engine and a lease at once): clear errors, nothing scheduled", async () => {
    const engine = pgBossEngine({ boss: newBoss(), pollingIntervalSeconds: 0.5 });
    const store = { acquire: () => Promise.resolve(1), renew: () => Promise.resolve(true), release: () => Promise.resolve() };
    expect(() => new BackgroundWorkerManager({ engine, lease: store })).toThrow(
      new TypeError('BackgroundWorkerManager: options "engine" and "lease" exclude each other: the pg-boss engine coordinates the instances itself'),
    );
    const manager = new BackgroundWorkerManager({ engine, logger: silentLogger() });
    expect(() => manager.add(periodic("FiveSeconds", { period: 5_000 }, () => {}))).toThrow(
      new TypeError('FiveSeconds: option "period" (5000 ms) cannot map onto the pg-boss engine: pg-boss schedules are cron, minute-grained: a period must be whole minutes'),
    );
    expect(() => manager.add(periodic("Leased", { period: 60_000, lease: store }, () => {}))).toThrow(/Leased: option "lease" cannot be used on the pg-boss engine/);
    expect(manager.size).toBe(0);
    manager.add(periodic("Good", { period: 60_000 }, () => {}));
    await manager.start();
    await manager.stop();
    expect(await schedules()).toEqual(["Good"]);
  }, 30_000);

  test("jobs run through the run path: trigger, errors to onError, status from the schedule, pause and stop", async () => {
    const onError = vi.fn();
    const manager = new BackgroundWorkerManager({ engine: pgBossEngine({ boss: newBoss(), pollingIntervalSeconds: 0.5 }), onError, logger: silentLogger() });
    const seen: { scheduledAt: number; startedAt: number; fencingToken: number | undefined; aborted: boolean }[] = [];
    let fail = false;
    manager.add(periodic("Unit", { cron: "0 0 1 1 *", timezone: "UTC" }, ({ scheduledAt, startedAt, fencingToken, signal }) => {
      seen.push({ scheduledAt, startedAt, fencingToken, aborted: signal.aborted });
      if (fail) throw new Error("boom");
    }));
    await manager.start();
    // nextRunAt: the schedule's next slot (next New Year, UTC).
    const year = new Date().getUTCFullYear();
    expect(manager.status()[0]!.nextRunAt).toBe(Date.UTC(year + 1, 0, 1));
    const before = Date.now();
    const ok = await manager.trigger("Unit");
    expect(ok).toMatchObject({ worker: "Unit", ok: true });
    expect(seen).toHaveLength(1);
    // A triggered job's scheduledAt is when it was sent (pg-boss's createdOn, the database's clock); no fencing token.
    expect(Math.abs(seen[0]!.scheduledAt - before)).toBeLessThan(2_000);
    expect(seen[0]!.fencingToken).toBeUndefined();
    fail = true;
    const failed = await manager.trigger("Unit");
    expect(failed.ok).toBe(false);
    expect(String((failed.error as Error).message)).toMatch(/Unit: the triggered job failed: boom/);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(manager.status()[0]).toMatchObject({ runs: 2, failures: 1 });
    fail = false;
    // Paused here: this instance takes no job; resumed: it does again.
    await manager.pause("Unit");
    expect(manager.status()[0]!.state).toBe("paused");
    await manager.resume("Unit");
    expect((await manager.trigger("Unit")).ok).toBe(true);
    expect((await manager.stop()).ok).toBe(true);
  }, 30_000);
});
