/**
 * What a lease costs per run, for each store and client library: `bench/run.ts --only lease`
 * (bench/workloads/lease.ts), kept under this name because BENCHMARKS.md gives this command.
 *
 *   node_modules/.bin/deno run -A bench/lease.ts [--seconds 5] [--period 50] [--ttl 3000]
 *
 * Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (database test).
 */
import { main } from "./run.ts";

await main(["--only", "lease", ...Deno.args]);
