/**
 * Issue 13's PostgreSQL faults (fault 6) against a private cluster (initdb): a dropped lease table,
 * a TTL past what the store's SQL can hold, and connections ended by the server
 * (pg_terminate_backend). Each failed before the cluster design of src/lease/cluster.ts.
 */
// @ts-nocheck

import pg from "pg";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { type PostgresClientLike, postgresLeaseStore } from "../src/lease/postgres.ts";
import { runtime } from "./child.ts";
import { silentLogger } from "./helpers.ts";
import { until } from "./instance_events.ts";
import { Cluster } from "./instances.ts";
import { PrivatePostgres, postgresMissing } from "./stores.ts";

let seq = 0;
const unique = (label: string): string => `${label}_${runtime}_${Date.now()}_${seq++}`;
const message = (error: unknown): string => (error as Error)?.message ?? String(error);

describe("6. PostgreSQL: lease.ttl", () => {
  test("6. lease.ttl above 2^31-1 ms is a RangeError at construction, not a failure of every store call", () => {
    // The store's SQL passes the TTL as an int: past 2^31-1 every acquire and renew would fail.
    const store = postgresLeaseStore(() => Promise.resolve([]));
    const ttl = 2 ** 31;
    expect(() => new BackgroundWorkerManager({ lease: { store, ttl } })).toThrow(RangeError);
    expect(() => periodic("LongLease", { period: 1_000, lease: { store, ttl } }, () => {})).toThrow(RangeError);
  });
});

const missing = postgresMissing();
if (missing !== undefined) console.log(`SKIPPED the PostgreSQL lease fault tests: ${missing}`);

describe.skipIf(missing !== undefined)("6. PostgreSQL faults (private cluster)", () => {
  const cluster = new PrivatePostgres();
  const instances = new Cluster();
  beforeAll(() => cluster.start(), 60_000);
  afterAll(() => cluster.stop(), 30_000);
  afterEach(() => instances.dispose());
  const ttl = 900;

  /** A manager on `client` whose runs and lease errors the test reads. */
  async function running(client: PostgresClientLike, table?: string) {
    const runs: number[] = [];
    const errors: string[] = [];
    const manager = new BackgroundWorkerManager({
      lease: { store: postgresLeaseStore(client, table === undefined ? {} : { table }), ttl },
      logger: silentLogger(),
      onError: (error) => void errors.push(message(error)),
    });
    manager.add(periodic(unique("w"), { period: 50 }, () => void runs.push(Date.now())));
    await manager.start();
    await until("first run", 10_000, () => runs.length > 0, () => `errors ${JSON.stringify(errors.slice(-3))}`);
    // Runs one TTL after `at` needed the store: until then the holder may run on its lease's validity.
    const after = (at: number) => (): boolean => runs.some((t) => t > at + ttl);
    const state = (at: number) => (): string =>
      `${errors.length} lease errors, ${runs.filter((t) => t > at).length} runs since; last error: ${errors.at(-1)}`;
    return { manager, runs, after, state };
  }

  const terminate = (application: string): Promise<unknown> =>
    cluster.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [application]);

  test("6. a dropped lease table is created again, and runs resume", async () => {
    const table = unique("dropped_leases");
    const sql = postgres({ ...cluster.connection(), max: 2, onnotice: () => {} });
    const { manager, after, state } = await running(sql, table);
    try {
      await cluster.query(`DROP TABLE ${table}`);
      const droppedAt = Date.now();
      await until("run after DROP TABLE", 10_000, after(droppedAt), state(droppedAt));
      const [row] = await cluster.query("SELECT to_regclass($1)::text AS t", [table]);
      expect(row?.t).toBe(table);
    } finally {
      await manager.stop();
      await sql.end({ timeout: 1 });
    }
  }, 30_000);

  test("6. a single pg.Client is refused with a clear error: once its backend is terminated it is dead for good", async () => {
    const application = unique("bgw_client");
    const client = new pg.Client({ ...cluster.connection(), application_name: application });
    client.on("error", () => {});
    await client.connect();
    try {
      // What the store would face: pg refuses every query after the connection dropped.
      await terminate(application);
      await until("the client to notice", 5_000, async () => {
        try {
          await client.query("SELECT 1");
          return false;
        } catch (error) {
          return /not queryable|terminat|Connection terminated/i.test(message(error));
        }
      });
      expect(() => postgresLeaseStore(client)).toThrow(/postgresLeaseStore: a single pg.Client is dead for good.*pass a pg.Pool/);
    } finally {
      await client.end().catch(() => {});
    }
  }, 30_000);

  test("6. a pg.Pool without pool.on(\"error\"): terminating its connections neither ends the process nor the runs", async () => {
    const application = unique("bgw_pool");
    const prefix = `${unique("pool")}_w`;
    const child = instances.add({
      client: "pg",
      port: cluster.port,
      database: cluster.database,
      prefix,
      period: 50,
      ttl,
      runMs: 5,
      poolErrorListener: false,
      appName: application,
    });
    let exit: { code: number | null; signal: string | null } | undefined;
    void child.exited.then((e) => (exit = e));
    const state = (): string => `exit ${JSON.stringify(exit)}; stderr ${child.stderr().slice(0, 1_000)}`;
    // One TTL after `at` a run needed the store: until then the holder may run on its lease's validity.
    const ran = (at: number) => (): boolean => instances.observed.runs.some((r) => r.start > at + ttl);
    await until("first run", 15_000, ran(-ttl), state);
    await terminate(application);
    const terminatedAt = Date.now();
    await until("run after pg_terminate_backend, or the exit", 10_000, () => exit !== undefined || ran(terminatedAt)(), state);
    expect(exit, `the process ended: ${state()}`).toBeUndefined();
  }, 30_000);
});
