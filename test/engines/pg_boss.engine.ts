/**
 * The pg-boss engine with 3 real instances (test/fixtures/pgboss_instance.ts) on the real
 * PostgreSQL 127.0.0.1:5432/test, in a schema of this run's own: one run per slot for the cluster,
 * no overlap under pressure, SIGKILL of the instance running a job → the next job runs elsewhere,
 * graceful stop on SIGTERM, remove() unschedules. pg-boss's slots are whole minutes, so this waits
 * for minute slots (about 1 to 2 minutes): it runs as `npm run test:engines`, not in `npm test`.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import pg from "pg";
import { type Child, start } from "../child.ts";
import type { PgBossInstanceArgs } from "../fixtures/pgboss_instance.ts";

const connection = { host: "127.0.0.1", port: 5432, database: "test", user: "postgres" };
const schema = `bgw_pgboss_${process.pid}_${Date.now().toString(36)}`;

async function unreachable(): Promise<string | undefined> {
  try {
    const client = new pg.Client({ ...connection, connectionTimeoutMillis: 2_000 });
    await client.connect();
    await client.end();
    return undefined;
  } catch (error) {
    return `cannot use PostgreSQL 127.0.0.1:5432/test (${(error as Error).message}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`;
  }
}

const why = await unreachable();
if (why !== undefined) console.log(`pg-boss engine cluster tests skipped: ${why}`);

interface Event {
  e: string;
  at: number;
  w?: string;
  slot?: number;
  aborted?: boolean;
  ok?: boolean;
  message?: string;
}

interface Run {
  instance: number;
  w: string;
  start: number;
  end: number;
  slot: number;
  aborted: boolean | undefined;
}

function events(child: Child): Event[] {
  return child.lines.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Event);
}

/** Every run of the cluster: a start and its end (Infinity while it goes on, or for an instance killed meanwhile). */
function runs(children: Child[], w?: string): Run[] {
  const all: Run[] = [];
  children.forEach((child, instance) => {
    let open: Run | undefined;
    for (const ev of events(child)) {
      if (ev.w !== w && w !== undefined) continue;
      if (ev.e === "start") all.push(open = { instance, w: ev.w as string, start: ev.at, end: Infinity, slot: ev.slot as number, aborted: undefined });
      if (ev.e === "end" && open !== undefined) (open.end = ev.at, open.aborted = ev.aborted, open = undefined);
    }
  });
  return all.sort((a, b) => a.start - b.start);
}

/** Runs of one worker that overlap in time (each run's end before the next one's start). */
function overlaps(list: Run[], deaths: Map<number, number>): [Run, Run][] {
  const found: [Run, Run][] = [];
  for (let i = 1; i < list.length; i++) {
    const prev = list[i - 1] as Run;
    const end = Math.min(prev.end, deaths.get(prev.instance) ?? Infinity);
    if (end > (list[i] as Run).start) found.push([prev, list[i] as Run]);
  }
  return found;
}

async function until(what: string, condition: () => boolean, ms: number, children: Child[]): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${ms} ms; lines ${JSON.stringify(children.map((c) => c.lines.slice(-15)))}; stderr ${children.map((c) => c.stderr().slice(-800)).join(" | ")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function query<T>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe.skipIf(why !== undefined)("pg-boss engine, 3 instances on PostgreSQL", () => {
  const children: Child[] = [];
  const deaths = new Map<number, number>();

  beforeAll(async () => {
    const args = (id: number): PgBossInstanceArgs => ({
      id: String(id),
      schema,
      // Slot: every minute, short runs. Long: runs (3 s) far longer than the trigger pressure's spacing.
      // Kill: a run the test SIGKILLs; its job expires after 4 s so that the next one can start.
      // Long and Kill are yearly, so that only the test's triggers run them.
      workers: { Slot: { cron: "* * * * *", runMs: 300 }, Long: { cron: "0 0 1 1 *", runMs: 3_000 }, Kill: { cron: "0 0 1 1 *", runMs: 60_000 } },
      expireInSeconds: 4,
      startOnGo: true,
    });
    // Not in a minute's last seconds: a slot pg-boss sends at a schedule's creation that late would
    // be created in the next minute and read as that minute's slot (see the README on scheduledAt).
    const second = Date.now() % 60_000;
    if (second > 45_000) await new Promise((resolve) => setTimeout(resolve, 61_000 - second));
    // The first instance makes the schema (pg-boss's migration), then the others start.
    children.push(start("test/fixtures/pgboss_instance.ts", [JSON.stringify(args(0))], {}, { stdin: true }));
    await children[0]!.waitFor(/"e":"ready"/, 30_000);
    children[0]!.send("go");
    await children[0]!.waitFor(/"e":"started"/, 30_000);
    for (const id of [1, 2]) children.push(start("test/fixtures/pgboss_instance.ts", [JSON.stringify(args(id))], {}, { stdin: true }));
    for (const c of children.slice(1)) await c.waitFor(/"e":"ready"/, 30_000);
    for (const c of children.slice(1)) c.send("go");
    for (const c of children.slice(1)) await c.waitFor(/"e":"started"/, 30_000);
  }, 90_000);

  afterAll(async () => {
    for (const c of children) c.signal("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    await query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => {});
  });

  test("no overlap under trigger pressure; SIGKILL of the instance running a job: the next runs elsewhere", async () => {
    // Pressure: 12 triggers from 3 instances, 3 at once every 700 ms, on a worker whose runs take 3 s.
    for (let round = 0; round < 4; round++) {
      for (const c of children) c.send("trigger Long");
      await new Promise((resolve) => setTimeout(resolve, 700));
    }
    await until("the triggers settle", () => children.every((c) => events(c).filter((e) => e.e === "triggered" && e.w === "Long").length === 4), 60_000, children);
    // Every instance registered its workers cleanly (pg-boss's queue DDL deadlocks when raced: the engine serialises and retries).
    expect(children.flatMap((c) => events(c).filter((e) => e.e === "error"))).toEqual([]);
    const long = runs(children, "Long");
    // The stately queue holds one job active and one queued: the sends during a run make one more run, never at once.
    expect(long.length).toBeGreaterThanOrEqual(2);
    expect(long.length).toBeLessThan(12);
    expect(overlaps(long, deaths)).toEqual([]);
    const triggered = children.flatMap((c) => events(c).filter((e) => e.e === "triggered" && e.w === "Long"));
    expect(triggered.filter((e) => e.ok).length).toBeGreaterThanOrEqual(2);
    expect(triggered.filter((e) => !e.ok).every((e) => /already queued/.test(e.message ?? ""))).toBe(true);

    // Kill: a run starts on some instance; SIGKILL it; the job expires (4 s); the next one runs on another.
    children[0]!.send("trigger Kill");
    await until("a Kill run starts", () => runs(children, "Kill").length === 1, 30_000, children);
    const victim = runs(children, "Kill")[0]!.instance;
    children[victim]!.signal("SIGKILL");
    await children[victim]!.exited;
    deaths.set(victim, Date.now());
    const other = children.findIndex((_c, i) => i !== victim);
    children[other]!.send("trigger Kill");
    await until("the next Kill run starts elsewhere", () => runs(children, "Kill").length === 2, 30_000, children);
    const next = runs(children, "Kill")[1]!;
    expect(next.instance).not.toBe(victim);
    // Not before the killed job expired: the queue kept it active until then.
    expect(next.start - (deaths.get(victim) as number)).toBeGreaterThan(1_000);
  }, 120_000);

  test("one run per minute slot for the cluster, scheduledAt the slot", async () => {
    // The schedule was made at start; pg-boss sends the current minute's slot at once and then each minute's.
    await until("two Slot runs of distinct minutes", () => new Set(runs(children, "Slot").map((r) => r.slot)).size >= 2, 130_000, children);
    const slot = runs(children, "Slot");
    const slots = slot.map((r) => r.slot);
    expect(new Set(slots).size).toBe(slots.length);
    for (const s of slots) expect(s % 60_000).toBe(0);
    // Each run starts after its slot, and within a few seconds of it, except the first (a schedule made mid-minute sends that minute's slot at once).
    for (const r of slot) expect(r.start).toBeGreaterThanOrEqual(r.slot);
    for (const r of slot.slice(1)) expect(r.start - r.slot).toBeLessThan(10_000);
    expect(overlaps(slot, deaths)).toEqual([]);
  }, 150_000);

  test("graceful stop on SIGTERM: the run in flight ends (its signal aborted) before the exit; remove() unschedules", async () => {
    const alive = children.map((_c, i) => i).filter((i) => !deaths.has(i));
    const [a, b] = alive as [number, number];
    children[a]!.send("trigger Long");
    await until("a Long run in flight", () => runs(children, "Long").some((r) => r.end === Infinity), 30_000, children);
    const inFlight = runs(children, "Long").find((r) => r.end === Infinity)!;
    const target = inFlight.instance;
    children[target]!.signal("SIGTERM");
    const exit = await children[target]!.exited;
    deaths.set(target, Date.now());
    expect(exit.code, `stderr ${children[target]!.stderr().slice(-2_000)}; lines ${JSON.stringify(children[target]!.lines.slice(-10))}`).toBe(0);
    const ended = runs(children, "Long").find((r) => r.instance === target && r.start === inFlight.start)!;
    expect(ended.end).toBeLessThan(Infinity);
    expect(ended.aborted).toBe(true);
    // remove() on a live instance removes the schedule for the cluster.
    const survivor = target === a ? b : a;
    children[survivor]!.send("remove Slot");
    await children[survivor]!.waitFor(/"e":"removed","w":"Slot"/, 20_000);
    const schedules = await query<{ name: string }>(`SELECT name FROM ${schema}.schedule ORDER BY name`);
    expect(schedules.map((s) => s.name)).toEqual(["Kill", "Long"]);
  }, 60_000);
});
