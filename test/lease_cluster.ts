/**
 * The lease scenarios of the "several instances" contract, run against a real store through each
 * client library: three (or two) child processes share one worker and record every run in the store.
 */
import { createConnection } from "node:net";
import { describe, expect, test } from "vitest";
import { type Child, runtime, start } from "./child.ts";
import { waitUntil } from "./helpers.ts";
import { TcpProxy } from "./tcp_proxy.ts";

export type ClientKind = "ioredis" | "node-redis" | "postgres" | "pg";

/** A run as a child recorded it in the store. */
export interface RunRecord {
  id: string;
  start: number;
  end: number;
  token: number;
  aborted: boolean;
}

/** How the tests reach a store from the test process. */
export interface StoreAccess {
  label: string;
  port: number;
  clients: readonly ClientKind[];
  /** Why the store cannot be reached, or undefined when it can. */
  unreachable(): Promise<string | undefined>;
  runs(name: string): Promise<RunRecord[]>;
}

/** Resolves once a TCP connection to 127.0.0.1:port succeeds; rejects with the reason otherwise. */
export function probe(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(1_000, () => (socket.destroy(), reject(new Error("timed out"))));
    socket.once("connect", () => (socket.end(), resolve()));
    socket.once("error", reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let seq = 0;

function instance(store: StoreAccess, client: ClientKind, name: string, id: string, opts: { port?: number; period: number; ttl: number; runMs: number }): Child {
  const args = { client, port: opts.port ?? store.port, name, id, period: opts.period, ttl: opts.ttl, runMs: opts.runMs };
  return start("test/fixtures/lease_child.ts", [JSON.stringify(args)]);
}

async function stopAll(children: Child[]): Promise<void> {
  for (const c of children) if (c.proc.exitCode === null) c.signal("SIGTERM");
  await Promise.all(children.map((c) => Promise.race([c.exited, sleep(5_000).then(() => c.signal("SIGKILL"))])));
}

/** No two runs overlap in time; tokens never go down, and go up whenever another instance runs. */
function checkExclusive(runs: RunRecord[]): void {
  const sorted = [...runs].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const [prev, cur] = [sorted[i - 1]!, sorted[i]!];
    expect(cur.start, `run ${i} overlaps the one before: ${JSON.stringify([prev, cur])}`).toBeGreaterThanOrEqual(prev.end);
    expect(cur.token).toBeGreaterThanOrEqual(prev.token);
    if (cur.id !== prev.id) expect(cur.token).toBeGreaterThan(prev.token);
  }
}

/** Polls the store's records until `ready` holds; `ms` only bounds a hang (then a clear error). */
async function recordedUntil(store: StoreAccess, name: string, what: string, ready: (runs: RunRecord[]) => boolean, ms = 20_000): Promise<RunRecord[]> {
  for (const deadline = Date.now() + ms; ;) {
    const runs = await store.runs(name);
    if (ready(runs)) return runs;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms: ${JSON.stringify(runs.slice(-5))}`);
    await sleep(100);
  }
}

function events(child: Child, word: string): number[] {
  return child.lines.filter((l) => l.split(" ")[1] === word).map((l) => Number(l.split(" ")[0]));
}

/** The lease tests for one store, with each of its client libraries. */
export async function leaseSuite(store: StoreAccess): Promise<void> {
  const why = await store.unreachable();
  if (why !== undefined) {
    console.log(`SKIPPED lease tests on ${store.label}: ${why}`);
  }
  describe.skipIf(why !== undefined)(`7. Several instances on ${store.label} (${runtime} children)`, () => {
    describe.each(store.clients)("with %s", (client) => {
      test("7.1 three instances share one worker: no overlap, about one run per period for the cluster, tokens grow", async () => {
        const name = `share-${client}-${runtime}-${Date.now()}-${seq++}`;
        const children = ["a", "b", "c"].map((id) => instance(store, client, name, id, { period: 200, ttl: 1_000, runMs: 20 }));
        try {
          await Promise.all(children.map((c) => c.waitFor(/ ready$/)));
          const from = Date.now();
          // Until the cluster made 25 runs (5 s at 200 ms), however long a loaded machine takes: the
          // wait's bound is a hang's. (Before, a fixed 5 s had to hold at least 13.)
          const started = (): number => children.reduce((n, c) => n + events(c, "start").filter((t) => t >= from).length, 0);
          await waitUntil("25 runs in the cluster", () => started() >= 25, 40_000);
          const to = Date.now();
          await stopAll(children);
          const runs = await store.runs(name);
          checkExclusive(runs);
          const inWindow = runs.filter((r) => r.start >= from && r.start < to);
          // Once per period for the cluster, not once per instance (three times as many): over the
          // window those runs took, at most a quarter more than one a period (handovers), plus one.
          // A slow machine makes the window longer and the runs fewer, never the bound tighter.
          expect(inWindow.length).toBeLessThanOrEqual(1.25 * (to - from) / 200 + 1);
        } finally {
          await stopAll(children);
        }
      }, 60_000);

      test("7.3 SIGKILL the instance that runs: another runs within TTL + period", async () => {
        const name = `kill-${client}-${runtime}-${Date.now()}-${seq++}`;
        const ttl = 1_000;
        const period = 200;
        const children = ["a", "b", "c"].map((id) => instance(store, client, name, id, { period, ttl, runMs: 20 }));
        try {
          await Promise.all(children.map((c) => c.waitFor(/ ready$/)));
          // The holder is whoever recorded the latest run (a first run may take a while when loaded).
          const before = await recordedUntil(store, name, "a recorded run", (runs) => runs.length > 0);
          const holder = before.sort((a, b) => a.start - b.start).at(-1)!.id;
          const killedAt = Date.now();
          children[["a", "b", "c"].indexOf(holder)]!.signal("SIGKILL");
          // Until another instance ran; how long that took is what is checked below.
          const runs = await recordedUntil(store, name, "a run by another instance after the kill", (runs) =>
            runs.some((r) => r.id !== holder && r.start > killedAt));
          checkExclusive(runs);
          const next = runs.filter((r) => r.id !== holder && r.start > killedAt).sort((a, b) => a.start - b.start)[0];
          expect(next, "nobody took over").toBeDefined();
          // Store round trips and process scheduling get 400 ms on top of the bound.
          expect(next!.start - killedAt).toBeLessThanOrEqual(ttl + period + 400);
        } finally {
          await stopAll(children);
        }
      }, 30_000);

      test("7.4 the store goes away: runs stop, the holder's signal aborts within TTL, errors are reported, runs resume", async () => {
        const name = `fault-${client}-${runtime}-${Date.now()}-${seq++}`;
        const ttl = 900;
        const proxy = new TcpProxy(store.port);
        await proxy.open();
        const children = ["a", "b"].map((id) => instance(store, client, name, id, { port: proxy.port, period: 100, ttl, runMs: 2_000 }));
        try {
          await Promise.all(children.map((c) => c.waitFor(/ ready$/)));
          // A run in flight on the holder, then the network to the store goes.
          const started = await Promise.race(children.map((c) => c.waitFor(/ start /, 10_000).then((l) => ({ c, l }))));
          await sleep(100);
          const cutAt = Date.now();
          await proxy.cut();
          // An outage of 2.5 s at least (no run may start in it), and until the holder's abort came,
          // however late a loaded machine printed it: how late it was is what is checked.
          await sleep(2_500);
          await waitUntil("the holder's abort", () => events(started.c, "aborted").some((t) => t >= cutAt), 15_000).catch(() => {});
          const aborted = events(started.c, "aborted").filter((t) => t >= cutAt);
          expect(aborted.length, "the holder's run was not aborted").toBe(1);
          expect(aborted[0]! - cutAt).toBeLessThanOrEqual(ttl + 200);
          for (const c of children) {
            // Nobody runs while the store is unreachable (a run may start only in the first instant).
            expect(events(c, "start").filter((t) => t > cutAt + 50)).toEqual([]);
          }
          expect(children.some((c) => events(c, "error").some((t) => t >= cutAt))).toBe(true);
          const restoredAt = Date.now();
          await proxy.open();
          const resumed = await Promise.race(
            children.map(async (c) => {
              for (let i = 0; i < 100; i++) {
                const later = events(c, "start").filter((t) => t > restoredAt);
                if (later.length > 0) return later[0]!;
                await sleep(100);
              }
              return undefined;
            }),
          );
          expect(resumed, "runs did not resume").toBeDefined();
        } finally {
          await stopAll(children);
          await proxy.cut();
        }
      }, 30_000);

      test("7.2 a run longer than the TTL keeps its lease by renewal and is not doubled", async () => {
        const name = `long-${client}-${runtime}-${Date.now()}-${seq++}`;
        // A TTL of 900 ms (membership lifetime 600, heartbeats every 300): a heartbeat late by more
        // than its limit on a loaded machine counts as a lost lease (safety first).
        const children = ["a", "b"].map((id) => instance(store, client, name, id, { period: 100, ttl: 900, runMs: 1_500 }));
        try {
          await Promise.all(children.map((c) => c.waitFor(/ ready$/)));
          // Two whole runs, however long a loaded machine takes (not as many as fit in a fixed 4 s).
          await recordedUntil(store, name, "two whole runs", (runs) => runs.filter((r) => !r.aborted).length >= 2, 30_000);
          await stopAll(children);
          const runs = (await store.runs(name)).filter((r) => !r.aborted);
          expect(runs.length).toBeGreaterThanOrEqual(2);
          checkExclusive(runs);
          for (const r of runs) expect(r.end - r.start).toBeGreaterThanOrEqual(1_450);
        } finally {
          await stopAll(children);
        }
      }, 60_000);
    });
  });
}
