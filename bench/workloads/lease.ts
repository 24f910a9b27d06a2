/**
 * What a lease costs per run, for each store and client library: store round trips per run and the
 * extra latency from a run's due time to its start, next to the same worker without a lease. Runs
 * in this Deno process, whatever `--runtimes` says, against Redis on 127.0.0.1:6379 and PostgreSQL
 * on 127.0.0.1:5432 (database `test`).
 *
 * BENCHMARKS.md shows the table under its own heading without section markers, so the section is
 * printed for pasting until someone puts `<!-- lease:start -->` / `<!-- lease:end -->` around it.
 * @module
 */
import { BackgroundWorkerManager, type ClusterLeaseStore, periodic } from "../../mod.ts";
import { postgresLeaseStore } from "../../src/lease/postgres.ts";
import { redisLeaseStore } from "../../src/lease/redis.ts";
import { fixed, type Summary } from "../harness/report.ts";
import type { Settings } from "../harness/settings.ts";
import { fill } from "../harness/template.ts";
import type { Workload } from "./workload.ts";

const ID = "lease";
const RUNTIME = "Deno";
const BASE = "no lease";

/**
 * A store over one client library; `open` connects (each command or statement the client sends
 * calls `count`: the round trips), `close` lets the process exit.
 */
interface Store {
  readonly label: string;
  open(count: () => void): Promise<{ store: ClusterLeaseStore; close(): Promise<unknown> | void }>;
}

// The clients are imported when the workload runs: rendering, and every other workload, need none.
const STORES: readonly Store[] = [
  {
    label: "Redis, ioredis",
    async open(count) {
      const { Redis } = await import("ioredis");
      const io = new Redis({ host: "127.0.0.1", port: 6379 });
      return { store: redisLeaseStore(([command, ...args]) => (count(), io.call(command as string, ...args))), close: () => io.disconnect() };
    },
  },
  {
    label: "Redis, node-redis",
    async open(count) {
      const { createClient } = await import("redis");
      const nr = await createClient({ url: "redis://127.0.0.1:6379" }).connect();
      return { store: redisLeaseStore((args) => (count(), nr.sendCommand(args))), close: () => nr.quit() };
    },
  },
  {
    label: "PostgreSQL, postgres.js",
    async open(count) {
      const { default: postgres } = await import("postgres");
      const sql = postgres({ host: "127.0.0.1", port: 5432, database: "test", user: "postgres", onnotice: () => {} });
      const run = async (text: string, params: unknown[]) => (count(), [...await sql.unsafe(text, params as never[])]);
      return { store: postgresLeaseStore(run), close: () => sql.end() };
    },
  },
  {
    label: "PostgreSQL, pg",
    async open(count) {
      const { default: pg } = await import("pg");
      const pool = new pg.Pool({ host: "127.0.0.1", port: 5432, database: "test", user: "postgres" });
      pool.on("error", () => {});
      const run = async (text: string, params: unknown[]) => (count(), (await pool.query(text, params)).rows);
      return { store: postgresLeaseStore(run), close: () => pool.end() };
    },
  },
];

/** What the lease workload runs under these settings. */
const params = (settings: Settings): { seconds: number; period: number; ttl: number } => ({
  seconds: settings.seconds ?? 5,
  period: settings.leasePeriod,
  ttl: settings.leaseTtl,
});
const runs = (settings: Settings): number => settings.runs ?? 1;

export const LEASE: Workload = {
  id: ID,
  title: "Leases: cost per run (`bench/lease.ts`)",
  byDefault: false,
  compared: false,
  children: [],
  runs,
  estimateMs: (settings) => runs(settings) * (STORES.length + 1) * (params(settings).seconds * 1_000 + 200),
  async run(bench) {
    const p = params(bench.settings);
    for (let r = 0; r < bench.runs; r++) {
      for (const store of [undefined, ...STORES]) {
        const label = store?.label ?? BASE;
        const began = performance.now();
        let failure: string | undefined;
        try {
          const counter = { calls: 0 };
          const opened = await store?.open(() => void counter.calls++);
          try {
            bench.recorder.record(ID, label, RUNTIME, { result: { ...await measure(opened?.store, counter, p), ...p } });
          } finally {
            await opened?.close();
          }
        } catch (error) {
          failure = `failed: ${(error as Error).message}`;
          bench.recorder.record(ID, label, RUNTIME, { failure });
        }
        bench.recorder.progress(`lease ${label} ${r + 1}/${bench.runs}`, failure, performance.now() - began);
      }
    }
  },
  render(doc) {
    if (!doc.ran(ID)) return undefined;
    const base = doc.get(ID, BASE, RUNTIME);
    const rows = [BASE, ...STORES.map((s) => s.label)].flatMap((label) => {
      const sum = doc.get(ID, label, RUNTIME);
      return sum === undefined ? [] : [row(label, sum, base)];
    });
    // Results keep what they were measured with; the settings only stand in for missing ones.
    const { seconds, period, ttl } = (doc.first(ID) as ReturnType<typeof params> | undefined) ?? params(doc.settings);
    const body = fill("lease", "main", { seconds, period, ttl, deno: doc.saved.versions.deno ?? "", rows: rows.join("\n") });
    return { name: ID, body, unmarked: "print" };
  },
};

/** One worker for the window, with `store` as its lease store (none: the baseline). */
async function measure(
  store: ClusterLeaseStore | undefined,
  counter: { calls: number },
  { seconds, period, ttl }: { seconds: number; period: number; ttl: number },
): Promise<{ runs: number; calls: number; p50: number; p99: number }> {
  const lags: number[] = [];
  const manager = new BackgroundWorkerManager(store === undefined ? {} : { lease: { store, ttl } });
  manager.add(periodic(`bench-${crypto.randomUUID()}`, { period }, ({ scheduledAt }) => {
    lags.push(Date.now() - scheduledAt);
  }));
  await manager.start();
  await new Promise((r) => setTimeout(r, seconds * 1_000));
  await manager.stop();
  lags.sort((a, b) => a - b);
  const q = (p: number): number => lags[Math.min(lags.length - 1, Math.floor(p * lags.length))] ?? NaN;
  return { runs: lags.length, calls: counter.calls, p50: q(0.5), p99: q(0.99) };
}

/** A line of the table, the figures as bench/lease.ts printed them before the registry. */
function row(label: string, sum: Summary, base: Summary | undefined): string {
  if (!sum.ok) return `| ${label} | **${sum.failure}** | – | – | – | – |`;
  const m = sum.median;
  if (label === BASE) return `| ${label} | ${m.runs} | 0 | ${fixed(m.p50, 2)} | ${fixed(m.p99, 2)} | 0 |`;
  const extra = base?.ok ? fixed(m.p50! - base.median.p50!, 2) : "–";
  return `| ${label} | ${m.runs} | ${fixed(m.calls! / m.runs!, 2)} | ${fixed(m.p50, 2)} | ${fixed(m.p99, 2)} | ${extra} |`;
}
