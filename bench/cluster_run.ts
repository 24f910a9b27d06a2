/**
 * One measurement of the cluster bench: N instance processes (test/fixtures/lease_instance.ts) with
 * W workers each on one store; what the store did (server-side counter), what the clients sent
 * (store calls), who ran what, overlaps across instances, and the failover after a SIGKILL.
 * @module
 */
import { type Child, type Runtime, start } from "../test/child.ts";
import type { ClientKind, InstanceArgs } from "../test/fixtures/lease_instance.ts";
import { events, Observed, overlaps, type Run } from "../test/instance_events.ts";

/** A store as the bench sees it from outside: a port, and a server-side count of what it executed. */
export interface MeasuredStore {
  readonly port: number;
  /** What `executed()` counts, for the table's legend. */
  readonly counts: string;
  /** Commands (Redis) or statements (PostgreSQL) executed so far by the instances. */
  executed(): Promise<number>;
  /** The store's own time spent so far, µs: Redis's CPU time (INFO cpu), PostgreSQL's statement execution time. */
  busy(): Promise<number>;
  /** What `busy()` measures, for the legend. */
  readonly busyIs: string;
}

export interface Settings {
  instances: number;
  workers: number;
  period: number;
  ttl: number;
  seconds: number;
  warmup: number;
  runMs: number;
  runtime: Runtime;
}

export interface Result {
  runs: number;
  /** Runs the workers would make in the window if every due time ran once (fixed delay). */
  ideal: number;
  roundTripsPerRun: number;
  serverPerRun: number;
  /** The store's time per run (µs) and per second of the window (µs, i.e. 1,000,000 = one core). */
  busyPerRun: number;
  busyPerSecond: number;
  /** Runs of the busiest instance over the fair share (runs / instances). */
  busiest: number;
  idle: number;
  overlaps: number;
  /** From SIGKILL of the last instance that ran worker 0 to its next run elsewhere, ms (undefined: n/a). */
  failover: number | undefined;
  /** The same, the slowest over every worker that the killed instance ran last. */
  failoverMax: number | undefined;
  /** Store errors the instances reported in the window. */
  errors: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every instance process alive, so that Ctrl-C and errors can take them all down. */
export const children: Set<Child> = new Set();

/** Asks every instance for its store calls so far: their sum. */
async function calls(instances: Child[]): Promise<number> {
  const counts = await Promise.all(instances.map(async (child) => {
    const seen = child.lines.length;
    child.send("calls");
    for (let i = 0; i < 500; i++) {
      const reply = events(child, seen).find((e) => e.e === "calls");
      if (reply !== undefined) return reply.trips ?? 0;
      await sleep(10);
    }
    throw new Error("an instance did not answer 'calls' within 5 s");
  }));
  return counts.reduce((a, b) => a + b, 0);
}

/** SIGKILLs the last instance that ran worker 0 and times each of its workers' next run elsewhere. */
async function failover(seen: Observed, prefix: string, bound: number): Promise<{ w0: number; max: number } | undefined> {
  const instances = seen.instances;
  if (instances.length < 2) return undefined;
  const last = new Map<string, Run>();
  for (const run of [...seen.update().runs].sort((a, b) => a.start - b.start)) last.set(run.w, run);
  const victim = last.get(`${prefix}0`)?.instance;
  if (victim === undefined) return undefined;
  const held = [...last.values()].filter((r) => r.instance === victim).map((r) => r.w);
  const killedAt = Date.now();
  instances[victim]!.signal("SIGKILL");
  seen.deaths.set(victim, killedAt);
  const next = new Map<string, number>();
  for (let checked = seen.runs.length; next.size < held.length && Date.now() < killedAt + bound;) {
    await sleep(50);
    for (const run of seen.update().runs.slice(checked)) {
      if (run.instance !== victim && run.start > killedAt && held.includes(run.w) && !next.has(run.w)) {
        next.set(run.w, run.start - killedAt);
      }
    }
    checked = seen.runs.length;
  }
  const w0 = next.get(`${prefix}0`) ?? Infinity;
  return { w0, max: next.size < held.length ? Infinity : Math.max(...next.values()) };
}

async function stopAll(instances: Child[]): Promise<void> {
  for (const c of instances) c.signal("SIGTERM");
  await Promise.all(instances.map((c) => Promise.race([c.exited, sleep(10_000).then(() => c.signal("SIGKILL"))])));
  await Promise.all(instances.map((c) => c.exited));
  for (const c of instances) children.delete(c);
}

/** Runs one configuration and measures it. */
export async function measure(store: MeasuredStore, client: ClientKind, s: Settings): Promise<Result> {
  const prefix = `${client}-${s.instances}-${Date.now()}-w`;
  const instances: Child[] = [];
  try {
    for (let i = 0; i < s.instances; i++) {
      const args: InstanceArgs = {
        id: String(i),
        client,
        port: store.port,
        workers: s.workers,
        prefix,
        period: s.period,
        ttl: s.ttl,
        runMs: s.runMs,
        startOnGo: true,
      };
      const child = start("test/fixtures/lease_instance.ts", [JSON.stringify(args)], {}, { runtime: s.runtime, stdin: true });
      instances.push(child);
      children.add(child);
    }
    await Promise.all(instances.map((c) => c.waitFor(/"e":"ready"/, 120_000)));
    // Together, as a deploy starts them: who is first to each lease is then a race, not start-up order.
    for (const c of instances) c.send("go");
    await sleep(s.warmup);
    const [server0, busy0, calls0, from] = [await store.executed(), await store.busy(), await calls(instances), Date.now()];
    await sleep(s.seconds * 1_000);
    const [to, server1, busy1, calls1] = [Date.now(), await store.executed(), await store.busy(), await calls(instances)];
    const seen = new Observed(instances).update();
    const inWindow = seen.runs.filter((r) => r.start >= from && r.start < to);
    const perInstance = instances.map((_, i) => inWindow.filter((r) => r.instance === i).length);
    const runs = inWindow.length;
    const errors = seen.errors.filter(({ at }) => at >= from && at < to).length;
    const killed = await failover(seen, prefix, s.ttl + s.period + 10_000);
    return {
      runs,
      ideal: (s.workers * (to - from)) / (s.period + s.runMs),
      roundTripsPerRun: (calls1 - calls0) / runs,
      serverPerRun: (server1 - server0) / runs,
      busyPerRun: (busy1 - busy0) / runs,
      busyPerSecond: (busy1 - busy0) / ((to - from) / 1_000),
      busiest: Math.max(...perInstance) / (runs / s.instances),
      idle: perInstance.filter((n) => n === 0).length,
      overlaps: overlaps(seen.update()).length,
      failover: killed?.w0,
      failoverMax: killed?.max,
      errors,
    };
  } finally {
    await stopAll(instances);
  }
}
