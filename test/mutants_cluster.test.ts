/**
 * The cluster coordinator (src/lease/cluster.ts) and its worker leases (cluster_lease.ts) in one
 * process, on a fake clock, over the protocol in memory of cluster_harness.ts: what each admission
 * answers, which store calls go out with which arguments, which events a lease sends, when. These
 * are the behaviours the multi-process lease tests cover from outside, where no mutant reaches.
 * TTL 900 ms: heartbeats every 300 ms, a membership lasts 600 ms, a store call may take 300 ms.
 */
import { afterEach, describe, expect, test, vi } from "vitest";
import type { LeaseWorkerInfo } from "../src/core/lease.ts";
import { LeaseLostError } from "../src/core/lease.ts";
import { clusterStore, Coordinator } from "../src/lease/cluster.ts";
import { digest, hash, owner } from "../src/lease/rendezvous.ts";
import { Events, FakeClock, MemoryCluster, settle } from "./cluster_harness.ts";

const ttl = 900;

function setup() {
  const clock = new FakeClock();
  const store = new MemoryCluster(clock);
  const reports: unknown[] = [];
  const make = (uuid?: string) => {
    if (uuid !== undefined) vi.spyOn(crypto, "randomUUID").mockReturnValueOnce(uuid as `${string}-${string}-${string}-${string}-${string}`);
    return new Coordinator(store, { ttl, timers: clock, report: (error) => void reports.push(error) });
  };
  return { clock, store, reports, make };
}

const info = (name: string, period: number | undefined = 100, everySlot = false): LeaseWorkerInfo => ({ name, period, everySlot });
/** A close gives its lease up on the clock's next turn (releases asked in one tick go out together). */
async function closed(clock: FakeClock, lease: { close(settled: boolean): Promise<void> }): Promise<void> {
  const closing = lease.close(true);
  await clock.advance(0);
  await closing;
}
const messages = (errors: unknown[]) => errors.map((e) => (e as Error).message);

/** A worker name that, alone in its group, the member with uuid `winner` owns over the one with `other`. */
function wonBy(winner: string, other: string, skip = 0): string {
  for (let i = 0;; i++) {
    const name = `w${i}`;
    const d = digest([name]);
    if (owner(name, [`${d}.${winner}`, `${d}.${other}`].sort()) === `${d}.${winner}` && skip-- === 0) return name;
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the cluster coordinator in process: joining and admissions", () => {
  test("the first lease joins with one heartbeat and one members call; a claim takes the lease, later admissions reuse its token", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    expect(c.instance).toBe(".u1");
    await settle();
    expect(c.instance).toBe(`${digest(["w"])}.u1`);
    expect(await lease.admit()).toBe(1);
    expect(store.of("heartbeat")).toEqual([[c.instance, 600, 600, [], undefined]]);
    expect(store.of("members")).toEqual([[]]);
    expect(store.of("claim")).toEqual([["w", c.instance]]);
    expect(events.changes).toEqual([[true, 1]]);
    expect(c.valid).toBe(true);
    expect(c.owns("w")).toBe(true);
    expect(await lease.admit()).toBe(1);
    expect(store.of("claim").length).toBe(1);
    await clock.advance(299);
    expect(store.of("heartbeat").length).toBe(1);
    await clock.advance(1);
    // Same version: no members call.
    expect(store.of("heartbeat").length).toBe(2);
    expect(store.of("members").length).toBe(1);
    const instance = c.instance;
    await closed(clock, lease);
    expect(store.of("leave")).toEqual([[instance, []]]);
    expect(store.of("release")).toEqual([]);
    expect(clock.pending).toBe(0);
    expect(store.memberships.size).toBe(0);
    expect(c.valid).toBe(false);
  });

  test("a fresh lease of a worker with a recorded slot resumes from it; a lease held already does not", async () => {
    const { store, make } = setup();
    store.slots.set("w", 5_000);
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    expect(await lease.admit()).toEqual({ token: 1, lastSlot: 5_000 });
    const again = make("u2");
    const events = new Events();
    // Another start of the same worker on an instance the store counts as the holder.
    store.leases.set("v", { holder: "", token: 7 });
    const second = again.lease(info("v"), events);
    await settle();
    store.leases.set("v", { holder: again.instance, token: 7 });
    store.slots.set("v", 9_000);
    expect(await second.admit()).toBe(7);
    expect(events.changes).toEqual([[true, 7]]);
  });

  test("an admission while the join is on the wire waits for it; a join that fails answers store-fault and is reported", async () => {
    const { clock, store, reports, make } = setup();
    store.hang.add("heartbeat");
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    const admission = lease.admit();
    expect(lease.pending).toBe(admission);
    await settle();
    expect(store.of("claim")).toEqual([]);
    store.held.shift()!();
    expect(await admission).toBe(1);
    await settle();
    expect(lease.pending).toBeUndefined();

    const other = setup();
    other.store.fail.add("heartbeat");
    const d = other.make("u2");
    const failed = d.lease(info("w"), new Events());
    await settle();
    expect(await failed.admit()).toBe("store-fault");
    expect(other.store.of("claim")).toEqual([]);
    expect(messages(other.reports)).toEqual(["connection refused"]);
    // Not joined: the next heartbeat TTL/3 after the first one was sent.
    other.store.fail.delete("heartbeat");
    await other.clock.advance(300);
    expect(other.store.of("heartbeat").length).toBe(2);
    expect(await failed.admit()).toBe(1);
    expect(reports).toEqual([]);
    void clock;
  });

  test("a claim answered quarantine, not-member or held by another member skips; not-member rejoins at once", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    store.leases.set("w", { holder: "other", token: 3 });
    store.memberships.set("other", 10_000);
    expect(await lease.admit()).toBe("lease-held");
    store.leases.clear();
    store.quarantineUntil = 50;
    expect(await lease.admit()).toBe("store-fault");
    store.quarantineUntil = -Infinity;
    store.memberships.delete(c.instance);
    clock.t = 10;
    expect(await lease.admit()).toBe("store-fault");
    await settle();
    // The rejoin: a heartbeat at once, not at 300.
    expect(store.calls.filter((x) => x.method === "heartbeat").map((x) => x.at)).toEqual([0, 10]);
    expect(await lease.admit()).toBe(1);
    // The next regular heartbeat is TTL/3 after the rejoin.
    await clock.advance(299);
    expect(store.of("heartbeat").length).toBe(2);
    await clock.advance(1);
    expect(store.of("heartbeat").length).toBe(3);
  });

  test("a store quarantine told by the heartbeat: no claim before it ends, then one", async () => {
    const { clock, store, make } = setup();
    store.quarantineUntil = 400;
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    expect(store.of("heartbeat")[0]![2]).toBe(600);
    expect(c.quarantined).toBe(true);
    expect(await lease.admit()).toBe("store-fault");
    await clock.advance(350);
    // The heartbeat at 300 said 100 ms more.
    expect(await lease.admit()).toBe("store-fault");
    expect(store.of("claim")).toEqual([]);
    await clock.advance(50);
    expect(c.quarantined).toBe(false);
    expect(await lease.admit()).toBe(1);
  });

  test("a claim that fails on the wire is a fault; a claim that hangs times out after TTL/3", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    await settle();
    store.fail.add("claim");
    expect(await lease.admit()).toBe("store-fault");
    expect(messages(events.faults)).toEqual(["connection refused"]);
    store.fail.delete("claim");
    store.throws.add("claim");
    expect(await lease.admit()).toBe("store-fault");
    expect(messages(events.faults)).toEqual(["connection refused", "claim threw"]);
    store.throws.delete("claim");
    store.hang.add("claim");
    const admission = lease.admit();
    await clock.advance(299);
    expect(events.faults.length).toBe(2);
    await clock.advance(1);
    expect(await admission).toBe("store-fault");
    expect(messages(events.faults)[2]).toBe("lease store: claim took longer than 300 ms");
    expect(events.changes).toEqual([]);
  });

  test("a worker whose runs are rarer than heartbeats (or missed: all, or cron) records each slot at once; others with the next heartbeat", async () => {
    const { clock, store, reports, make } = setup();
    const c = make("u1");
    const often = c.lease(info("often", 300), new Events());
    const rare = c.lease(info("rare", 301), new Events());
    const all = c.lease(info("all", 100, true), new Events());
    const cron = c.lease({ name: "cron", period: undefined, everySlot: false }, new Events());
    await settle();
    often.began(1_000);
    expect(store.of("record")).toEqual([]);
    rare.began(2_000);
    all.began(3_000);
    cron.began(4_000);
    expect(store.of("record")).toEqual([[[["rare", 2_000]]], [[["all", 3_000]]], [[["cron", 4_000]]]]);
    await clock.advance(300);
    expect(store.of("heartbeat").at(-1)![3]).toEqual([["often", 1_000]]);
    await clock.advance(300);
    expect(store.of("heartbeat").at(-1)![3]).toEqual([]);
    store.fail.add("record");
    rare.began(5_000);
    await settle();
    expect(messages(reports)).toEqual(["connection refused"]);
  });

  test("the slots of a heartbeat that failed go with the next one, unless a newer slot came meanwhile", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const a = c.lease(info("a"), new Events());
    const b = c.lease(info("b"), new Events());
    await settle();
    a.began(1_000);
    b.began(1_000);
    store.hang.add("heartbeat");
    await clock.advance(300);
    expect(store.of("heartbeat").at(-1)![3]).toEqual([["a", 1_000], ["b", 1_000]]);
    b.began(1_100);
    // The hung heartbeat times out at 600.
    store.hang.delete("heartbeat");
    await clock.advance(300);
    // The next one goes TTL/3 after the failed one was sent.
    expect(store.of("heartbeat").length).toBe(3);
    expect(new Map(store.of("heartbeat").at(-1)![3] as [string, number][])).toEqual(new Map([["a", 1_000], ["b", 1_100]]));
  });
});

describe("the cluster coordinator in process: losing the membership", () => {
  test("a heartbeat that fails loses every lease at once: the reason names the error, and admissions skip until a heartbeat succeeds", async () => {
    const { clock, store, reports, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    await settle();
    expect(await lease.admit()).toBe(1);
    store.fail.add("heartbeat");
    await clock.advance(300);
    expect(messages(reports)).toEqual(["connection refused"]);
    expect(events.lostErrors.length).toBe(1);
    expect(events.lostErrors[0]).toBeInstanceOf(LeaseLostError);
    expect(events.lostErrors[0]!.message).toBe(`lease "w" lost: its membership could not be renewed: connection refused`);
    expect(events.changes).toEqual([[true, 1], [false, 1]]);
    expect(c.valid).toBe(false);
    expect(await lease.admit()).toBe("store-fault");
    expect(store.of("claim").length).toBe(1);
    store.fail.delete("heartbeat");
    await clock.advance(300);
    expect(c.valid).toBe(true);
    // Still the holder in the store: the same token, not fresh.
    expect(await lease.admit()).toBe(1);
    expect(events.changes).toEqual([[true, 1], [false, 1], [true, 1]]);
    // Lost only once.
    expect(events.lostErrors.length).toBe(1);
  });

  test("a heartbeat that hangs: the membership ends when its lifetime runs out, before the call times out", async () => {
    const { clock, store, reports, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    await settle();
    expect(await lease.admit()).toBe(1);
    store.hang.add("heartbeat");
    await clock.advance(599);
    expect(events.lostErrors).toEqual([]);
    expect(c.valid).toBe(true);
    await clock.advance(1);
    expect(c.valid).toBe(false);
    expect(events.lostErrors.map((e) => e.message)).toEqual([`lease "w" lost: this instance's membership could not be renewed in time`]);
    expect(messages(reports)).toEqual(["lease store: heartbeat took longer than 300 ms"]);
    // The next heartbeat went at 600: an admission waits for it.
    expect(store.of("heartbeat").length).toBe(3);
    const admission = lease.admit();
    await settle();
    store.held.at(-1)!();
    expect(await admission).toBe(1);
  });

  test("a heartbeat that finds this instance joined afresh (its membership lapsed in the store) loses the leases", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    await settle();
    expect(await lease.admit()).toBe(1);
    await clock.advance(300);
    expect(events.lostErrors).toEqual([]);
    store.memberships.delete(c.instance);
    await clock.advance(300);
    expect(events.lostErrors.map((e) => e.message)).toEqual([`lease "w" lost: this instance's membership lapsed`]);
    // Members are fetched again (the version changed), and the lease is claimed afresh.
    expect(store.of("members").length).toBe(2);
    expect(c.valid).toBe(true);
  });

  test("a store that lost its state (a new epoch) drops every lease, even when this instance is still listed", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const a = new Events();
    const b = new Events();
    const la = c.lease(info("a"), a);
    const lb = c.lease(info("b"), b);
    await settle();
    expect(await la.admit()).toBe(1);
    expect(await lb.admit()).toBe(2);
    await clock.advance(300);
    expect(a.lostErrors).toEqual([]);
    store.epoch = "e2";
    await clock.advance(300);
    expect(a.lostErrors.map((e) => e.message)).toEqual([`lease "a" lost: the lease store lost its state (restarted?)`]);
    expect(b.lostErrors.map((e) => e.message)).toEqual([`lease "b" lost: the lease store lost its state (restarted?)`]);
    await clock.advance(300);
    expect(a.lostErrors.length).toBe(1);
  });

  test("a lease without a token loses nothing: no events", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const events = new Events();
    c.lease(info("w"), events);
    await settle();
    store.fail.add("heartbeat");
    await clock.advance(300);
    expect(events.lostErrors).toEqual([]);
    expect(events.changes).toEqual([]);
  });

  test("a claim answered while the membership lapsed, or after the stop, is given back", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    await clock.advance(200);
    store.hang.add("claim");
    const admission = lease.admit();
    await settle();
    store.hang.delete("claim");
    store.fail.add("heartbeat");
    await clock.advance(100);
    expect(c.valid).toBe(false);
    store.held.shift()!();
    await clock.advance(0);
    expect(await admission).toBe("store-fault");
    expect(store.of("release")).toEqual([[["w"], c.instance, []]]);
    expect(store.leases.size).toBe(0);
    expect(events.changes).toEqual([]);

    store.fail.delete("heartbeat");
    await clock.advance(300);
    const other = c.lease(info("x"), new Events());
    await settle();
    store.hang.add("claim");
    const late = lease.admit();
    await settle();
    const closing = lease.close(true);
    store.held.shift()!();
    await clock.advance(0);
    expect(await late).toBe("lease-held");
    await closing;
    // The claim's lease went back with the stop's release.
    expect(store.leases.has("w")).toBe(false);
    expect(await lease.admit()).toBe("lease-held");
    void other;
  });
});

describe("the cluster coordinator in process: members and releases", () => {
  test("a joining member that wins a worker gets it once the old holder gave it up; the holder gives up a running worker after its run", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const ea = new Events();
    const la = a.lease(info(name), ea);
    await settle();
    expect(await la.admit()).toBe(1);
    expect(a.owns(name)).toBe(true);
    la.began(1_000);
    const b = make("b");
    const eb = new Events();
    const lb = b.lease(info(name), eb);
    await settle();
    expect(b.owns(name)).toBe(true);
    // A still holds it in the store.
    expect(await lb.admit()).toBe("lease-held");
    await clock.advance(300);
    expect(a.owns(name)).toBe(false);
    // Running: kept until the run settles.
    expect(ea.changes).toEqual([[true, 1]]);
    expect(store.of("release")).toEqual([]);
    expect(await la.admit()).toBe("lease-held");
    la.settled();
    await clock.advance(0);
    expect(ea.changes).toEqual([[true, 1], [false, 1]]);
    // The slot went with the heartbeat at 300.
    expect(store.slots.get(name)).toBe(1_000);
    expect(store.of("release")).toEqual([[[name], a.instance, []]]);
    expect(await lb.admit()).toEqual({ token: 2, lastSlot: 1_000 });
    expect(ea.lostErrors).toEqual([]);
  });

  test("a member that loses a worker it does not run gives it up at the heartbeat that shows the new view", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const ea = new Events();
    const la = a.lease(info(name), ea);
    await settle();
    expect(await la.admit()).toBe(1);
    const b = make("b");
    b.lease(info(name), new Events());
    await settle();
    await clock.advance(299);
    expect(store.of("release")).toEqual([]);
    await clock.advance(1);
    expect(store.of("release")).toEqual([[[name], a.instance, []]]);
    expect(ea.changes).toEqual([[true, 1], [false, 1]]);
    // Not the owner any more: skips without asking.
    const claims = store.of("claim").length;
    expect(await la.admit()).toBe("lease-held");
    expect(store.of("claim").length).toBe(claims);
  });

  test("a claim that failed on this side and a view that moved the worker: the maybe-taken lease is freed for the owner", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const ea = new Events();
    const la = a.lease(info(name), ea);
    await settle();
    // The claim reaches the store (the lease is A's there), the answer is lost.
    store.hang.add("claim");
    const admission = la.admit();
    await clock.advance(300);
    expect(await admission).toBe("store-fault");
    expect(store.leases.get(name)?.holder).toBeUndefined();
    store.held.shift()!();
    await settle();
    expect(store.leases.get(name)?.holder).toBe(a.instance);
    store.hang.delete("claim");
    const b = make("b");
    const lb = b.lease(info(name), new Events());
    await settle();
    expect(await lb.admit()).toBe("lease-held");
    // A's next heartbeat shows B: A frees the lease it never knew it had.
    await clock.advance(300);
    expect(store.of("release")).toEqual([[[name], a.instance, []]]);
    expect(ea.changes).toEqual([]);
    expect(await lb.admit()).toBe(2);
  });

  test("a claim that failed, then an admission that finds the worker moved: the maybe-taken lease is freed", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const la = a.lease(info(name), new Events());
    await settle();
    const b = make("b");
    b.lease(info(name), new Events());
    await settle();
    // A's view is still A alone (its next heartbeat is at 300): it claims, and the answer fails.
    store.fail.add("claim");
    expect(await la.admit()).toBe("store-fault");
    store.fail.delete("claim");
    store.hang.add("heartbeat");
    // A's heartbeat stays on the wire; before it, nothing is released.
    expect(store.of("release")).toEqual([]);
    store.hang.delete("heartbeat");
    store.held.length = 0;
    await clock.advance(300);
    // The view moved at the heartbeat: released there (viewChanged) …
    expect(store.of("release")).toEqual([[[name], a.instance, []]]);
    // … and only once: a later admission does not release again.
    expect(await la.admit()).toBe("lease-held");
    await clock.advance(0);
    expect(store.of("release").length).toBe(1);
  });

  test("after a heartbeat fault the store may still list the holder: when the worker moves, it is given up", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const ea = new Events();
    const la = a.lease(info(name), ea);
    await settle();
    expect(await la.admit()).toBe(1);
    store.fail.add("heartbeat");
    await clock.advance(300);
    expect(ea.lostErrors.length).toBe(1);
    store.fail.delete("heartbeat");
    const b = make("b");
    b.lease(info(name), new Events());
    await settle();
    await clock.advance(300);
    expect(store.of("release")).toEqual([[[name], a.instance, []]]);
    // No second "went away": the token was dropped at the loss.
    expect(ea.changes).toEqual([[true, 1], [false, 1]]);
  });

  test("releases asked in one tick go out in one call with their slots; one that fails is reported", async () => {
    const { clock, store, reports, make } = setup();
    const c = make("u1");
    const keep = c.lease(info("keep"), new Events());
    const x = c.lease(info("x"), new Events());
    const y = c.lease(info("y"), new Events());
    await settle();
    expect(await x.admit()).toBe(1);
    expect(await y.admit()).toBe(2);
    x.began(1_000);
    x.settled();
    const both = Promise.all([x.close(true), y.close(true)]);
    await clock.advance(0);
    await both;
    expect(store.of("release")).toEqual([[["x", "y"], c.instance, [["x", 1_000]]]]);
    expect(store.of("leave")).toEqual([]);
    expect(store.leases.size).toBe(0);
    const z = c.lease(info("z"), new Events());
    await settle();
    expect(await z.admit()).toBe(3);
    store.fail.add("release");
    await closed(clock, z);
    expect(messages(reports)).toEqual(["connection refused"]);
    await clock.advance(0);
    void keep;
  });

  test("the last lease closed leaves the cluster with the pending slots; a leave that fails is reported; a new lease joins again", async () => {
    const { clock, store, reports, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    expect(await lease.admit()).toBe(1);
    lease.began(1_000);
    lease.settled();
    const first = c.instance;
    store.fail.add("leave");
    await closed(clock, lease);
    expect(store.of("leave")).toEqual([[first, [["w", 1_000]]]]);
    expect(messages(reports)).toEqual(["connection refused"]);
    expect(clock.pending).toBe(0);
    await clock.advance(1_000);
    expect(store.of("heartbeat").length).toBe(1);
    store.fail.delete("leave");
    const again = c.lease(info("w"), new Events());
    await settle();
    expect(await again.admit()).toBe(1);
    expect(store.of("heartbeat").length).toBe(2);
    // The same id again (same workers), no previous one to retire: it had left.
    expect(store.of("heartbeat")[1]).toEqual([first, 600, 600, [], undefined]);
    expect(store.of("members").length).toBe(2);
  });

  test("a coordinator that never joined leaves without a call", async () => {
    const { clock, store, make } = setup();
    store.fail.add("heartbeat");
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    await closed(clock, lease);
    expect(store.of("leave")).toEqual([]);
  });

  test("a lease opened while the instance leaves joins again after the leave", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    expect(await lease.admit()).toBe(1);
    store.hang.add("leave");
    const closing = lease.close(true);
    await clock.advance(0);
    const next = c.lease(info("w"), new Events());
    await settle();
    expect(store.of("heartbeat").length).toBe(1);
    store.held.shift()!();
    await closing;
    await settle();
    expect(store.of("heartbeat").length).toBe(2);
    // Left, so the lease was given up there: a fresh token.
    expect(await next.admit()).toBe(2);
  });

  test("a lease closed with a run that did not settle keeps the lease and the membership until the run ends", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    await settle();
    expect(await lease.admit()).toBe(1);
    lease.began(1_000);
    let end!: () => void;
    const running = new Promise<void>((resolve) => (end = resolve));
    await lease.close(false, running);
    expect(await lease.admit()).toBe("lease-held");
    await clock.advance(600);
    // Still heartbeating, still the holder.
    expect(store.of("heartbeat").length).toBe(3);
    expect(store.of("leave")).toEqual([]);
    expect(store.leases.get("w")?.holder).toBe(c.instance);
    const instance = c.instance;
    end();
    await clock.advance(0);
    expect(events.changes).toEqual([[true, 1], [false, 1]]);
    // Given back, then the instance leaves: nothing lingers any more.
    expect(store.of("release")).toEqual([[["w"], instance, []]]);
    expect(store.of("leave")).toEqual([[instance, []]]);
    expect(clock.pending).toBe(0);
  });

  test("a run that did not settle and then fails still gives the lease up", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const keep = c.lease(info("keep"), new Events());
    const lease = c.lease(info("w"), new Events());
    await settle();
    expect(await lease.admit()).toBe(1);
    let fail!: (e: Error) => void;
    const running = new Promise<void>((_, reject) => (fail = reject));
    await lease.close(false, running);
    fail(new Error("run failed"));
    await clock.advance(0);
    expect(store.of("release")).toEqual([[["w"], c.instance, []]]);
    expect(store.leases.size).toBe(0);
    await closed(clock, keep);
    expect(store.of("leave").length).toBe(1);
  });

  test("a lease opened while another's run lingers shares the membership; the leave waits for both", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    expect(await lease.admit()).toBe(1);
    let end!: () => void;
    const running = new Promise<void>((resolve) => (end = resolve));
    await lease.close(false, running);
    const next = c.lease(info("w"), new Events());
    await settle();
    expect(store.of("heartbeat").length).toBe(1);
    await closed(clock, next);
    expect(store.of("leave")).toEqual([]);
    end();
    await clock.advance(0);
    expect(store.of("leave").length).toBe(1);
  });

  test("workers started since the last heartbeat give the instance a new id, which retires the old one; until a heartbeat succeeds it is retired again", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const a = c.lease(info("a"), new Events());
    await settle();
    expect(await a.admit()).toBe(1);
    const first = c.instance;
    const b = c.lease(info("b"), new Events());
    store.fail.add("heartbeat");
    await clock.advance(300);
    const second = `${digest(["a", "b"])}.u1`;
    expect(store.of("heartbeat")[1]).toEqual([second, 600, 600, [], first]);
    store.fail.delete("heartbeat");
    await clock.advance(300);
    expect(store.of("heartbeat")[2]).toEqual([second, 600, 600, [], first]);
    expect(store.memberships.has(first)).toBe(false);
    expect(store.leases.get("a")?.holder).toBe(second);
    await clock.advance(300);
    expect(store.of("heartbeat")[3]).toEqual([second, 600, 600, [], undefined]);
    // The view under the new id: both workers are this instance's.
    expect(await a.admit()).toBe(1);
    expect(await b.admit()).toBe(2);
    expect(store.of("members").length).toBe(2);
  });

  test("clusterStore makes a coordinator per manager over the protocol", () => {
    const { clock, store } = setup();
    const made = clusterStore(store).coordinator({ ttl, timers: clock, report: () => {} });
    expect(made).toBeInstanceOf(Coordinator);
    expect((made as Coordinator).protocol).toBe(store);
  });
});

describe("the cluster coordinator in process: edges", () => {
  test("the membership is valid strictly before its lifetime ends (a blocked loop that fired no timer)", async () => {
    const { clock, make } = setup();
    const c = make("u1");
    c.lease(info("w"), new Events());
    await settle();
    clock.t = 599;
    expect(c.valid).toBe(true);
    clock.t = 600;
    expect(c.valid).toBe(false);
  });

  test("record, release, leave and members calls that hang are faults after TTL/3, each named", async () => {
    const { clock, store, reports, make } = setup();
    const c = make("u1");
    const keep = c.lease(info("keep"), new Events());
    const rare = c.lease(info("rare", 1_000), new Events());
    await settle();
    expect(await rare.admit()).toBe(1);
    store.hang.add("record");
    rare.began(1_000);
    await clock.advance(300);
    store.hang.add("release");
    const closing = rare.close(true);
    await clock.advance(300);
    await closing;
    store.hang.add("members");
    store.memberships.set("other", 100_000);
    store.version++;
    await clock.advance(300);
    store.hang.add("leave");
    const leaving = keep.close(true);
    // The leave waits for the heartbeat whose members call hangs (until 1,200), then hangs itself.
    await clock.advance(600);
    await leaving;
    expect(messages(reports)).toEqual([
      "lease store: record took longer than 300 ms",
      "lease store: release took longer than 300 ms",
      "lease store: members took longer than 300 ms",
      "lease store: leave took longer than 300 ms",
    ]);
  });

  test("a heartbeat that rejects with no Error names what it got", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    await settle();
    expect(await lease.admit()).toBe(1);
    store.fail.add("heartbeat");
    store.rejectWith = null;
    await clock.advance(300);
    expect(events.lostErrors.map((e) => e.message)).toEqual([`lease "w" lost: its membership could not be renewed: null`]);
  });

  test("an admission while a regular heartbeat is on the wire and the membership still valid does not wait for it", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    expect(await lease.admit()).toBe(1);
    store.hang.add("heartbeat");
    await clock.advance(350);
    expect(c.beating).toBeDefined();
    let answered: unknown;
    void lease.admit().then((a) => (answered = a));
    await settle();
    expect(answered).toBe(1);
  });

  test("overlapping admissions: pending is the newest until it is answered", async () => {
    const { store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    store.hang.add("claim");
    const first = lease.admit();
    const second = lease.admit();
    expect(lease.pending).toBe(second);
    await settle();
    store.held.shift()!();
    expect(await first).toBe(1);
    await settle();
    expect(lease.pending).toBe(second);
    store.held.shift()!();
    expect(await second).toBe(1);
    await settle();
    expect(lease.pending).toBeUndefined();
  });

  test("a run that settles keeps the lease: the next admission reuses the token, nothing is released", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const events = new Events();
    const lease = c.lease(info("w"), events);
    await settle();
    expect(await lease.admit()).toBe(1);
    lease.began(1_000);
    lease.settled();
    await clock.advance(0);
    expect(await lease.admit()).toBe(1);
    expect(store.of("claim").length).toBe(1);
    expect(store.of("release")).toEqual([]);
    expect(events.changes).toEqual([[true, 1]]);
  });

  test("a member that never owned a worker sends nothing for it, at admissions or view changes", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const b = make("b");
    const lb = b.lease(info(name), new Events());
    await settle();
    expect(await lb.admit()).toBe(1);
    const a = make("a");
    const ea = new Events();
    const la = a.lease(info(name), ea);
    await settle();
    expect(await la.admit()).toBe("lease-held");
    await clock.advance(900);
    expect(await la.admit()).toBe("lease-held");
    await clock.advance(0);
    expect(store.calls.filter((x) => x.method === "release" || (x.method === "claim" && x.args[1] === a.instance))).toEqual([]);
    expect(ea.changes).toEqual([]);
  });

  test("a claim that timed out after the view moved: the next admission frees the maybe-taken lease, once", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const la = a.lease(info(name), new Events());
    await settle();
    await clock.advance(100);
    store.hang.add("claim");
    const admission = la.admit();
    await settle();
    store.hang.delete("claim");
    // B joins; A's heartbeat at 300 shows it while the claim is still on the wire.
    const b = make("b");
    b.lease(info(name), new Events());
    await settle();
    await clock.advance(200);
    expect(a.owns(name)).toBe(false);
    expect(store.of("release")).toEqual([]);
    // The claim reached the store (the lease is A's there), and its answer never comes: it times out at 400.
    store.leases.set(name, { holder: a.instance, token: 5 });
    store.held.length = 0;
    await clock.advance(100);
    expect(await admission).toBe("store-fault");
    expect(await la.admit()).toBe("lease-held");
    await clock.advance(0);
    expect(store.of("release")).toEqual([[[name], a.instance, []]]);
    expect(store.leases.has(name)).toBe(false);
    expect(await la.admit()).toBe("lease-held");
    await clock.advance(0);
    expect(store.of("release").length).toBe(1);
  });

  test("a claim answered after the view moved: the lease is this instance's for that run, given up at the next admission, not during a run", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const ea = new Events();
    const la = a.lease(info(name), ea);
    await settle();
    await clock.advance(100);
    store.hang.add("claim");
    const admission = la.admit();
    await settle();
    store.hang.delete("claim");
    const b = make("b");
    const lb = b.lease(info(name), new Events());
    await settle();
    await clock.advance(200);
    expect(a.owns(name)).toBe(false);
    store.held.shift()!();
    // The store holds it for A (one holder at a time): A may run this slot.
    expect(await admission).toBe(1);
    expect(await lb.admit()).toBe("lease-held");
    la.began(1_000);
    // During the run: kept.
    expect(await la.admit()).toBe("lease-held");
    await clock.advance(0);
    expect(ea.changes).toEqual([[true, 1]]);
    expect(store.of("release")).toEqual([]);
    la.settled();
    await clock.advance(0);
    // Settled, no view change since: given up at the next admission.
    expect(store.of("release")).toEqual([]);
    expect(await la.admit()).toBe("lease-held");
    await clock.advance(0);
    expect(ea.changes).toEqual([[true, 1], [false, 1]]);
    expect(store.of("release")).toEqual([[[name], a.instance, [[name, 1_000]]]]);
    expect(await lb.admit()).toEqual({ token: 2, lastSlot: 1_000 });
  });

  test("a claim that failed, then one answered held: nothing to free when the view moves", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const la = a.lease(info(name), new Events());
    await settle();
    store.fail.add("claim");
    expect(await la.admit()).toBe("store-fault");
    store.fail.delete("claim");
    store.memberships.set("ghost", 100_000);
    store.leases.set(name, { holder: "ghost", token: 9 });
    expect(await la.admit()).toBe("lease-held");
    const b = make("b");
    b.lease(info(name), new Events());
    await settle();
    await clock.advance(300);
    expect(a.owns(name)).toBe(false);
    expect(store.of("release")).toEqual([]);
  });

  test("close(settled) with a run promise still gives the lease up at once; a lease without a token closes without a call", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const keep = c.lease(info("keep"), new Events());
    const lease = c.lease(info("w"), new Events());
    const idle = new Events();
    const never = c.lease(info("never"), idle);
    await settle();
    expect(await lease.admit()).toBe(1);
    const closing = lease.close(true, new Promise(() => {}));
    await clock.advance(0);
    await closing;
    expect(store.of("release")).toEqual([[["w"], c.instance, []]]);
    const closingIdle = never.close(true);
    await clock.advance(0);
    await closingIdle;
    expect(store.of("release").length).toBe(1);
    expect(idle.changes).toEqual([]);
    void keep;
  });

  test("close(not settled) without a run promise gives the lease up at once", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const keep = c.lease(info("keep"), new Events());
    const lease = c.lease(info("w"), new Events());
    await settle();
    expect(await lease.admit()).toBe(1);
    const closing = lease.close(false);
    await clock.advance(0);
    await closing;
    expect(store.of("release")).toEqual([[["w"], c.instance, []]]);
    void keep;
  });

  test("a worker given up after its run and won back later keeps its new lease across runs", async () => {
    const { clock, store, make } = setup();
    const name = wonBy("b", "a");
    const a = make("a");
    const ea = new Events();
    const la = a.lease(info(name), ea);
    await settle();
    expect(await la.admit()).toBe(1);
    la.began(1_000);
    const b = make("b");
    const lb = b.lease(info(name), new Events());
    await settle();
    await clock.advance(300);
    la.settled();
    await clock.advance(0);
    expect(ea.changes).toEqual([[true, 1], [false, 1]]);
    // B leaves: A owns the worker again, claims it afresh, runs, and keeps it.
    const leaving = lb.close(true);
    await clock.advance(0);
    await leaving;
    await clock.advance(300);
    expect(a.owns(name)).toBe(true);
    expect(await la.admit()).toEqual({ token: 2, lastSlot: 1_000 });
    la.began(2_000);
    la.settled();
    await clock.advance(0);
    expect(ea.changes).toEqual([[true, 1], [false, 1], [true, 2]]);
    expect(await la.admit()).toBe(2);
    expect(store.leases.get(name)?.holder).toBe(a.instance);
  });

  test("a claim answered not-member after the stop does not rejoin the cluster being left", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    store.hang.add("claim");
    const admission = lease.admit();
    await settle();
    store.hang.add("leave");
    const closing = lease.close(true);
    await clock.advance(0);
    expect(store.of("leave").length).toBe(1);
    store.memberships.clear();
    store.held.shift()!();
    await settle();
    expect(await admission).toBe("store-fault");
    expect(store.of("heartbeat").length).toBe(1);
    store.held.shift()!();
    await closing;
    await clock.advance(1_000);
    expect(store.of("heartbeat").length).toBe(1);
  });

  test("a lease opened and closed again while the instance leaves: no join after the leave", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    store.hang.add("leave");
    const closing = lease.close(true);
    await clock.advance(0);
    const brief = c.lease(info("w"), new Events());
    const closingBrief = brief.close(true);
    await clock.advance(0);
    store.held.shift()!();
    await closing;
    await closingBrief;
    await clock.advance(1_000);
    expect(store.of("heartbeat").length).toBe(1);
  });

  test("a stop while a heartbeat is on the wire leaves after it, and no heartbeat follows", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    store.hang.add("heartbeat");
    await clock.advance(300);
    const closing = lease.close(true);
    await clock.advance(0);
    expect(store.of("leave")).toEqual([]);
    store.held.shift()!();
    await settle();
    await closing;
    expect(store.of("leave").length).toBe(1);
    store.hang.delete("heartbeat");
    await clock.advance(1_000);
    expect(store.of("heartbeat").length).toBe(2);
  });

  test("after a leave and a new join, heartbeats go on every TTL/3", async () => {
    const { clock, store, make } = setup();
    const c = make("u1");
    const lease = c.lease(info("w"), new Events());
    await settle();
    await closed(clock, lease);
    c.lease(info("w"), new Events());
    await settle();
    expect(store.of("heartbeat").length).toBe(2);
    await clock.advance(600);
    expect(store.of("heartbeat").length).toBe(4);
  });
});

describe("rendezvous ties", () => {
  // Two member ids whose weights for the worker "w" collide (found by a birthday search over `c${i}`).
  const tied = ["c693596", "c1170850"];

  test("a tie of weights goes to the smaller id, whatever the order of the members", () => {
    expect(hash(`c693596\u0000w`)).toBe(hash(`c1170850\u0000w`));
    expect(owner("w", tied)).toBe("c1170850");
    expect(owner("w", [...tied].reverse())).toBe("c1170850");
    expect(owner("w", [])).toBeUndefined();
  });
});
