/**
 * A lease store in PostgreSQL, through the client you already have: `postgres` (postgres.js) or
 * `pg` (a Client or a Pool). This file imports no PostgreSQL library.
 *
 * A lease is a row, taken with `INSERT … ON CONFLICT (name) DO UPDATE … WHERE expires_at <
 * clock_timestamp()`: the insert wins when no row exists, the update only when the holder's lease
 * has expired, and the row lock makes concurrent takers queue behind each other. Renewing and giving
 * up compare the owner first. Fencing tokens come from a sequence, so they grow strictly.
 *
 * Why rows and not advisory locks: an advisory lock belongs to one database session, so it must sit
 * on a connection held for as long as the lease (not a pool's), it vanishes silently with that
 * connection, it has no expiry, and fencing would need a sequence anyway. A row works through any
 * pooled client, expires on the database's own clock, and behaves as the Redis store does.
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
import type { LeaseStore } from "../core/lease.ts";

export type { LeaseStore } from "../core/lease.ts";

/**
 * Any client this store can talk through: postgres.js (`sql.unsafe`), a pg Client or Pool
 * (`query`), or a function that runs one parameterised statement and returns its rows.
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
 * const options: PostgresLeaseStoreOptions = { table: "app_worker_leases", createTable: false };
 * ```
 */
export interface PostgresLeaseStoreOptions {
  /** The table (an unquoted identifier, optionally schema-qualified). Default `background_worker_leases`. */
  readonly table?: string;
  /** Create the table and its sequence on first use. Default true; false when a migration made them ({@link postgresLeaseSchema}). */
  readonly createTable?: boolean;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/**
 * The SQL that creates the lease table and its token sequence: run it in a migration and pass
 * `createTable: false`, or let the store run it on first use.
 *
 * @example
 * ```ts
 * import { postgresLeaseSchema } from "@background/workers/postgres";
 *
 * console.log(postgresLeaseSchema("background_worker_leases"));
 * ```
 */
export function postgresLeaseSchema(table = "background_worker_leases"): string {
  checkTable(table);
  return `CREATE TABLE IF NOT EXISTS ${table} (
  name text PRIMARY KEY,
  owner text NOT NULL,
  token bigint NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE SEQUENCE IF NOT EXISTS ${table}_tokens;`;
}

/**
 * A {@link LeaseStore} in PostgreSQL.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { postgresLeaseStore } from "@background/workers/postgres";
 * import pg from "pg";
 *
 * const pool = new pg.Pool({ connectionString: "postgres://localhost/app" });
 * const manager = new BackgroundWorkerManager({ lease: { store: postgresLeaseStore(pool), ttl: 10_000 } });
 * ```
 */
export function postgresLeaseStore(client: PostgresClientLike, options: PostgresLeaseStoreOptions = {}): LeaseStore {
  const run = runner(client);
  const table = options.table ?? "background_worker_leases";
  checkTable(table);
  let ready: Promise<void> | undefined = options.createTable === false ? Promise.resolve() : undefined;
  // Several instances start at once: CREATE … IF NOT EXISTS can still race on the catalog, so the DO
  // block takes a transaction-scoped advisory lock first.
  const ensure = (): Promise<void> =>
    ready ??= run(
      `DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('${table}')); ${
        postgresLeaseSchema(table).replaceAll("\n", " ")
      } END $$`,
      [],
    ).then(() => {}, (error: unknown) => {
      ready = undefined;
      throw error;
    });
  const ms = (ttl: number): number => Math.max(1, Math.ceil(ttl));
  return {
    async acquire(name, owner, ttl) {
      await ensure();
      const rows = await run(
        `INSERT INTO ${table} AS l (name, owner, token, expires_at)
         VALUES ($1, $2, nextval('${table}_tokens'), clock_timestamp() + $3::int * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, token = EXCLUDED.token, expires_at = EXCLUDED.expires_at
         WHERE l.expires_at < clock_timestamp()
         RETURNING token`,
        [name, owner, ms(ttl)],
      );
      return rows.length === 0 ? null : Number(rows[0]?.token);
    },
    async renew(name, owner, ttl) {
      await ensure();
      const rows = await run(
        `UPDATE ${table} SET expires_at = clock_timestamp() + $3::int * interval '1 millisecond'
         WHERE name = $1 AND owner = $2 AND expires_at > clock_timestamp() RETURNING token`,
        [name, owner, ms(ttl)],
      );
      return rows.length > 0;
    },
    async release(name, owner) {
      await ensure();
      await run(`DELETE FROM ${table} WHERE name = $1 AND owner = $2`, [name, owner]);
    },
  };
}

function checkTable(table: string): void {
  if (typeof table !== "string" || !IDENTIFIER.test(table)) {
    throw new TypeError(`postgresLeaseStore: option "table" must be an unquoted identifier, got ${JSON.stringify(table)}`);
  }
}

function runner(client: PostgresClientLike): (text: string, params: unknown[]) => Promise<readonly Record<string, unknown>[]> {
  // postgres.js's `sql` is itself a function (a tagged template): look for `unsafe` first.
  if (client !== null && (typeof client === "object" || typeof client === "function")) {
    if ("unsafe" in client && typeof client.unsafe === "function") {
      const sql = client;
      return async (text, params) => [...await sql.unsafe(text, params)];
    }
    if ("query" in client && typeof client.query === "function") {
      const pg = client;
      return async (text, params) => (await pg.query(text, params)).rows;
    }
  }
  if (typeof client === "function") return client;
  throw new TypeError("postgresLeaseStore: expected a postgres.js sql, a pg Client or Pool, or a query function");
}
