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
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
export type PostgresClientLike = {
  unsafe(query: string, params?: unknown[]): PromiseLike<readonly Record<string, unknown>[]>;
} | {
  query(text: string, values?: unknown[]): Promise<{
    rows: Record<string, unknown>[];
  }>;
} | ((text: string, params: unknown[]) => Promise<readonly Record<string, unknown>[]>);

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
const IDENTIFIER = stryMutAct_9fa48("8") ? /^[a-z_][a-z0-9_]*(\.[a-z_][^a-z0-9_]*)?$/ : stryMutAct_9fa48("7") ? /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_])?$/ : stryMutAct_9fa48("6") ? /^[a-z_][a-z0-9_]*(\.[^a-z_][a-z0-9_]*)?$/ : stryMutAct_9fa48("5") ? /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)$/ : stryMutAct_9fa48("4") ? /^[a-z_][^a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/ : stryMutAct_9fa48("3") ? /^[a-z_][a-z0-9_](\.[a-z_][a-z0-9_]*)?$/ : stryMutAct_9fa48("2") ? /^[^a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/ : stryMutAct_9fa48("1") ? /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?/ : stryMutAct_9fa48("0") ? /[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/ : (stryCov_9fa48("0", "1", "2", "3", "4", "5", "6", "7", "8"), /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/);
const DEFAULT_TABLE = stryMutAct_9fa48("9") ? "" : (stryCov_9fa48("9"), "background_workers");

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
  if (stryMutAct_9fa48("10")) {
    {}
  } else {
    stryCov_9fa48("10");
    checkTable(table);
    return stryMutAct_9fa48("11") ? `` : (stryCov_9fa48("11"), `CREATE TABLE IF NOT EXISTS ${table} (
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
SELECT setval('${table}_tokens', GREATEST((SELECT last_value FROM ${table}_tokens), (extract(epoch FROM clock_timestamp()) * 1000000)::bigint));`);
  }
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
  if (stryMutAct_9fa48("12")) {
    {}
  } else {
    stryCov_9fa48("12");
    const run = runner(client);
    const table = stryMutAct_9fa48("13") ? options.table && DEFAULT_TABLE : (stryCov_9fa48("13"), options.table ?? DEFAULT_TABLE);
    checkTable(table);
    return clusterStore(postgresProtocol(run, table, stryMutAct_9fa48("16") ? options.createTable === false : stryMutAct_9fa48("15") ? false : stryMutAct_9fa48("14") ? true : (stryCov_9fa48("14", "15", "16"), options.createTable !== (stryMutAct_9fa48("17") ? true : (stryCov_9fa48("17"), false)))));
  }
}
type Run = (text: string, params: unknown[]) => Promise<readonly Record<string, unknown>[]>;

/** The PostgreSQL side of the cluster protocol. */
function postgresProtocol(query: Run, table: string, create: boolean): ClusterProtocol {
  if (stryMutAct_9fa48("18")) {
    {}
  } else {
    stryCov_9fa48("18");
    const members = stryMutAct_9fa48("19") ? `` : (stryCov_9fa48("19"), `${table}_members`);
    const meta = stryMutAct_9fa48("20") ? `` : (stryCov_9fa48("20"), `${table}_cluster`);
    let ready: Promise<void> | undefined = create ? undefined : Promise.resolve();
    /** The membership lifetime heartbeats last asked for: the quarantine after a lost state. */
    let lifetime = 0;
    // Several instances start at once: CREATE … IF NOT EXISTS can still race on the catalog, so the DO
    // block takes a transaction-scoped advisory lock first. `lost`: the tables were there and went
    // (dropped): a new incarnation, and no lease until the holders from before have noticed.
    const ensure = stryMutAct_9fa48("21") ? () => undefined : (stryCov_9fa48("21"), (() => {
      const ensure = (lost: number | undefined): Promise<void> => stryMutAct_9fa48("22") ? ready &&= query(`DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('${table}')); ${postgresLeaseSchema(table).replaceAll("\n", " ").replace("SELECT setval", "PERFORM setval")}${lost === undefined ? "" : ` UPDATE ${meta} SET epoch = gen_random_uuid()::text, quarantine_until = clock_timestamp() + interval '${Math.ceil(lost)} milliseconds';`} END $$`, []).then(() => {}, (error: unknown) => {
        ready = undefined;
        throw error;
      }) : (stryCov_9fa48("22"), ready ??= query(stryMutAct_9fa48("23") ? `` : (stryCov_9fa48("23"), `DO $$ BEGIN PERFORM pg_advisory_xact_lock(hashtext('${table}')); ${postgresLeaseSchema(table).replaceAll(stryMutAct_9fa48("24") ? "" : (stryCov_9fa48("24"), "\n"), stryMutAct_9fa48("25") ? "" : (stryCov_9fa48("25"), " ")).replace(stryMutAct_9fa48("26") ? "" : (stryCov_9fa48("26"), "SELECT setval"), stryMutAct_9fa48("27") ? "" : (stryCov_9fa48("27"), "PERFORM setval"))}${(stryMutAct_9fa48("30") ? lost !== undefined : stryMutAct_9fa48("29") ? false : stryMutAct_9fa48("28") ? true : (stryCov_9fa48("28", "29", "30"), lost === undefined)) ? stryMutAct_9fa48("31") ? "Stryker was here!" : (stryCov_9fa48("31"), "") : stryMutAct_9fa48("32") ? `` : (stryCov_9fa48("32"), ` UPDATE ${meta} SET epoch = gen_random_uuid()::text, quarantine_until = clock_timestamp() + interval '${Math.ceil(lost)} milliseconds';`)} END $$`), stryMutAct_9fa48("33") ? ["Stryker was here"] : (stryCov_9fa48("33"), [])).then(() => {}, (error: unknown) => {
        if (stryMutAct_9fa48("34")) {
          {}
        } else {
          stryCov_9fa48("34");
          ready = undefined;
          throw error;
        }
      }));
      return ensure;
    })());
    /** Runs a statement; a missing table (42P01, dropped under us) is created again, and the statement retried once. */
    const run = async (text: string, params: unknown[]): Promise<readonly Record<string, unknown>[]> => {
      if (stryMutAct_9fa48("35")) {
        {}
      } else {
        stryCov_9fa48("35");
        await ensure(undefined);
        try {
          if (stryMutAct_9fa48("36")) {
            {}
          } else {
            stryCov_9fa48("36");
            return await query(text, params);
          }
        } catch (error) {
          if (stryMutAct_9fa48("37")) {
            {}
          } else {
            stryCov_9fa48("37");
            if (stryMutAct_9fa48("40") ? !create && (error as {
              code?: string;
            })?.code !== "42P01" : stryMutAct_9fa48("39") ? false : stryMutAct_9fa48("38") ? true : (stryCov_9fa48("38", "39", "40"), (stryMutAct_9fa48("41") ? create : (stryCov_9fa48("41"), !create)) || (stryMutAct_9fa48("43") ? (error as {
              code?: string;
            })?.code === "42P01" : stryMutAct_9fa48("42") ? false : (stryCov_9fa48("42", "43"), (stryMutAct_9fa48("44") ? (error as {
              code?: string;
            }).code : (stryCov_9fa48("44"), (error as {
              code?: string;
            })?.code)) !== (stryMutAct_9fa48("45") ? "" : (stryCov_9fa48("45"), "42P01")))))) throw error;
            ready = undefined;
            await ensure(lifetime);
            return await query(text, params);
          }
        }
      }
    };
    const slotArrays = stryMutAct_9fa48("46") ? () => undefined : (stryCov_9fa48("46"), (() => {
      const slotArrays = (pairs: readonly [string, number][]): [string[], number[]] => stryMutAct_9fa48("47") ? [] : (stryCov_9fa48("47"), [pairs.map(stryMutAct_9fa48("48") ? () => undefined : (stryCov_9fa48("48"), p => p[0])), pairs.map(stryMutAct_9fa48("49") ? () => undefined : (stryCov_9fa48("49"), p => p[1]))]);
      return slotArrays;
    })());
    const saveSlots = stryMutAct_9fa48("50") ? `` : (stryCov_9fa48("50"), `saved AS (
    INSERT INTO ${table} (name, slot) SELECT * FROM unnest($SLOTNAMES::text[], $SLOTS::float8[])
    ON CONFLICT (name) DO UPDATE SET slot = EXCLUDED.slot RETURNING 1
  )`);
    return stryMutAct_9fa48("51") ? {} : (stryCov_9fa48("51"), {
      async heartbeat(instance, life, quarantine, pairs, previous): Promise<Beat> {
        if (stryMutAct_9fa48("52")) {
          {}
        } else {
          stryCov_9fa48("52");
          lifetime = quarantine;
          if (stryMutAct_9fa48("55") ? previous === undefined : stryMutAct_9fa48("54") ? false : stryMutAct_9fa48("53") ? true : (stryCov_9fa48("53", "54", "55"), previous !== undefined)) {
            if (stryMutAct_9fa48("56")) {
              {}
            } else {
              stryCov_9fa48("56");
              // The instance's workers changed, and with them its id: its leases are the new id's. Apart
              // from the heartbeat below, which writes slots to the same rows.
              await run(stryMutAct_9fa48("57") ? `` : (stryCov_9fa48("57"), `WITH retired AS (DELETE FROM ${members} WHERE instance = $2 RETURNING 1),
           moved AS (UPDATE ${table} SET holder = $1 WHERE holder = $2 RETURNING 1),
           bumped AS (UPDATE ${meta} SET version = version + 1 WHERE id = 1 RETURNING 1)
           SELECT (SELECT count(*) FROM retired), (SELECT count(*) FROM moved), (SELECT count(*) FROM bumped)`), stryMutAct_9fa48("58") ? [] : (stryCov_9fa48("58"), [instance, previous]));
            }
          }
          const [names, slots] = slotArrays(pairs);
          const rows = await run(stryMutAct_9fa48("59") ? `` : (stryCov_9fa48("59"), `WITH up AS (
           INSERT INTO ${members} (instance, expires_at) VALUES ($1, clock_timestamp() + $2::int * interval '1 millisecond')
           ON CONFLICT (instance) DO UPDATE SET expires_at = EXCLUDED.expires_at
           RETURNING (xmax = 0) AS joined
         ),
         gone AS (DELETE FROM ${members} WHERE expires_at < clock_timestamp() AND instance <> $1 RETURNING 1),
         ${saveSlots.replace(stryMutAct_9fa48("60") ? "" : (stryCov_9fa48("60"), "$SLOTNAMES"), stryMutAct_9fa48("61") ? "" : (stryCov_9fa48("61"), "$3")).replace(stryMutAct_9fa48("62") ? "" : (stryCov_9fa48("62"), "$SLOTS"), stryMutAct_9fa48("63") ? "" : (stryCov_9fa48("63"), "$4"))},
         bumped AS (
           UPDATE ${meta} SET version = version + 1
           WHERE id = 1 AND ((SELECT joined FROM up) OR EXISTS (SELECT 1 FROM gone)) RETURNING version
         )
         SELECT c.epoch, COALESCE((SELECT version FROM bumped), c.version) AS version, (SELECT joined FROM up) AS joined,
           (SELECT count(*) FROM saved) AS saved,
           GREATEST(0, extract(epoch FROM c.quarantine_until - clock_timestamp()) * 1000)::float8 AS quarantine
         FROM ${meta} c WHERE c.id = 1`), stryMutAct_9fa48("64") ? [] : (stryCov_9fa48("64"), [instance, Math.ceil(life), names, slots]));
          const row = rows[0];
          if (stryMutAct_9fa48("67") ? row !== undefined : stryMutAct_9fa48("66") ? false : stryMutAct_9fa48("65") ? true : (stryCov_9fa48("65", "66", "67"), row === undefined)) throw new Error(stryMutAct_9fa48("68") ? `` : (stryCov_9fa48("68"), `postgresLeaseStore: the row of ${meta} is missing`));
          return stryMutAct_9fa48("69") ? {} : (stryCov_9fa48("69"), {
            epoch: String(row.epoch),
            version: Number(row.version),
            joined: stryMutAct_9fa48("72") ? row.joined !== true : stryMutAct_9fa48("71") ? false : stryMutAct_9fa48("70") ? true : (stryCov_9fa48("70", "71", "72"), row.joined === (stryMutAct_9fa48("73") ? false : (stryCov_9fa48("73"), true))),
            quarantine: Number(stryMutAct_9fa48("74") ? row.quarantine && 0 : (stryCov_9fa48("74"), row.quarantine ?? 0))
          });
        }
      },
      async members() {
        if (stryMutAct_9fa48("75")) {
          {}
        } else {
          stryCov_9fa48("75");
          return (await run(stryMutAct_9fa48("76") ? `` : (stryCov_9fa48("76"), `SELECT instance FROM ${members}`), stryMutAct_9fa48("77") ? ["Stryker was here"] : (stryCov_9fa48("77"), []))).map(stryMutAct_9fa48("78") ? () => undefined : (stryCov_9fa48("78"), row => String(row.instance)));
        }
      },
      async claim(worker, instance): Promise<Claim> {
        if (stryMutAct_9fa48("79")) {
          {}
        } else {
          stryCov_9fa48("79");
          const rows = await run(stryMutAct_9fa48("80") ? `` : (stryCov_9fa48("80"), `WITH q AS (
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
         FROM q LEFT JOIN current ON true`), stryMutAct_9fa48("81") ? [] : (stryCov_9fa48("81"), [worker, instance]));
          const row = stryMutAct_9fa48("82") ? rows[0] && {} : (stryCov_9fa48("82"), rows[0] ?? {});
          if (stryMutAct_9fa48("85") ? row.quarantined !== true : stryMutAct_9fa48("84") ? false : stryMutAct_9fa48("83") ? true : (stryCov_9fa48("83", "84", "85"), row.quarantined === (stryMutAct_9fa48("86") ? false : (stryCov_9fa48("86"), true)))) return stryMutAct_9fa48("87") ? "" : (stryCov_9fa48("87"), "quarantine");
          if (stryMutAct_9fa48("90") ? row.member === true : stryMutAct_9fa48("89") ? false : stryMutAct_9fa48("88") ? true : (stryCov_9fa48("88", "89", "90"), row.member !== (stryMutAct_9fa48("91") ? false : (stryCov_9fa48("91"), true)))) return stryMutAct_9fa48("92") ? "" : (stryCov_9fa48("92"), "not-member");
          if (stryMutAct_9fa48("95") ? row.taken !== null || row.taken !== undefined : stryMutAct_9fa48("94") ? false : stryMutAct_9fa48("93") ? true : (stryCov_9fa48("93", "94", "95"), (stryMutAct_9fa48("97") ? row.taken === null : stryMutAct_9fa48("96") ? true : (stryCov_9fa48("96", "97"), row.taken !== null)) && (stryMutAct_9fa48("99") ? row.taken === undefined : stryMutAct_9fa48("98") ? true : (stryCov_9fa48("98", "99"), row.taken !== undefined)))) return stryMutAct_9fa48("100") ? {} : (stryCov_9fa48("100"), {
            token: Number(row.taken),
            slot: slotOf(row.taken_slot),
            fresh: stryMutAct_9fa48("101") ? false : (stryCov_9fa48("101"), true)
          });
          if (stryMutAct_9fa48("104") ? row.holder !== instance : stryMutAct_9fa48("103") ? false : stryMutAct_9fa48("102") ? true : (stryCov_9fa48("102", "103", "104"), row.holder === instance)) return stryMutAct_9fa48("105") ? {} : (stryCov_9fa48("105"), {
            token: Number(row.token),
            slot: slotOf(row.slot),
            fresh: stryMutAct_9fa48("106") ? true : (stryCov_9fa48("106"), false)
          });
          return stryMutAct_9fa48("107") ? {} : (stryCov_9fa48("107"), {
            holder: String(row.holder)
          });
        }
      },
      async record(pairs) {
        if (stryMutAct_9fa48("108")) {
          {}
        } else {
          stryCov_9fa48("108");
          if (stryMutAct_9fa48("111") ? pairs.length !== 0 : stryMutAct_9fa48("110") ? false : stryMutAct_9fa48("109") ? true : (stryCov_9fa48("109", "110", "111"), pairs.length === 0)) return;
          const [names, slots] = slotArrays(pairs);
          await run(stryMutAct_9fa48("112") ? `` : (stryCov_9fa48("112"), `WITH ${saveSlots.replace(stryMutAct_9fa48("113") ? "" : (stryCov_9fa48("113"), "$SLOTNAMES"), stryMutAct_9fa48("114") ? "" : (stryCov_9fa48("114"), "$1")).replace(stryMutAct_9fa48("115") ? "" : (stryCov_9fa48("115"), "$SLOTS"), stryMutAct_9fa48("116") ? "" : (stryCov_9fa48("116"), "$2"))} SELECT count(*) FROM saved`), stryMutAct_9fa48("117") ? [] : (stryCov_9fa48("117"), [names, slots]));
        }
      },
      async release(workers, instance, pairs) {
        if (stryMutAct_9fa48("118")) {
          {}
        } else {
          stryCov_9fa48("118");
          // One UPDATE frees a lease and records its last slot: two data-modifying parts of one
          // statement touching the same row would see the same snapshot, and one of them would be lost.
          const slots = new Map(pairs);
          await run(stryMutAct_9fa48("119") ? `` : (stryCov_9fa48("119"), `UPDATE ${table} t SET holder = NULL, slot = COALESCE(x.slot, t.slot)
         FROM unnest($1::text[], $3::float8[]) AS x(name, slot)
         WHERE t.name = x.name AND t.holder = $2`), stryMutAct_9fa48("120") ? [] : (stryCov_9fa48("120"), [workers, instance, workers.map(stryMutAct_9fa48("121") ? () => undefined : (stryCov_9fa48("121"), w => stryMutAct_9fa48("122") ? slots.get(w) && null : (stryCov_9fa48("122"), slots.get(w) ?? null)))]));
        }
      },
      async leave(instance, pairs) {
        if (stryMutAct_9fa48("123")) {
          {}
        } else {
          stryCov_9fa48("123");
          const [names, slots] = slotArrays(pairs);
          await run(stryMutAct_9fa48("124") ? `` : (stryCov_9fa48("124"), `WITH gone AS (DELETE FROM ${members} WHERE instance = $1 RETURNING 1),
         freed AS (
           UPDATE ${table} t SET holder = CASE WHEN t.holder = $1 THEN NULL ELSE t.holder END,
             slot = COALESCE((SELECT x.slot FROM unnest($2::text[], $3::float8[]) AS x(name, slot) WHERE x.name = t.name), t.slot)
           WHERE t.holder = $1 OR t.name = ANY($2::text[])
           RETURNING 1
         ),
         bumped AS (UPDATE ${meta} SET version = version + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM gone) RETURNING 1)
         SELECT (SELECT count(*) FROM freed) AS freed, (SELECT count(*) FROM bumped) AS bumped`), stryMutAct_9fa48("125") ? [] : (stryCov_9fa48("125"), [instance, names, slots]));
        }
      }
    });
  }
}
const slotOf = stryMutAct_9fa48("126") ? () => undefined : (stryCov_9fa48("126"), (() => {
  const slotOf = (value: unknown): number | null => (stryMutAct_9fa48("129") ? value === null && value === undefined : stryMutAct_9fa48("128") ? false : stryMutAct_9fa48("127") ? true : (stryCov_9fa48("127", "128", "129"), (stryMutAct_9fa48("131") ? value !== null : stryMutAct_9fa48("130") ? false : (stryCov_9fa48("130", "131"), value === null)) || (stryMutAct_9fa48("133") ? value !== undefined : stryMutAct_9fa48("132") ? false : (stryCov_9fa48("132", "133"), value === undefined)))) ? null : Number(value);
  return slotOf;
})());
function checkTable(table: string): void {
  if (stryMutAct_9fa48("134")) {
    {}
  } else {
    stryCov_9fa48("134");
    if (stryMutAct_9fa48("137") ? typeof table !== "string" && !IDENTIFIER.test(table) : stryMutAct_9fa48("136") ? false : stryMutAct_9fa48("135") ? true : (stryCov_9fa48("135", "136", "137"), (stryMutAct_9fa48("139") ? typeof table === "string" : stryMutAct_9fa48("138") ? false : (stryCov_9fa48("138", "139"), typeof table !== (stryMutAct_9fa48("140") ? "" : (stryCov_9fa48("140"), "string")))) || (stryMutAct_9fa48("141") ? IDENTIFIER.test(table) : (stryCov_9fa48("141"), !IDENTIFIER.test(table))))) {
      if (stryMutAct_9fa48("142")) {
        {}
      } else {
        stryCov_9fa48("142");
        throw new TypeError(stryMutAct_9fa48("143") ? `` : (stryCov_9fa48("143"), `postgresLeaseStore: option "table" must be an unquoted identifier, got ${JSON.stringify(table)}`));
      }
    }
  }
}
function runner(client: PostgresClientLike): Run {
  if (stryMutAct_9fa48("144")) {
    {}
  } else {
    stryCov_9fa48("144");
    // postgres.js's `sql` is itself a function (a tagged template): look for `unsafe` first.
    if (stryMutAct_9fa48("147") ? client !== null || typeof client === "object" || typeof client === "function" : stryMutAct_9fa48("146") ? false : stryMutAct_9fa48("145") ? true : (stryCov_9fa48("145", "146", "147"), (stryMutAct_9fa48("149") ? client === null : stryMutAct_9fa48("148") ? true : (stryCov_9fa48("148", "149"), client !== null)) && (stryMutAct_9fa48("151") ? typeof client === "object" && typeof client === "function" : stryMutAct_9fa48("150") ? true : (stryCov_9fa48("150", "151"), (stryMutAct_9fa48("153") ? typeof client !== "object" : stryMutAct_9fa48("152") ? false : (stryCov_9fa48("152", "153"), typeof client === (stryMutAct_9fa48("154") ? "" : (stryCov_9fa48("154"), "object")))) || (stryMutAct_9fa48("156") ? typeof client !== "function" : stryMutAct_9fa48("155") ? false : (stryCov_9fa48("155", "156"), typeof client === (stryMutAct_9fa48("157") ? "" : (stryCov_9fa48("157"), "function")))))))) {
      if (stryMutAct_9fa48("158")) {
        {}
      } else {
        stryCov_9fa48("158");
        if (stryMutAct_9fa48("161") ? "unsafe" in client || typeof client.unsafe === "function" : stryMutAct_9fa48("160") ? false : stryMutAct_9fa48("159") ? true : (stryCov_9fa48("159", "160", "161"), (stryMutAct_9fa48("162") ? "" : (stryCov_9fa48("162"), "unsafe")) in client && (stryMutAct_9fa48("164") ? typeof client.unsafe !== "function" : stryMutAct_9fa48("163") ? true : (stryCov_9fa48("163", "164"), typeof client.unsafe === (stryMutAct_9fa48("165") ? "" : (stryCov_9fa48("165"), "function")))))) {
          if (stryMutAct_9fa48("166")) {
            {}
          } else {
            stryCov_9fa48("166");
            const sql = client;
            return stryMutAct_9fa48("167") ? () => undefined : (stryCov_9fa48("167"), async (text, params) => stryMutAct_9fa48("168") ? [] : (stryCov_9fa48("168"), [...(await sql.unsafe(text, params))]));
          }
        }
        if (stryMutAct_9fa48("171") ? "query" in client || typeof client.query === "function" : stryMutAct_9fa48("170") ? false : stryMutAct_9fa48("169") ? true : (stryCov_9fa48("169", "170", "171"), (stryMutAct_9fa48("172") ? "" : (stryCov_9fa48("172"), "query")) in client && (stryMutAct_9fa48("174") ? typeof client.query !== "function" : stryMutAct_9fa48("173") ? true : (stryCov_9fa48("173", "174"), typeof client.query === (stryMutAct_9fa48("175") ? "" : (stryCov_9fa48("175"), "function")))))) {
          if (stryMutAct_9fa48("176")) {
            {}
          } else {
            stryCov_9fa48("176");
            const pg = client as {
              query: (text: string, values?: unknown[]) => Promise<{
                rows: Record<string, unknown>[];
              }>;
            } & PoolLike;
            if (stryMutAct_9fa48("179") ? pg.connectionParameters !== undefined || pg.totalCount === undefined : stryMutAct_9fa48("178") ? false : stryMutAct_9fa48("177") ? true : (stryCov_9fa48("177", "178", "179"), (stryMutAct_9fa48("181") ? pg.connectionParameters === undefined : stryMutAct_9fa48("180") ? true : (stryCov_9fa48("180", "181"), pg.connectionParameters !== undefined)) && (stryMutAct_9fa48("183") ? pg.totalCount !== undefined : stryMutAct_9fa48("182") ? true : (stryCov_9fa48("182", "183"), pg.totalCount === undefined)))) {
              if (stryMutAct_9fa48("184")) {
                {}
              } else {
                stryCov_9fa48("184");
                throw new TypeError(stryMutAct_9fa48("185") ? "" : (stryCov_9fa48("185"), "postgresLeaseStore: a single pg.Client is dead for good once its connection drops (pg's rule); pass a pg.Pool"));
              }
            }
            // An idle pooled connection that the server ends (a restart, pg_terminate_backend) emits
            // "error" on the pool, which crashes the process when nobody listens; the next query
            // reconnects, and what fails then is reported as a lease fault.
            if (stryMutAct_9fa48("188") ? typeof pg.on === "function" && typeof pg.listenerCount === "function" || pg.listenerCount("error") === 0 : stryMutAct_9fa48("187") ? false : stryMutAct_9fa48("186") ? true : (stryCov_9fa48("186", "187", "188"), (stryMutAct_9fa48("190") ? typeof pg.on === "function" || typeof pg.listenerCount === "function" : stryMutAct_9fa48("189") ? true : (stryCov_9fa48("189", "190"), (stryMutAct_9fa48("192") ? typeof pg.on !== "function" : stryMutAct_9fa48("191") ? true : (stryCov_9fa48("191", "192"), typeof pg.on === (stryMutAct_9fa48("193") ? "" : (stryCov_9fa48("193"), "function")))) && (stryMutAct_9fa48("195") ? typeof pg.listenerCount !== "function" : stryMutAct_9fa48("194") ? true : (stryCov_9fa48("194", "195"), typeof pg.listenerCount === (stryMutAct_9fa48("196") ? "" : (stryCov_9fa48("196"), "function")))))) && (stryMutAct_9fa48("198") ? pg.listenerCount("error") !== 0 : stryMutAct_9fa48("197") ? true : (stryCov_9fa48("197", "198"), pg.listenerCount(stryMutAct_9fa48("199") ? "" : (stryCov_9fa48("199"), "error")) === 0)))) {
              if (stryMutAct_9fa48("200")) {
                {}
              } else {
                stryCov_9fa48("200");
                pg.on(stryMutAct_9fa48("201") ? "" : (stryCov_9fa48("201"), "error"), () => {});
              }
            }
            return stryMutAct_9fa48("202") ? () => undefined : (stryCov_9fa48("202"), async (text, params) => (await pg.query(text, params)).rows);
          }
        }
      }
    }
    if (stryMutAct_9fa48("205") ? typeof client !== "function" : stryMutAct_9fa48("204") ? false : stryMutAct_9fa48("203") ? true : (stryCov_9fa48("203", "204", "205"), typeof client === (stryMutAct_9fa48("206") ? "" : (stryCov_9fa48("206"), "function")))) return client;
    throw new TypeError(stryMutAct_9fa48("207") ? "" : (stryCov_9fa48("207"), "postgresLeaseStore: expected a postgres.js sql, a pg Pool, or a query function"));
  }
}

/** What tells a pg Pool from a pg Client, and lets us listen to its idle clients' errors. */
interface PoolLike {
  readonly connectionParameters?: unknown;
  readonly totalCount?: number;
  on?(event: "error", listener: (error: unknown) => void): unknown;
  listenerCount?(event: "error"): number;
}