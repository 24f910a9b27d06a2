/**
 * A workers-only app for PM2 (see ecosystem.config.cjs beside it), the same file on Node and Bun:
 * three instances share each worker through Redis leases, so the cluster mails one report per
 * period, and `pm2 reload` / `pm2 stop` stop each instance gracefully.
 *
 *   npx tsc && pm2 start ecosystem.config.cjs --only workers-node   # Node, cluster mode, dist/main.js
 *   pm2 start ecosystem.config.cjs --only workers-bun                # Bun, fork mode, this file
 *
 * No top-level await: PM2 loads the app with require() (Bun's fork mode, and Node's for a file that
 * is not an ES module), which cannot wait for one; with it, the app failed after the manager had
 * taken its leases, and PM2 restarted it over and over.
 * @module
 */
// @ts-nocheck

import { BackgroundWorkerManager, periodic } from "@background/workers";
import { redisLeaseStore } from "@background/workers/redis";
import { Redis } from "ioredis";
import process from "node:process";
import { setTimeout as sleep } from "node:timers/promises";

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const instance = process.env.NODE_APP_INSTANCE ?? "0";
const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

const manager = new BackgroundWorkerManager({
  // Keep pm2's kill_timeout above this, or PM2 kills a run mid-work (see ecosystem.config.cjs).
  stopTimeout: env("STOP_TIMEOUT", 30_000),
  lease: { store: redisLeaseStore(redis), ttl: 15_000, prefix: process.env.LEASE_PREFIX ?? "reports:" },
});

manager.add(periodic("ReportMailer", { period: env("PERIOD_MS", 60_000) }, async ({ signal, run, fencingToken }) => {
  console.log(`instance ${instance}: run ${run} (lease ${fencingToken})`);
  // A report goes out whole: the signal is checked between reports, never inside one.
  for (let report = 0; report < env("REPORTS", 3) && !signal.aborted; report++) await sleep(env("REPORT_MS", 200));
}));

manager.start().then(() => {
  manager.stopOnShutdown({
    beforeExit: async (report) => {
      await redis.quit();
      console.log(`instance ${instance}: stopped, ${report.ok ? "every run settled" : "runs still in flight"}`);
    },
  });
  console.log(`instance ${instance}: started`);
}, (error: unknown) => {
  console.error(`instance ${instance}: did not start:`, error);
  process.exit(1);
});
