/**
 * The cluster bench: what leases cost and how they share work when several instances run the same
 * workers. It starts its own redis-server and PostgreSQL cluster (never the shared ones), spawns N
 * instance processes with W workers each, warms up, then measures for S seconds.
 *
 *   node_modules/.bin/deno run -A bench/cluster.ts [--instances 1,2,8,32] [--workers 64] [--period 200]
 *     [--ttl 3000] [--seconds 4] [--warmup 2000] [--run-ms 5] [--store redis|postgres|both]
 *     [--client ioredis,node-redis,postgres.js,pg] [--runtime deno|node|bun]
 *
 * Server side, Redis counts every command in `INFO commandstats` (the EVAL and the commands its
 * script calls, as the issue counted them); PostgreSQL counts statements in pg_stat_statements of
 * the instances' database. Prints Markdown tables.
 */
import { Redis } from "ioredis";
import { type Runtime, runtime as ownRuntime } from "../test/child.ts";
import type { ClientKind } from "../test/fixtures/lease_instance.ts";
import { PrivatePostgres, PrivateRedis, postgresMissing, redisMissing } from "../test/stores.ts";
import { children, measure, type MeasuredStore, type Result, type Settings } from "./cluster_run.ts";

const flag = (name: string, fallback: string): string => {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 ? Deno.args[i + 1] ?? fallback : fallback;
};
const number = (name: string, fallback: number): number => {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name} must be a number ≥ 0`);
  return value;
};
const storeFlag = flag("store", "both");
const runtime = flag("runtime", "deno") as Runtime;
if (!["deno", "node", "bun"].includes(runtime)) throw new TypeError(`--runtime must be deno, node or bun, got ${runtime}`);
const settings: Omit<Settings, "instances"> = {
  workers: number("workers", 64),
  period: number("period", 200),
  ttl: number("ttl", 3_000),
  seconds: number("seconds", 4),
  warmup: number("warmup", 2_000),
  runMs: number("run-ms", 5),
  runtime,
};
const counts = flag("instances", "1,2,8,32").split(",").map(Number);
const wanted = flag("client", "ioredis,postgres.js").split(",") as ClientKind[];
const families: Record<"redis" | "postgres", ClientKind[]> = {
  redis: wanted.filter((c) => c === "ioredis" || c === "node-redis"),
  postgres: wanted.filter((c) => c === "postgres.js" || c === "pg" || c === "pg-client"),
};

const cleanups: (() => Promise<void>)[] = [];
async function cleanup(): Promise<void> {
  for (const child of children) child.signal("SIGKILL");
  await Promise.all([...children].map((c) => c.exited));
  for (const step of cleanups.splice(0).reverse()) await step().catch((e) => console.error("cleanup:", e));
}
Deno.addSignalListener("SIGINT", () => {
  console.error("interrupted: stopping every instance and store");
  void cleanup().finally(() => Deno.exit(130));
});

async function privateRedis(): Promise<MeasuredStore> {
  const redis = new PrivateRedis();
  await redis.start();
  cleanups.push(() => redis.stop());
  const admin = new Redis({ host: "127.0.0.1", port: redis.port, lazyConnect: true });
  await admin.connect();
  cleanups.push(() => Promise.resolve(admin.disconnect()));
  return {
    port: redis.port,
    counts: "Redis commands (INFO commandstats, INFO itself left out)",
    busyIs: "Redis's CPU time (INFO cpu, user + sys)",
    async busy() {
      const info = await admin.info("cpu");
      const sum = (key: string) => Number(new RegExp(`${key}:([\\d.]+)`).exec(info)?.[1] ?? 0);
      return (sum("used_cpu_user") + sum("used_cpu_sys")) * 1e6;
    },
    async executed() {
      const info = await admin.info("commandstats");
      let sum = 0;
      for (const [, command, calls] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
        if (command !== "info") sum += Number(calls);
      }
      return sum;
    },
  };
}

async function privatePostgres(): Promise<MeasuredStore> {
  const pg = new PrivatePostgres();
  await pg.start();
  cleanups.push(() => pg.stop());
  return {
    port: pg.port,
    counts: `PostgreSQL statements (pg_stat_statements, database ${pg.database})`,
    busyIs: "PostgreSQL's statement execution time (pg_stat_statements total_exec_time)",
    async busy() {
      const [row] = await pg.query(
        "SELECT coalesce(sum(total_exec_time), 0)::float8 AS ms FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)",
        [pg.database],
        "postgres",
      );
      return Number(row?.ms) * 1_000;
    },
    async executed() {
      // From the postgres database, so that this query is not counted with the instances' ones.
      const [row] = await pg.query(
        "SELECT coalesce(sum(calls), 0)::bigint AS n FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)",
        [pg.database],
        "postgres",
      );
      return Number(row?.n);
    },
  };
}

const ms = (v: number | undefined): string => v === undefined ? "n/a" : v === Infinity ? "none" : `${Math.round(v)} ms`;
const line = (client: string, n: number, r: Result): string =>
  `| ${client} | ${n} | ${r.runs} (${Math.round(r.ideal)}) | ${r.roundTripsPerRun.toFixed(2)} | ${r.serverPerRun.toFixed(2)} | ${
    r.busyPerRun.toFixed(1)
  } µs (${(r.busyPerSecond / 1e4).toFixed(2)} %) | ${
    r.busiest.toFixed(1)
  }x | ${r.idle} of ${n} | ${r.overlaps} | ${ms(r.failover)} (${ms(r.failoverMax)}) | ${r.errors} |`;

try {
  for (const store of ["redis", "postgres"] as const) {
    if (storeFlag !== "both" && storeFlag !== store) continue;
    if (families[store].length === 0) continue;
    const missing = store === "redis" ? redisMissing() : postgresMissing();
    if (missing !== undefined) {
      console.log(`SKIPPED ${store}: ${missing}`);
      continue;
    }
    const measured = store === "redis" ? await privateRedis() : await privatePostgres();
    const rows: string[] = [];
    for (const client of families[store]) {
      for (const instances of counts) {
        const result = await measure(measured, client, { ...settings, instances });
        rows.push(line(client, instances, result));
        console.error(rows.at(-1));
      }
    }
    console.log(`
${settings.workers} workers every ${settings.period} ms per instance (runs take ${settings.runMs} ms), lease TTL ${settings.ttl} ms,
instances on ${runtime} (bench on ${ownRuntime}), ${settings.seconds} s measured after ${settings.warmup} ms of warm-up.
Server: ${measured.counts}. Round trips: commands or statements the instances' clients sent to the store.
Store time: ${measured.busyIs}, per run, and (in brackets) as a share of one core.

| client | instances | runs (ideal) | round trips per run | server per run | store time per run (of a core) | busiest vs fair share | idle instances | overlaps | failover worker 0 (slowest of the killed one's) | store errors |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}`);
  }
} finally {
  await cleanup();
}
