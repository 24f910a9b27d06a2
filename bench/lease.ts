/**
 * What a lease costs per run, for each store and client library: store round trips per run and the
 * extra latency from a run's due time to its start, next to the same worker without a lease.
 *
 *   node_modules/.bin/deno run -A bench/lease.ts [--seconds 5] [--period 50] [--ttl 3000]
 *
 * Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (database test). Prints a Markdown
 * table; paste it into BENCHMARKS.md.
 */
import { BackgroundWorkerManager, type LeaseStore, periodic } from "../mod.ts";
import { postgresLeaseStore } from "../src/lease/postgres.ts";
import { redisLeaseStore } from "../src/lease/redis.ts";
import { Redis } from "ioredis";
import { createClient } from "redis";
import postgres from "postgres";
import pg from "pg";

const flag = (name: string, fallback: number): number => {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
};
const seconds = flag("seconds", 5);
const period = flag("period", 50);
const ttl = flag("ttl", 3_000);

function counting(store: LeaseStore): { store: LeaseStore; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    store: {
      acquire: (...a) => (calls++, store.acquire(...a)),
      renew: (...a) => (calls++, store.renew(...a)),
      release: (...a) => (calls++, store.release(...a)),
    },
  };
}

async function measure(store: LeaseStore | undefined): Promise<{ runs: number; calls: number; p50: number; p99: number }> {
  const counted = store === undefined ? undefined : counting(store);
  const lags: number[] = [];
  const manager = new BackgroundWorkerManager(counted === undefined ? {} : { lease: { store: counted.store, ttl } });
  manager.add(periodic(`bench-${crypto.randomUUID()}`, { period }, ({ scheduledAt }) => {
    lags.push(Date.now() - scheduledAt);
  }));
  await manager.start();
  await new Promise((r) => setTimeout(r, seconds * 1_000));
  await manager.stop();
  lags.sort((a, b) => a - b);
  const q = (p: number): number => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? NaN;
  return { runs: lags.length, calls: counted?.calls() ?? 0, p50: q(0.5), p99: q(0.99) };
}

const rows: string[] = [];
const row = (label: string, r: Awaited<ReturnType<typeof measure>>, base: Awaited<ReturnType<typeof measure>>): void => {
  rows.push(
    `| ${label} | ${r.runs} | ${(r.calls / r.runs).toFixed(2)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${(r.p50 - base.p50).toFixed(2)} |`,
  );
};

const base = await measure(undefined);
rows.push(`| no lease | ${base.runs} | 0 | ${base.p50.toFixed(2)} | ${base.p99.toFixed(2)} | 0 |`);

const io = new Redis({ host: "127.0.0.1", port: 6379 });
row("Redis, ioredis", await measure(redisLeaseStore(io)), base);
io.disconnect();
const nr = await createClient({ url: "redis://127.0.0.1:6379" }).connect();
row("Redis, node-redis", await measure(redisLeaseStore(nr)), base);
await nr.quit();
const sql = postgres({ host: "127.0.0.1", port: 5432, database: "test", user: "postgres", onnotice: () => {} });
row("PostgreSQL, postgres.js", await measure(postgresLeaseStore(sql)), base);
await sql.end();
const pool = new pg.Pool({ host: "127.0.0.1", port: 5432, database: "test", user: "postgres" });
row("PostgreSQL, pg", await measure(postgresLeaseStore(pool)), base);
await pool.end();

console.log(`One worker, period ${period} ms, lease TTL ${ttl} ms, ${seconds} s per line, Deno ${Deno.version.deno}; latency is from the run's due time to its start, in ms. The holder
keeps its lease across runs, so it pays one renewal per TTL/3, not a round trip per run; an
instance that does not hold the lease pays one acquire per slot.

| store | runs | store calls per run | start lag p50 | start lag p99 | extra p50 vs no lease |
|---|---|---|---|---|---|
${rows.join("\n")}`);
