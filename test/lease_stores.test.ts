/**
 * The Redis and PostgreSQL sides of the cluster protocol (src/lease/redis.ts, postgres.ts), called
 * directly in this process against the real stores at 127.0.0.1 (Redis 6379, PostgreSQL 5432 db
 * `test`), through each kind of client the stores accept. The multi-process tests (lease_redis,
 * lease_postgres, lease_spread) show the cluster behaving; these pin what each call answers, so that
 * mutation testing (`npm run mutate`) can see a store's mistake in one process. Each test has keys or
 * tables of its own. Waits on real time only where a membership must have run out (a 40 ms
 * lifetime, then 250 ms): never where one must still be alive (those last a minute).
 */
import { Redis } from "ioredis";
import pg from "pg";
import postgres from "postgres";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Coordinator } from "../src/lease/cluster.ts";
import { postgresLeaseSchema, postgresLeaseStore } from "../src/lease/postgres.ts";
import type { ClusterProtocol } from "../src/lease/protocol.ts";
import { redisLeaseStore } from "../src/lease/redis.ts";
import { probe } from "./lease_cluster.ts";

const MINUTE = 60_000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let seq = 0;
const unique = (label: string): string => `${label}_${process.pid}_${Date.now()}_${seq++}`;

/** The protocol under a store: what its coordinator talks to. */
function protocolOf(store: ReturnType<typeof redisLeaseStore>): ClusterProtocol {
  const coordinator = store.coordinator({ ttl: 3_000, timers: undefined as never, report() {} }) as Coordinator;
  return coordinator.protocol;
}

/** The calls every store must answer alike; `fresh()` gives a protocol over keys or tables of its own. */
function contract(fresh: () => ClusterProtocol): void {
  test("a first heartbeat on a store that has been up long joins without quarantine; the next one is no join", async () => {
    const p = fresh();
    const first = await p.heartbeat("A", MINUTE, 1_000, []);
    expect(first).toEqual({ epoch: expect.any(String), version: expect.any(Number), joined: true, quarantine: 0 });
    const again = await p.heartbeat("A", MINUTE, 1_000, []);
    expect(again).toEqual({ epoch: first.epoch, version: first.version, joined: false, quarantine: 0 });
    const b = await p.heartbeat("B", MINUTE, 1_000, []);
    expect(b.joined).toBe(true);
    expect(b.version).toBeGreaterThan(first.version);
    expect((await p.members()).sort()).toEqual(["A", "B"]);
  });

  test("claims: taken fresh with a new token, then held with the same; another member is told the holder; a stranger is no member", async () => {
    const p = fresh();
    const before = Date.now();
    await p.heartbeat("A", MINUTE, 1_000, []);
    await p.heartbeat("B", MINUTE, 1_000, []);
    const taken = await p.claim("w", "A");
    expect(taken).toEqual({ token: expect.any(Number), slot: null, fresh: true });
    const token = (taken as { token: number }).token;
    // Tokens start at the store's clock in microseconds, so they grow across a store's restarts.
    expect(token).toBeGreaterThan((before - MINUTE) * 1_000);
    expect(await p.claim("w", "A")).toEqual({ token, slot: null, fresh: false });
    expect(await p.claim("w", "B")).toEqual({ holder: "A" });
    expect(await p.claim("w", "C")).toBe("not-member");
    const other = await p.claim("v", "B");
    expect((other as { token: number }).token).toBeGreaterThan(token);
  });

  test("slots: recorded by a heartbeat or record(), handed back with the lease", async () => {
    const p = fresh();
    await p.heartbeat("A", MINUTE, 1_000, [["w", 1_700_000_000_000.5]]);
    expect(await p.claim("w", "A")).toMatchObject({ slot: 1_700_000_000_000.5, fresh: true });
    await p.record([["w", 1_700_000_001_000], ["v", 42]]);
    await p.record([]);
    expect(await p.claim("w", "A")).toMatchObject({ slot: 1_700_000_001_000, fresh: false });
    expect(await p.claim("v", "A")).toMatchObject({ slot: 42, fresh: true });
  });

  test("release frees only the caller's leases, recording their slots; the next holder gets a greater token", async () => {
    const p = fresh();
    await p.heartbeat("A", MINUTE, 1_000, []);
    await p.heartbeat("B", MINUTE, 1_000, []);
    const first = (await p.claim("w", "A")) as { token: number };
    await p.claim("v", "A");
    await p.release(["w", "v"], "B", [["w", 5]]);
    expect(await p.claim("w", "B")).toEqual({ holder: "A" });
    await p.release(["w"], "A", [["w", 7]]);
    const next = await p.claim("w", "B");
    expect(next).toMatchObject({ slot: 7, fresh: true });
    expect((next as { token: number }).token).toBeGreaterThan(first.token);
    // "v" was not released: A still holds it.
    expect(await p.claim("v", "B")).toEqual({ holder: "A" });
  });

  test("leave ends the membership, bumps the version, frees the leases and records the slots", async () => {
    const p = fresh();
    await p.heartbeat("A", MINUTE, 1_000, []);
    const { version } = await p.heartbeat("B", MINUTE, 1_000, []);
    await p.claim("w", "A");
    await p.claim("v", "B");
    await p.leave("A", [["w", 9]]);
    expect(await p.members()).toEqual(["B"]);
    expect((await p.heartbeat("B", MINUTE, 1_000, [])).version).toBe(version + 1);
    expect(await p.claim("w", "B")).toMatchObject({ slot: 9, fresh: true });
    expect(await p.claim("w", "A")).toBe("not-member");
    // B's own lease stayed B's.
    expect(await p.claim("v", "B")).toMatchObject({ fresh: false });
    // A second leave of a member that is gone changes nothing.
    await p.leave("A", []);
    expect((await p.heartbeat("B", MINUTE, 1_000, [])).version).toBe(version + 1);
  });

  test("a heartbeat with the previous id retires it and hands its leases, with their tokens, to the new id", async () => {
    const p = fresh();
    const { version } = await p.heartbeat("A", MINUTE, 1_000, []);
    await p.heartbeat("B", MINUTE, 1_000, []);
    const held = (await p.claim("w", "A")) as { token: number };
    const other = (await p.claim("v", "B")) as { token: number };
    const beat = await p.heartbeat("A2", MINUTE, 1_000, [], "A");
    expect(beat.version).toBeGreaterThan(version + 1);
    expect((await p.members()).sort()).toEqual(["A2", "B"]);
    expect(await p.claim("w", "A2")).toEqual({ token: held.token, slot: null, fresh: false });
    expect(await p.claim("v", "A2")).toEqual({ holder: "B" });
    expect(await p.claim("v", "B")).toEqual({ token: other.token, slot: null, fresh: false });
  });

  test("a membership that ran out is dropped by the next heartbeat, and its lease can be taken", async () => {
    const p = fresh();
    await p.heartbeat("A", MINUTE, 1_000, []);
    const { version } = await p.heartbeat("B", MINUTE, 1_000, []);
    const first = (await p.claim("w", "A")) as { token: number };
    expect(first).toMatchObject({ fresh: true });
    // A's membership now ends 40 ms from this heartbeat.
    expect(await p.heartbeat("A", 40, 1_000, [])).toMatchObject({ joined: false, version });
    await sleep(250);
    expect(await p.claim("w", "A")).toBe("not-member");
    const next = await p.claim("w", "B");
    expect(next).toMatchObject({ fresh: true });
    expect((next as { token: number }).token).toBeGreaterThan(first.token);
    const beat = await p.heartbeat("B", MINUTE, 1_000, []);
    expect(beat).toMatchObject({ joined: false, version: version + 1 });
    expect(await p.members()).toEqual(["B"]);
  });
}

// ——— Redis ———

const redisDown = await probe(6379).then(() => undefined, (error: Error) => `Redis 127.0.0.1:6379 is unreachable (${error.message})`);
if (redisDown !== undefined) console.log(`SKIPPED the Redis store's protocol tests: ${redisDown}`);

describe.skipIf(redisDown !== undefined)("the Redis store's side of the protocol, on 127.0.0.1:6379", () => {
  let client: Redis;
  let nodeRedis: ReturnType<typeof createClient>;
  const prefixes: string[] = [];
  const prefix = (): string => {
    const p = unique("bgw-test-stores:");
    prefixes.push(p);
    return p;
  };
  beforeAll(async () => {
    client = new Redis({ host: "127.0.0.1", port: 6379, lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    nodeRedis = createClient({ url: "redis://127.0.0.1:6379" });
    await nodeRedis.connect();
  });
  afterAll(async () => {
    for (const p of prefixes) {
      const keys = ["members", "meta", "slots", "leases", "fence"].map((k) => `{${p}}${k}`);
      await client?.del(...keys);
    }
    await client?.quit();
    await nodeRedis?.quit();
  });

  describe("through ioredis", () => contract(() => protocolOf(redisLeaseStore(client, { prefix: prefix() }))));
  describe("through node-redis", () => contract(() => protocolOf(redisLeaseStore(nodeRedis, { prefix: prefix() }))));
  describe("through a send function", () => {
    contract(() =>
      protocolOf(redisLeaseStore((args) => client.call(args[0] as string, ...args.slice(1)), { prefix: prefix() }))
    );
  });

  test("every key of a prefix carries its hash tag; the default prefix is bgw:lease:", async () => {
    const sent: string[][] = [];
    const send = (args: string[]): Promise<unknown> => {
      sent.push(args);
      return client.call(args[0] as string, ...args.slice(1));
    };
    const p = protocolOf(redisLeaseStore(send));
    await p.members();
    expect(sent[0]).toEqual(["ZRANGE", "{bgw:lease:}members", "0", "-1"]);
    const q = protocolOf(redisLeaseStore(send, { prefix: "app:" }));
    await q.members();
    expect(sent[1]).toEqual(["ZRANGE", "{app:}members", "0", "-1"]);
  });

  test("a store whose state is fresh while Redis itself is young starts a quarantine; no lease before it ends", async () => {
    const p = protocolOf(redisLeaseStore(client, { prefix: prefix() }));
    // A quarantine longer than Redis has been up: as after a restart that lost the keys.
    const beat = await p.heartbeat("A", MINUTE, 1e12, []);
    expect(beat.joined).toBe(true);
    expect(beat.quarantine).toBeGreaterThan(1e12 - 1e11);
    expect(await p.claim("w", "A")).toBe("quarantine");
    expect((await p.heartbeat("A", MINUTE, 1e12, [])).epoch).toBe(beat.epoch);
  });

  test("options: a prefix with braces, or something that is no client, is a TypeError at the call", () => {
    expect(() => redisLeaseStore(client, { prefix: "a{b}" })).toThrow(
      new TypeError('redisLeaseStore: option "prefix" must be a string without braces, got "a{b}"'),
    );
    expect(() => redisLeaseStore(client, { prefix: 5 as unknown as string })).toThrow(/must be a string without braces, got 5/);
    const noClient = "redisLeaseStore: expected an ioredis client, a node-redis client, or a send function";
    expect(() => redisLeaseStore({} as never)).toThrow(new TypeError(noClient));
    expect(() => redisLeaseStore(null as never)).toThrow(new TypeError(noClient));
    expect(() => redisLeaseStore({ call: 1 } as never)).toThrow(new TypeError(noClient));
    expect(() => redisLeaseStore({ sendCommand: 1 } as never)).toThrow(new TypeError(noClient));
  });
});

// ——— PostgreSQL ———

const connection = { host: "127.0.0.1", port: 5432, database: "test", user: "postgres" };
const postgresDown = await probe(5432).then(() => undefined, (error: Error) => `PostgreSQL 127.0.0.1:5432 is unreachable (${error.message})`);
if (postgresDown !== undefined) console.log(`SKIPPED the PostgreSQL store's protocol tests: ${postgresDown}`);

describe.skipIf(postgresDown !== undefined)("the PostgreSQL store's side of the protocol, on 127.0.0.1:5432/test", () => {
  let pool: pg.Pool;
  let sql: ReturnType<typeof postgres>;
  const tables: string[] = [];
  const table = (): string => {
    const t = unique("bgw_test_stores").toLowerCase();
    tables.push(t);
    return t;
  };
  beforeAll(() => {
    pool = new pg.Pool({ ...connection, max: 2 });
    sql = postgres({ ...connection, max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    for (const t of tables) {
      await pool.query(`DROP TABLE IF EXISTS ${t}, ${t}_members, ${t}_cluster; DROP SEQUENCE IF EXISTS ${t}_tokens`);
    }
    await pool?.end();
    await sql?.end();
  });

  describe("through a pg Pool", () => contract(() => protocolOf(postgresLeaseStore(pool, { table: table() }))));
  describe("through postgres.js", () => contract(() => protocolOf(postgresLeaseStore(sql, { table: table() }))));
  describe("through a query function", () => {
    contract(() => protocolOf(postgresLeaseStore(async (text, params) => (await pool.query(text, params)).rows, { table: table() })));
  });

  test("a heartbeat does not wait for an expired member's row that another statement holds (two late instances deadlocked)", async () => {
    const t = table();
    const p = protocolOf(postgresLeaseStore(pool, { table: t }));
    await p.heartbeat("A", 40, 1_000, []);
    await p.heartbeat("B", MINUTE, 1_000, []);
    await sleep(250);
    // A's own heartbeat is under way: it holds A's row, as its upsert does.
    const a = new pg.Client(connection);
    await a.connect();
    try {
      await a.query("BEGIN");
      await a.query(`SELECT 1 FROM ${t}_members WHERE instance = 'A' FOR UPDATE`);
      const beat = await Promise.race([p.heartbeat("B", MINUTE, 1_000, []), sleep(5_000).then(() => "waited")]);
      expect(beat).toMatchObject({ joined: false });
      // Left to A's own statement; the next heartbeat after it drops it if it has still run out.
      expect((await p.members()).sort()).toEqual(["A", "B"]);
      await a.query("COMMIT");
    } finally {
      await a.end();
    }
    await p.heartbeat("B", MINUTE, 1_000, []);
    expect(await p.members()).toEqual(["B"]);
  });

  test("a table dropped under the store is made again: a new incarnation, and a quarantine of the lifetime asked", async () => {
    const t = table();
    const p = protocolOf(postgresLeaseStore(pool, { table: t }));
    const first = await p.heartbeat("A", MINUTE, 5_000, []);
    expect(first.quarantine).toBe(0);
    await p.claim("w", "A");
    await pool.query(`DROP TABLE ${t}`);
    const beat = await p.heartbeat("A", MINUTE, 5_000, []);
    expect(beat.epoch).not.toBe(first.epoch);
    expect(beat.quarantine).toBeGreaterThan(4_000);
    expect(beat.quarantine).toBeLessThanOrEqual(5_000);
    expect(await p.claim("w", "A")).toBe("quarantine");
  });

  test("createTable: false makes nothing: a missing table is the store's error; a migration's schema makes it work", async () => {
    const t = table();
    const p = protocolOf(postgresLeaseStore(pool, { table: t, createTable: false }));
    await expect(p.members()).rejects.toMatchObject({ code: "42P01" });
    await pool.query(`DO $$ BEGIN ${postgresLeaseSchema(t).replace("SELECT setval", "PERFORM setval")} END $$`);
    expect(await p.heartbeat("A", MINUTE, 1_000, [])).toMatchObject({ joined: true, quarantine: 0 });
    expect(await p.members()).toEqual(["A"]);
  });

  test("a failed creation is tried again on the next call", async () => {
    let fail = true;
    const t = table();
    const p = protocolOf(postgresLeaseStore(async (text, params) => {
      if (fail) {
        fail = false;
        throw new Error("connection refused");
      }
      return (await pool.query(text, params)).rows;
    }, { table: t }));
    await expect(p.members()).rejects.toThrow("connection refused");
    expect(await p.members()).toEqual([]);
  });

  test("postgresLeaseSchema names every table after the one given (default background_workers)", () => {
    const schema = postgresLeaseSchema();
    for (const name of ["background_workers (", "background_workers_members (", "background_workers_cluster (", "SEQUENCE IF NOT EXISTS background_workers_tokens"]) {
      expect(schema).toContain(name);
    }
    expect(postgresLeaseSchema("app.jobs")).toContain("CREATE TABLE IF NOT EXISTS app.jobs_members (");
  });

  test("options: a table that is no unquoted identifier, a single pg.Client, or no client is a TypeError at the call", () => {
    for (const bad of ["Jobs", "a-b", "a.b.c", "1a", "", "jobs;drop"]) {
      expect(() => postgresLeaseStore(pool, { table: bad })).toThrow(
        new TypeError(`postgresLeaseStore: option "table" must be an unquoted identifier, got ${JSON.stringify(bad)}`),
      );
      expect(() => postgresLeaseSchema(bad)).toThrow(TypeError);
    }
    expect(() => postgresLeaseStore(new pg.Client(connection))).toThrow(/a single pg\.Client is dead for good .* pass a pg\.Pool/);
    const noClient = "postgresLeaseStore: expected a postgres.js sql, a pg Pool, or a query function";
    expect(() => postgresLeaseStore({} as never)).toThrow(new TypeError(noClient));
    expect(() => postgresLeaseStore(null as never)).toThrow(new TypeError(noClient));
    expect(() => postgresLeaseStore({ query: 1 } as never)).toThrow(new TypeError(noClient));
  });

  test("a pool with no error listener gets one (an idle client's error must not end the process); one with a listener is left alone", () => {
    const bare = new pg.Pool(connection);
    postgresLeaseStore(bare);
    expect(bare.listenerCount("error")).toBe(1);
    postgresLeaseStore(bare);
    expect(bare.listenerCount("error")).toBe(1);
    void bare.end();
  });
});
