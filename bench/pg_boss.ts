/**
 * What the pg-boss engine costs per run, beside the lease stores (`bench/lease.ts`):
 *
 *   node_modules/.bin/deno run -A bench/pg_boss.ts [--minutes 4] [--workers 8]
 *
 * One instance, `--workers` workers on `* * * * *` (each its own pg-boss queue, so each minute
 * gives that many samples), twice at once in two schemas: pg-boss's default intervals (cron
 * monitor 30 s, cron worker 5 s, polling 2 s) and their minimums (1 s, 1 s, 0.5 s). Start lag is
 * from the slot (the minute, which is the run's scheduledAt) to the run's start. Statements are
 * every statement pg-boss sends (its Db's `executeSql`, counted in process: pg_stat_statements is
 * not installed here), idle polling included, divided by the runs. Needs PostgreSQL on
 * 127.0.0.1:5432 (database test).
 */
import { parseArgs } from "node:util";
import pg from "pg";
import PgBoss from "pg-boss";
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { pgBossEngine } from "../src/engine/pg_boss.ts";

const { values } = parseArgs({ args: Deno.args, options: { minutes: { type: "string", default: "4" }, workers: { type: "string", default: "8" } } });
const minutes = Number(values.minutes);
const workers = Number(values.workers);
const connection = { host: "127.0.0.1", port: 5432, database: "test", user: "postgres" };

interface Setup {
  label: string;
  schema: string;
  options: Record<string, number>;
  engine: { pollingIntervalSeconds?: number };
  lags: number[];
  statements: number;
  boss?: PgBoss;
  manager?: BackgroundWorkerManager;
}

const stamp = Date.now().toString(36);
const setups: Setup[] = [
  { label: "pg-boss defaults (cron 30 s / 5 s, polling 2 s)", schema: `bgw_bench_def_${stamp}`, options: {}, engine: {}, lags: [], statements: 0 },
  {
    label: "pg-boss minimums (cron 1 s / 1 s, polling 0.5 s)",
    schema: `bgw_bench_min_${stamp}`,
    options: { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, clockMonitorIntervalSeconds: 1 },
    engine: { pollingIntervalSeconds: 0.5 },
    lags: [],
    statements: 0,
  },
];

let counting = false;
for (const s of setups) {
  const boss = new PgBoss({ ...connection, schema: s.schema, max: 4, ...s.options });
  boss.on("error", (e) => console.error(s.label, e));
  const db = boss.getDb() as { executeSql: (...a: unknown[]) => Promise<unknown> };
  const execute = db.executeSql.bind(db);
  db.executeSql = (...a: unknown[]) => (counting && s.statements++, execute(...a));
  const manager = new BackgroundWorkerManager({ engine: pgBossEngine({ boss, ...s.engine }) });
  for (let i = 0; i < workers; i++) {
    manager.add(periodic(`B${i}`, { cron: "* * * * *", timezone: "UTC" }, ({ scheduledAt, startedAt }) => {
      // Runs of the slot that was current when the schedule was made start late by design: not counted.
      if (counting) s.lags.push(startedAt - scheduledAt);
    }));
  }
  s.boss = boss;
  s.manager = manager;
  await manager.start();
}
// Count whole minutes: from the next minute's start, for `minutes` minutes (plus the last slot's lag).
const firstSlot = Math.ceil(Date.now() / 60_000) * 60_000;
await new Promise((r) => setTimeout(r, firstSlot - Date.now() - 200));
counting = true;
await new Promise((r) => setTimeout(r, minutes * 60_000));
counting = false;
const pct = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
console.log(`| engine setup | runs | statements per run | start lag p50 | start lag p99 |`);
console.log(`|---|---|---|---|---|`);
for (const s of setups) {
  console.log(`| ${s.label} | ${s.lags.length} | ${(s.statements / s.lags.length).toFixed(1)} | ${pct(s.lags, 50).toFixed(0)} | ${pct(s.lags, 99).toFixed(0)} |`);
}
for (const s of setups) await s.manager?.stop();
const client = new pg.Client(connection);
await client.connect();
for (const s of setups) await client.query(`DROP SCHEMA IF EXISTS ${s.schema} CASCADE`);
await client.end();
console.log(`${workers} workers, ${minutes} min, one instance, ${navigator.userAgent}`);
