/**
 * One worker's lease in the cluster, for one start of the worker: the admission before each run
 * (owner in the current view? holding the lease? else a claim), the slots it ran, and handing the
 * worker over when the members change. The instance's membership is `cluster.ts`'s.
 * @module
 */
import type { Admission, LeaseEvents, LeaseWorkerInfo, WorkerLease } from "../core/lease.ts";
import { LeaseLostError } from "../core/lease.ts";
import type { Coordinator } from "./cluster.ts";

/** One start of one worker: its lease in the cluster. */
export class ClusterLease implements WorkerLease {
  readonly #c: Coordinator;
  readonly #info: LeaseWorkerInfo;
  readonly #events: LeaseEvents;
  /** Record each slot at once rather than with the next heartbeat. */
  readonly #recordNow: boolean;
  #token: number | undefined = undefined;
  #pending: Promise<Admission> | undefined = undefined;
  #running = false;
  #releaseAfterRun = false;
  /** A claim failed on this side: the store may hold the lease for this instance all the same. */
  #uncertain = false;
  #closed = false;
  /** The owner as of which membership version. */
  #ownsAt = -2;
  #owns = false;

  constructor(c: Coordinator, info: LeaseWorkerInfo, events: LeaseEvents, recordNow: boolean) {
    this.#c = c;
    this.#info = info;
    this.#events = events;
    this.#recordNow = recordNow;
  }

  /** The worker's lease name. */
  get name(): string {
    return this.#info.name;
  }

  get pending(): Promise<Admission> | undefined {
    return this.#pending;
  }

  admit(): Promise<Admission> {
    const admission = this.#admit();
    this.#pending = admission;
    void admission.then(() => {
      if (this.#pending === admission) this.#pending = undefined;
    });
    return admission;
  }

  async #admit(): Promise<Admission> {
    const c = this.#c;
    // The first heartbeat (the join) may still be on the wire: its answer decides.
    if (!c.valid && c.beating !== undefined) await c.beating;
    if (this.#closed) return "lease-held";
    if (!c.valid) return "store-fault";
    if (!this.#ownsNow()) {
      if (this.#uncertain) {
        // A claim whose answer never came may have taken the lease: free it for the owner.
        this.#uncertain = false;
        void c.release(this.#info.name);
      } else if (this.#token !== undefined && !this.#running) {
        void this.#release();
      }
      return "lease-held";
    }
    if (this.#token !== undefined) return this.#token;
    if (c.quarantined) return "store-fault";
    const name = this.#info.name;
    let claim;
    try {
      claim = await c.call(() => c.protocol.claim(name, c.instance), "claim");
    } catch (error) {
      // It may have reached the store and taken the lease: a retry finds it ours, and if this
      // instance no longer owns the worker, it gives it up (see above).
      this.#uncertain = true;
      this.#events.fault(error);
      return "store-fault";
    }
    this.#uncertain = false;
    if (claim === "quarantine") return "store-fault";
    if (claim === "not-member") {
      c.rejoin();
      return "store-fault";
    }
    if ("holder" in claim) return "lease-held";
    if (this.#closed || !c.valid) {
      // Stopped, or the membership lapsed, while the claim was on the wire: give it back.
      await c.release(name);
      return this.#closed ? "lease-held" : "store-fault";
    }
    this.#token = claim.token;
    this.#events.changed(true, claim.token);
    return claim.fresh && claim.slot !== null ? { token: claim.token, lastSlot: claim.slot } : claim.token;
  }

  #ownsNow(): boolean {
    const c = this.#c;
    if (this.#ownsAt !== c.version) {
      this.#owns = c.owns(this.#info.name);
      this.#ownsAt = c.version;
    }
    return this.#owns;
  }

  began(slot: number): void {
    this.#running = true;
    this.#c.record(this.#info.name, slot, this.#recordNow);
  }

  settled(): void {
    this.#running = false;
    if (this.#releaseAfterRun) void this.#release();
  }

  /** The members changed: a worker this instance holds but no longer owns is given up. */
  viewChanged(): void {
    if (this.#ownsNow()) return;
    if (this.#uncertain && this.#token === undefined) {
      this.#uncertain = false;
      return void this.#c.release(this.#info.name);
    }
    if (this.#token === undefined) return;
    if (this.#running) this.#releaseAfterRun = true;
    else void this.#release();
  }

  /** A run reads its signal: has this instance's membership (and so the lease) run out meanwhile? */
  check(): void {
    if (this.#token !== undefined) this.#c.confirm();
  }

  /** This instance cannot be sure of its leases any more: the run's signal aborts. */
  lose(why: string): void {
    const token = this.#token;
    if (token === undefined) return;
    this.#token = undefined;
    // The store may still list this instance as the holder (it did not go away there): if the
    // worker moves on meanwhile, it is given up for its new owner.
    this.#uncertain = true;
    this.#events.changed(false, token);
    this.#events.lost(new LeaseLostError(`lease "${this.#info.name}" lost: ${why}`));
  }

  async close(settled: boolean, running?: Promise<unknown>): Promise<void> {
    // A claim still on the wire is not waited for: if it took the lease, leaving the cluster (or
    // the give-back after it, see #admit) frees it; if it reaches the store after the leave, the
    // store refuses it, for this instance is no member any more.
    this.#closed = true;
    if (settled || running === undefined) {
      const released = this.#release();
      const closed = this.#c.closed(this, undefined);
      await released;
      return closed;
    }
    // A run that did not settle keeps the lease until it does: it may still be writing.
    return this.#c.closed(this, running.then(() => this.#release(), () => this.#release()));
  }

  #release(): Promise<void> {
    this.#releaseAfterRun = false;
    const token = this.#token;
    if (token === undefined) return Promise.resolve();
    this.#token = undefined;
    this.#events.changed(false, token);
    return this.#c.release(this.#info.name);
  }
}
