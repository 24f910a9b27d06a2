/**
 * The engines bench: the same app (W fixed-rate workers) on N instance processes, once on the
 * BullMQ engine (test/fixtures/engine_instance.ts) and once with the Redis lease store and ioredis
 * (test/fixtures/lease_instance.ts), each on a private redis-server started here (never the shared
 * one). Per line: runs in the window against the ideal, start lag (from the slot, `scheduledAt`, to
 * the run's start, both in wall time on this machine) p50 / p99, Redis commands per run (INFO
 * commandstats: every command, those inside scripts too; INFO left out), Redis CPU per run, and
 * the Redis connections the instances hold.
 *
 *   node_modules/.bin/deno run -A bench/engines.ts [--instances 1,3] [--workers 8] [--period 200]
 *     [--seconds 5] [--warmup 2000] [--run-ms 5] [--runtime deno|node|bun]
 */
import { Redis } from "ioredis";
import { type Child, type Runtime, start } from "../test/child.ts";
import { events } from "../test/instance_events.ts";
import { PrivateRedis, redisMissing } from "../test/stores.ts";

const flag = (name: string, fallback: string): string => {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 ? Deno.args[i + 1] ?? fallback : fallback;
};
const number = (name: string, fallback: number): number => {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`--${name} must be a number ≥ 0`);
  return value;
};
const counts = flag("instances", "1,3").split(",").map(Number);
const workers = number("workers", 8);
const period = number("period", 200);
const seconds = number("seconds", 5);
const warmup = number("warmup", 2_000);
const runMs = number("run-ms", 5);
const runtime = flag("runtime", "deno") as Runtime;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const missing = redisMissing();
if (missing !== undefined) {
  console.log(`engines bench: skipped: ${missing}`);
  Deno.exit(0);
}

const redis = new PrivateRedis();
await redis.start();
const admin = new Redis({ host: "127.0.0.1", port: redis.port });
const live = new Set<Child>();

async function stats(): Promise<{ commands: number; cpu: number; clients: number; each: Map<string, number> }> {
  const [commandstats, cpu, clients] = await Promise.all([admin.info("commandstats"), admin.info("cpu"), admin.info("clients")]);
  let commands = 0;
  const each = new Map<string, number>();
  for (const [, command, calls] of commandstats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (command === "info") continue;
    commands += Number(calls);
    each.set(command as string, Number(calls));
  }
  const value = (text: string, key: string) => Number(new RegExp(`${key}:([\\d.]+)`).exec(text)?.[1] ?? 0);
  return { commands, cpu: (value(cpu, "used_cpu_user") + value(cpu, "used_cpu_sys")) * 1e6, clients: value(clients, "connected_clients") - 1, each };
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

interface Line {
  kind: string;
  instances: number;
  runs: number;
  ideal: number;
  p50: number;
  p99: number;
  commandsPerRun: number;
  cpuPerRun: number;
  clients: number;
  /** The commands with the most calls per run, for the legend. */
  top: string;
}

async function measure(kind: "bullmq" | "lease", instances: number, round: number): Promise<Line> {
  const prefix = `bench${round}`;
  const children: Child[] = [];
  for (let i = 0; i < instances; i++) {
    const child = kind === "bullmq"
      ? start("test/fixtures/engine_instance.ts", [JSON.stringify({ id: String(i), port: redis.port, prefix, name: "w", workers, period, runMs, mode: "fixed-rate" })], {}, {
        stdin: true,
        runtime,
      })
      : start(
        "test/fixtures/lease_instance.ts",
        [JSON.stringify({ id: String(i), client: "ioredis", port: redis.port, prefix: `${prefix}w`, workers, period, ttl: 3_000, runMs, mode: "fixed-rate" })],
        {},
        { stdin: true, runtime },
      );
    children.push(child);
    live.add(child);
  }
  await Promise.all(children.map((c) => c.waitFor(/"e":"ready"/, 60_000)));
  await sleep(warmup);
  const before = await stats();
  const from = Date.now();
  await sleep(seconds * 1_000);
  const to = Date.now();
  const after = await stats();
  const runs = children.flatMap((c) => events(c)).filter((e) => e.e === "start" && e.at >= from && e.at < to);
  const lags = runs.map((e) => e.at - (e.slot ?? e.at)).sort((a, b) => a - b);
  for (const c of children) c.send("stop");
  await Promise.all(children.map((c) => Promise.race([c.exited, sleep(5_000).then(() => c.signal("SIGKILL"))])));
  for (const c of children) live.delete(c);
  return {
    kind,
    instances,
    runs: runs.length,
    ideal: Math.floor(((to - from) / period) * workers),
    p50: quantile(lags, 0.5),
    p99: quantile(lags, 0.99),
    commandsPerRun: (after.commands - before.commands) / runs.length,
    cpuPerRun: (after.cpu - before.cpu) / runs.length,
    clients: after.clients,
    top: [...after.each].map(([c, n]) => [c, (n - (before.each.get(c) ?? 0)) / runs.length] as const).sort((a, b) => b[1] - a[1]).slice(0, 8)
      .map(([c, n]) => `${c} ${n.toFixed(1)}`).join(", "),
  };
}

const lines: Line[] = [];
try {
  let round = 0;
  for (const instances of counts) {
    for (const kind of ["lease", "bullmq"] as const) {
      const line = await measure(kind, instances, ++round);
      lines.push(line);
      console.error(JSON.stringify(line));
    }
  }
} finally {
  for (const c of live) c.signal("SIGKILL");
  admin.disconnect();
  await redis.stop();
}

const version = (await new Deno.Command("redis-server", { args: ["--version"] }).output()).stdout;
console.log(`${workers} workers @ ${period} ms fixed rate, runs of ${runMs} ms, ${seconds} s measured after ${warmup} ms of warm-up; instances on ${runtime}; ${new TextDecoder().decode(version).trim()}\n`);
console.log("| coordination | instances | runs (ideal) | start lag p50 / p99 (ms) | Redis commands per run | Redis CPU per run | Redis connections |");
console.log("|---|---|---|---|---|---|---|");
for (const l of lines) {
  const name = l.kind === "bullmq" ? "BullMQ engine" : "Redis lease (ioredis)";
  console.log(`| ${name} | ${l.instances} | ${l.runs} (${l.ideal}) | ${l.p50.toFixed(1)} / ${l.p99.toFixed(1)} | ${l.commandsPerRun.toFixed(2)} | ${l.cpuPerRun.toFixed(1)} µs | ${l.clients} |`);
}
console.log("\nMost called per run:");
for (const l of lines) console.log(`- ${l.kind}, ${l.instances} instance(s): ${l.top}`);
