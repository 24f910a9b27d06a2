/**
 * A cluster lease store in PostgreSQL, through the client you already have: `postgres`
 * (postgres.js) or a `pg` Pool. This file imports no PostgreSQL library.
 *
 * How the cluster is coordinated is in `cluster.ts`; here is its PostgreSQL side, one statement a
 * call, on the database's clock (`clock_timestamp()`): a table of members and when their
 * membership ends, a table of workers (holder, fencing token, last slot), a one-row table with the
 * membership's version and the store's incarnation, and a sequence for tokens. A claim is an
 * `INSERT … ON CONFLICT … DO UPDATE … WHERE` the holder is no live member, so concurrent claimants
 * queue on the row lock and one wins.
 *
 * Why rows and not advisory locks: an advisory lock belongs to one database session, so it must sit
 * on a connection held for as long as the lease (not a pool's), it vanishes silently with that
 * connection, it has no expiry, and fencing would need a sequence anyway.
 *
 * A table dropped under a running cluster is created again on the next call that finds it missing;
 * the store then counts as having lost its state: a new incarnation (every holder drops its leases)
 * and no lease for one membership lifetime. The sequence starts at the clock in microseconds, so
 * tokens grow across that too.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { postgresLeaseStore } from "@background/workers/postgres";
 * import postgres from "postgres";
 *
 * const manager = new BackgroundWorkerManager({ lease: postgresLeaseStore(postgres("postgres://localhost/app")) });
 * ```
 * @module
 */
import type { ClusterLeaseStore } from "../core/lease.ts";
import { clusterStore } from "./cluster.ts";
import type { Beat, Claim, ClusterProtocol } from "./protocol.ts";

export type { ClusterLeaseStore, LeaseStore } from "../core/lease.ts";

/**
 * Any client this store can talk through: postgres.js (`sql.unsafe`), a pg Pool (`query`), or a
 * function that runs one parameterised statement and returns its rows. Not a single pg Client: once
 * its connection drops it is dead for good (pg's rule), and the cluster with it.
 *
 * @example
 * ```ts
 * import type { PostgresClientLike } from "@background/workers/postgres";
 *
 * const run: PostgresClientLike = (_text, _params) => Promise.resolve([]);
 * ```
 */
export type PostgresClientLike =
  | { unsafe(query: string, params?: unknown[]): PromiseLike<readonly Record<string, unknown>[]> }
  | { query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> }
  | ((text: string, params: unknown[]) => Promise<readonly Record<string, unknown>[]>);

/**
 * Options of {@link postgresLeaseStore}.
 *
 * @example
 * ```ts
 * import type { PostgresLeaseStoreOptions } from "@background/workers/postgres";
 *
 * const options: PostgresLeaseStoreOptions = { table: "app_workers", createTable: false };
 * ```
 */
export interface PostgresLeaseStoreOptions {
  /**
   * The workers' table (an unquoted identifier, optionally schema-qualified); the others are named
   * after it (`_members`, `_cluster`, `_tokens`). Default `background_workers`.
   */
  readonly table?: string;
  /** Create the tables on first use (and again if dropped). Default true; false when a migration made them ({@link postgresLeaseSchema}). */
  readonly createTable?: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;
const DEFAULT_TABLE = "background_workers";

/**
 * The SQL that creates the store's tables and token sequence: run it in a migration and pass
 * `createTable: false`, or let the store run it on first use.
 *
 * @example
 * ```ts
 * import { postgresLeaseSchema } from "@background/workers/postgres";
 *
 * console.log(postgresLeaseSchema("background_workers"));
 * ```
 */
export function postgresLeaseSchema(table: string = DEFAULT_TABLE): string {
  checkTable(table);
  return `CREATE TABLE IF NOT EXISTS ${table} (
  name text PRIMARY KEY,
  holder text,
  token bigint,
  slot double precision
);
CREATE TABLE IF NOT EXISTS ${table}_members (
  instance text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS ${table}_cluster (
  id int PRIMARY KEY CHECK (id = 1),
  epoch text NOT NULL,
  version bigint NOT NULL,
  quarantine_until timestamptz NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS ${table}_tokens;
INSERT INTO ${table}_cluster VALUES (1, gen_random_uuid()::text, 0, clock_timestamp()) ON CONFLICT (id) DO NOTHING;
SELECT setval('${table}_tokens', GREATEST((SELECT last_value FROM ${table}_tokens), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint));`;
}

/**
 * A cluster lease store in PostgreSQL.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { postgresLeaseStore } from "@background/workers/postgres";
 * import pg from "pg";
 *
 * const pool = new pg.Pool({ connectionString: "postgres://localhost/app" });
 * pool.on("error", (error) => console.error("idle client", error));
 * const manager = new BackgroundWorkerManager({ lease: { store: postgresLeaseStore(pool), ttl: 10_000 } });
 * ```
 */
export function postgresLeaseStore(client: PostgresClientLike, options: PostgresLeaseStoreOptions = {}): ClusterLeaseStore {
  const run = runner(client);
  const table = options.table ?? DEFAULT_TABLE;
  checkTable(table);
  return clusterStore(postgresProtocol(run, table, options.createTable !== false));
}

type Run = (text: string, params: unknown[]) => Promise<readonly Record<string, unknown>[]>;

/** The PostgreSQL side of the cluster protocol. */
function postgresProtocol(query: Run, table: string, create: boolean): ClusterProtocol {
  const members = `${table}_members`;
  const meta = `${table}_cluster`;
  let ready: Promise<void> | undefined = create ? undefined : Promise.resolve();
  /** The membership lifetime heartbeats last asked for: the quarantine after a lost state. */
  let lifetime = 0;
  // Several instances start at once: CREATE … IF NOT EXISTS can still race on the catalog, so the DO
  // block takes a transaction-scoped advisory lock first. `lost`: the tables were there and went
  // (dropped): a new incarnation, and no lease until the holders from before have noticed.
  const ensure = (lost: number | undefined): Promise<void> =>
    ready ??= query(
      `DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('${table}')); ${
        postgresLeaseSchema(table).replaceAll("\n", " ").replace("SELECT setval", "PERFORM setval")
      }${
        lost === undefined ? "" : ` UPDATE ${meta} SET epoch = gen_random_uuid()::text, quarantine_until = clock_timestamp() + interval '${Math.ceil(lost)} milliseconds';`
      } END $$`,
      [],
    ).then(() => {}, (error: unknown) => {
      ready = undefined;
      throw error;
    });
  /** Runs a statement; a missing table (42P01, dropped under us) is created again, and the statement retried once. */
  const run = async (text: string, params: unknown[]): Promise<readonly Record<string, unknown>[]> => {
    await ensure(undefined);
    try {
      return await query(text, params);
    } catch (error) {
      if (!create || (error as { code?: string })?.code !== "42P01") throw error;
      ready = undefined;
      await ensure(lifetime);
      return await query(text, params);
    }
  };
  const slotArrays = (pairs: readonly [string, number][]): [string[], number[]] => [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
  const saveSlots = `saved AS (
    INSERT INTO ${table} (name, slot) SELECT * FROM unnest($SLOTNAMES::text[], $SLOTS::float8[])
    ON CONFLICT (name) DO UPDATE SET slot = EXCLUDED.slot RETURNING 1
  )`;
  return {
    async heartbeat(instance, life, quarantine, pairs, previous): Promise<Beat> {
      lifetime = quarantine;
      if (previous !== undefined) {
        // The instance's workers changed, and with them its id: its leases are the new id's. Apart
        // from the heartbeat below, which writes slots to the same rows.
        await run(
          `WITH retired AS (DELETE FROM ${members} WHERE instance = $2 RETURNING 1),
           moved AS (UPDATE ${table} SET holder = $1 WHERE holder = $2 RETURNING 1),
           bumped AS (UPDATE ${meta} SET version = version + 1 WHERE id = 1 RETURNING 1)
           SELECT (SELECT count(*) FROM retired), (SELECT count(*) FROM moved), (SELECT count(*) FROM bumped)`,
          [instance, previous],
        );
      }
      const [names, slots] = slotArrays(pairs);
      // Expired members are dropped with SKIP LOCKED. A row that another statement holds is being
      // renewed by its owner, or dropped by another heartbeat. Waiting for it deadlocked: two
      // instances both late each held their own row and waited for the other's. PostgreSQL then
      // waits deadlock_timeout (1 s) before it breaks the cycle, past the heartbeat's limit, and every
      // instance loses its membership.
      const rows = await run(
        `WITH up AS (
           INSERT INTO ${members} (instance, expires_at) VALUES ($1, clock_timestamp() + $2::int * interval '1 millisecond')
           ON CONFLICT (instance) DO UPDATE SET expires_at = EXCLUDED.expires_at
           RETURNING (xmax = 0) AS joined
         ),
         gone AS (
           DELETE FROM ${members} WHERE instance IN (
             SELECT instance FROM ${members} WHERE expires_at < clock_timestamp() AND instance <> $1 FOR UPDATE SKIP LOCKED
           ) RETURNING 1
         ),
         ${saveSlots.replace("$SLOTNAMES", "$3").replace("$SLOTS", "$4")},
         bumped AS (
           UPDATE ${meta} SET version = version + 1
           WHERE id = 1 AND ((SELECT joined FROM up) OR EXISTS (SELECT 1 FROM gone)) RETURNING version
         )
         SELECT c.epoch, COALESCE((SELECT version FROM bumped), c.version) AS version, (SELECT joined FROM up) AS joined,
           (SELECT count(*) FROM saved) AS saved,
           GREATEST(0, extract(epoch FROM c.quarantine_until - clock_timestamp()) * 1000)::float8 AS quarantine
         FROM ${meta} c WHERE c.id = 1`,
        [instance, Math.ceil(life), names, slots],
      );
      const row = rows[0];
      if (row === undefined) throw new Error(`postgresLeaseStore: the row of ${meta} is missing`);
      return { epoch: String(row.epoch), version: Number(row.version), joined: row.joined === true, quarantine: Number(row.quarantine ?? 0) };
    },
    async members() {
      return (await run(`SELECT instance FROM ${members}`, [])).map((row) => String(row.instance));
    },
    async claim(worker, instance): Promise<Claim> {
      const rows = await run(
        `WITH q AS (
           SELECT (SELECT quarantine_until FROM ${meta} WHERE id = 1) > clock_timestamp() AS quarantined,
             EXISTS (SELECT 1 FROM ${members} WHERE instance = $2 AND expires_at >= clock_timestamp()) AS member
         ),
         current AS (SELECT holder, token, slot FROM ${table} WHERE name = $1),
         taken AS (
           INSERT INTO ${table} AS l (name, holder, token)
           SELECT $1, $2, nextval('${table}_tokens') FROM q WHERE q.member AND NOT q.quarantined
           ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, token = EXCLUDED.token
           WHERE l.holder IS NULL OR (l.holder <> EXCLUDED.holder AND NOT EXISTS (
             SELECT 1 FROM ${members} m WHERE m.instance = l.holder AND m.expires_at >= clock_timestamp()
           ))
           RETURNING token, slot
         )
         SELECT q.quarantined, q.member, (SELECT token FROM taken) AS taken, (SELECT slot FROM taken) AS taken_slot,
           current.holder, current.token, current.slot
         FROM q LEFT JOIN current ON true`,
        [worker, instance],
      );
      const row = rows[0] ?? {};
      if (row.quarantined === true) return "quarantine";
      if (row.member !== true) return "not-member";
      if (row.taken !== null && row.taken !== undefined) return { token: Number(row.taken), slot: slotOf(row.taken_slot), fresh: true };
      if (row.holder === instance) return { token: Number(row.token), slot: slotOf(row.slot), fresh: false };
      return { holder: String(row.holder) };
    },
    async record(pairs) {
      if (pairs.length === 0) return;
      const [names, slots] = slotArrays(pairs);
      await run(`WITH ${saveSlots.replace("$SLOTNAMES", "$1").replace("$SLOTS", "$2")} SELECT count(*) FROM saved`, [names, slots]);
    },
    async release(workers, instance, pairs) {
      // One UPDATE frees a lease and records its last slot: two data-modifying parts of one
      // statement touching the same row would see the same snapshot, and one of them would be lost.
      const slots = new Map(pairs);
      await run(
        `UPDATE ${table} t SET holder = NULL, slot = COALESCE(x.slot, t.slot)
         FROM unnest($1::text[], $3::float8[]) AS x(name, slot)
         WHERE t.name = x.name AND t.holder = $2`,
        [workers, instance, workers.map((w) => slots.get(w) ?? null)],
      );
    },
    async leave(instance, pairs) {
      const [names, slots] = slotArrays(pairs);
      await run(
        `WITH gone AS (DELETE FROM ${members} WHERE instance = $1 RETURNING 1),
         freed AS (
           UPDATE ${table} t SET holder = CASE WHEN t.holder = $1 THEN NULL ELSE t.holder END,
             slot = COALESCE((SELECT x.slot FROM unnest($2::text[], $3::float8[]) AS x(name, slot) WHERE x.name = t.name), t.slot)
           WHERE t.holder = $1 OR t.name = ANY($2::text[])
           RETURNING 1
         ),
         bumped AS (UPDATE ${meta} SET version = version + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM gone) RETURNING 1)
         SELECT (SELECT count(*) FROM freed) AS freed, (SELECT count(*) FROM bumped) AS bumped`,
        [instance, names, slots],
      );
    },
  };
}

const slotOf = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function checkTable(table: string): void {
  if (typeof table !== "string" || !IDENTIFIER.test(table)) {
    throw new TypeError(`postgresLeaseStore: option "table" must be an unquoted identifier, got ${JSON.stringify(table)}`);
  }
}

function runner(client: PostgresClientLike): Run {
  // postgres.js's `sql` is itself a function (a tagged template): look for `unsafe` first.
  if (client !== null && (typeof client === "object" || typeof client === "function")) {
    if ("unsafe" in client && typeof client.unsafe === "function") {
      const sql = client;
      return async (text, params) => [...await sql.unsafe(text, params)];
    }
    if ("query" in client && typeof client.query === "function") {
      const pg = client as { query: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> } & PoolLike;
      if (pg.connectionParameters !== undefined && pg.totalCount === undefined) {
        throw new TypeError(
          "postgresLeaseStore: a single pg.Client is dead for good once its connection drops (pg's rule); pass a pg.Pool",
        );
      }
      // An idle pooled connection that the server ends (a restart, pg_terminate_backend) emits
      // "error" on the pool, which crashes the process when nobody listens; the next query
      // reconnects, and what fails then is reported as a lease fault.
      if (typeof pg.on === "function" && typeof pg.listenerCount === "function" && pg.listenerCount("error") === 0) {
        pg.on("error", () => {});
      }
      return async (text, params) => (await pg.query(text, params)).rows;
    }
  }
  if (typeof client === "function") return client;
  throw new TypeError("postgresLeaseStore: expected a postgres.js sql, a pg Pool, or a query function");
}

/** What tells a pg Pool from a pg Client, and lets us listen to its idle clients' errors. */
interface PoolLike {
  readonly connectionParameters?: unknown;
  readonly totalCount?: number;
  on?(event: "error", listener: (error: unknown) => void): unknown;
  listenerCount?(event: "error"): number;
}
