/**
 * One worker's lease in the cluster, for one start of the worker: the admission before each run
 * (owner in the current view? holding the lease? else a claim), the slots it ran, and handing the
 * worker over when the members change. The instance's membership is `cluster.ts`'s.
 * @module
 */
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
  #running = stryMutAct_9fa48("475") ? true : (stryCov_9fa48("475"), false);
  #releaseAfterRun = stryMutAct_9fa48("476") ? true : (stryCov_9fa48("476"), false);
  /** A claim failed on this side: the store may hold the lease for this instance all the same. */
  #uncertain = stryMutAct_9fa48("477") ? true : (stryCov_9fa48("477"), false);
  #closed = stryMutAct_9fa48("478") ? true : (stryCov_9fa48("478"), false);
  /** The owner as of which membership version. */
  #ownsAt = stryMutAct_9fa48("479") ? +2 : (stryCov_9fa48("479"), -2);
  #owns = stryMutAct_9fa48("480") ? true : (stryCov_9fa48("480"), false);
  constructor(c: Coordinator, info: LeaseWorkerInfo, events: LeaseEvents, recordNow: boolean) {
    if (stryMutAct_9fa48("481")) {
      {}
    } else {
      stryCov_9fa48("481");
      this.#c = c;
      this.#info = info;
      this.#events = events;
      this.#recordNow = recordNow;
    }
  }

  /** The worker's lease name. */
  get name(): string {
    if (stryMutAct_9fa48("482")) {
      {}
    } else {
      stryCov_9fa48("482");
      return this.#info.name;
    }
  }
  get pending(): Promise<Admission> | undefined {
    if (stryMutAct_9fa48("483")) {
      {}
    } else {
      stryCov_9fa48("483");
      return this.#pending;
    }
  }
  admit(): Promise<Admission> {
    if (stryMutAct_9fa48("484")) {
      {}
    } else {
      stryCov_9fa48("484");
      const admission = this.#admit();
      this.#pending = admission;
      void admission.then(() => {
        if (stryMutAct_9fa48("485")) {
          {}
        } else {
          stryCov_9fa48("485");
          if (stryMutAct_9fa48("488") ? this.#pending !== admission : stryMutAct_9fa48("487") ? false : stryMutAct_9fa48("486") ? true : (stryCov_9fa48("486", "487", "488"), this.#pending === admission)) this.#pending = undefined;
        }
      });
      return admission;
    }
  }
  async #admit(): Promise<Admission> {
    if (stryMutAct_9fa48("489")) {
      {}
    } else {
      stryCov_9fa48("489");
      const c = this.#c;
      // The first heartbeat (the join) may still be on the wire: its answer decides.
      if (stryMutAct_9fa48("492") ? !c.valid || c.beating !== undefined : stryMutAct_9fa48("491") ? false : stryMutAct_9fa48("490") ? true : (stryCov_9fa48("490", "491", "492"), (stryMutAct_9fa48("493") ? c.valid : (stryCov_9fa48("493"), !c.valid)) && (stryMutAct_9fa48("495") ? c.beating === undefined : stryMutAct_9fa48("494") ? true : (stryCov_9fa48("494", "495"), c.beating !== undefined)))) await c.beating;
      if (stryMutAct_9fa48("497") ? false : stryMutAct_9fa48("496") ? true : (stryCov_9fa48("496", "497"), this.#closed)) return stryMutAct_9fa48("498") ? "" : (stryCov_9fa48("498"), "lease-held");
      if (stryMutAct_9fa48("501") ? false : stryMutAct_9fa48("500") ? true : stryMutAct_9fa48("499") ? c.valid : (stryCov_9fa48("499", "500", "501"), !c.valid)) return stryMutAct_9fa48("502") ? "" : (stryCov_9fa48("502"), "store-fault");
      if (stryMutAct_9fa48("505") ? false : stryMutAct_9fa48("504") ? true : stryMutAct_9fa48("503") ? this.#ownsNow() : (stryCov_9fa48("503", "504", "505"), !this.#ownsNow())) {
        if (stryMutAct_9fa48("506")) {
          {}
        } else {
          stryCov_9fa48("506");
          if (stryMutAct_9fa48("508") ? false : stryMutAct_9fa48("507") ? true : (stryCov_9fa48("507", "508"), this.#uncertain)) {
            if (stryMutAct_9fa48("509")) {
              {}
            } else {
              stryCov_9fa48("509");
              // A claim whose answer never came may have taken the lease: free it for the owner.
              this.#uncertain = stryMutAct_9fa48("510") ? true : (stryCov_9fa48("510"), false);
              void c.release(this.#info.name);
            }
          } else if (stryMutAct_9fa48("513") ? this.#token !== undefined || !this.#running : stryMutAct_9fa48("512") ? false : stryMutAct_9fa48("511") ? true : (stryCov_9fa48("511", "512", "513"), (stryMutAct_9fa48("515") ? this.#token === undefined : stryMutAct_9fa48("514") ? true : (stryCov_9fa48("514", "515"), this.#token !== undefined)) && (stryMutAct_9fa48("516") ? this.#running : (stryCov_9fa48("516"), !this.#running)))) {
            if (stryMutAct_9fa48("517")) {
              {}
            } else {
              stryCov_9fa48("517");
              void this.#release();
            }
          }
          return stryMutAct_9fa48("518") ? "" : (stryCov_9fa48("518"), "lease-held");
        }
      }
      if (stryMutAct_9fa48("521") ? this.#token === undefined : stryMutAct_9fa48("520") ? false : stryMutAct_9fa48("519") ? true : (stryCov_9fa48("519", "520", "521"), this.#token !== undefined)) return this.#token;
      if (stryMutAct_9fa48("523") ? false : stryMutAct_9fa48("522") ? true : (stryCov_9fa48("522", "523"), c.quarantined)) return stryMutAct_9fa48("524") ? "" : (stryCov_9fa48("524"), "store-fault");
      const name = this.#info.name;
      let claim;
      try {
        if (stryMutAct_9fa48("525")) {
          {}
        } else {
          stryCov_9fa48("525");
          claim = await c.call(stryMutAct_9fa48("526") ? () => undefined : (stryCov_9fa48("526"), () => c.protocol.claim(name, c.instance)), stryMutAct_9fa48("527") ? "" : (stryCov_9fa48("527"), "claim"));
        }
      } catch (error) {
        if (stryMutAct_9fa48("528")) {
          {}
        } else {
          stryCov_9fa48("528");
          // It may have reached the store and taken the lease: a retry finds it ours, and if this
          // instance no longer owns the worker, it gives it up (see above).
          this.#uncertain = stryMutAct_9fa48("529") ? false : (stryCov_9fa48("529"), true);
          this.#events.fault(error);
          return stryMutAct_9fa48("530") ? "" : (stryCov_9fa48("530"), "store-fault");
        }
      }
      this.#uncertain = stryMutAct_9fa48("531") ? true : (stryCov_9fa48("531"), false);
      if (stryMutAct_9fa48("534") ? claim !== "quarantine" : stryMutAct_9fa48("533") ? false : stryMutAct_9fa48("532") ? true : (stryCov_9fa48("532", "533", "534"), claim === (stryMutAct_9fa48("535") ? "" : (stryCov_9fa48("535"), "quarantine")))) return stryMutAct_9fa48("536") ? "" : (stryCov_9fa48("536"), "store-fault");
      if (stryMutAct_9fa48("539") ? claim !== "not-member" : stryMutAct_9fa48("538") ? false : stryMutAct_9fa48("537") ? true : (stryCov_9fa48("537", "538", "539"), claim === (stryMutAct_9fa48("540") ? "" : (stryCov_9fa48("540"), "not-member")))) {
        if (stryMutAct_9fa48("541")) {
          {}
        } else {
          stryCov_9fa48("541");
          c.rejoin();
          return stryMutAct_9fa48("542") ? "" : (stryCov_9fa48("542"), "store-fault");
        }
      }
      if (stryMutAct_9fa48("544") ? false : stryMutAct_9fa48("543") ? true : (stryCov_9fa48("543", "544"), (stryMutAct_9fa48("545") ? "" : (stryCov_9fa48("545"), "holder")) in claim)) return stryMutAct_9fa48("546") ? "" : (stryCov_9fa48("546"), "lease-held");
      if (stryMutAct_9fa48("549") ? this.#closed && !c.valid : stryMutAct_9fa48("548") ? false : stryMutAct_9fa48("547") ? true : (stryCov_9fa48("547", "548", "549"), this.#closed || (stryMutAct_9fa48("550") ? c.valid : (stryCov_9fa48("550"), !c.valid)))) {
        if (stryMutAct_9fa48("551")) {
          {}
        } else {
          stryCov_9fa48("551");
          // Stopped, or the membership lapsed, while the claim was on the wire: give it back.
          await c.release(name);
          return this.#closed ? stryMutAct_9fa48("552") ? "" : (stryCov_9fa48("552"), "lease-held") : stryMutAct_9fa48("553") ? "" : (stryCov_9fa48("553"), "store-fault");
        }
      }
      this.#token = claim.token;
      this.#events.changed(stryMutAct_9fa48("554") ? false : (stryCov_9fa48("554"), true), claim.token);
      return (stryMutAct_9fa48("557") ? claim.fresh || claim.slot !== null : stryMutAct_9fa48("556") ? false : stryMutAct_9fa48("555") ? true : (stryCov_9fa48("555", "556", "557"), claim.fresh && (stryMutAct_9fa48("559") ? claim.slot === null : stryMutAct_9fa48("558") ? true : (stryCov_9fa48("558", "559"), claim.slot !== null)))) ? stryMutAct_9fa48("560") ? {} : (stryCov_9fa48("560"), {
        token: claim.token,
        lastSlot: claim.slot
      }) : claim.token;
    }
  }
  #ownsNow(): boolean {
    if (stryMutAct_9fa48("561")) {
      {}
    } else {
      stryCov_9fa48("561");
      const c = this.#c;
      if (stryMutAct_9fa48("564") ? this.#ownsAt === c.version : stryMutAct_9fa48("563") ? false : stryMutAct_9fa48("562") ? true : (stryCov_9fa48("562", "563", "564"), this.#ownsAt !== c.version)) {
        if (stryMutAct_9fa48("565")) {
          {}
        } else {
          stryCov_9fa48("565");
          this.#owns = c.owns(this.#info.name);
          this.#ownsAt = c.version;
        }
      }
      return this.#owns;
    }
  }
  began(slot: number): void {
    if (stryMutAct_9fa48("566")) {
      {}
    } else {
      stryCov_9fa48("566");
      this.#running = stryMutAct_9fa48("567") ? false : (stryCov_9fa48("567"), true);
      this.#c.record(this.#info.name, slot, this.#recordNow);
    }
  }
  settled(): void {
    if (stryMutAct_9fa48("568")) {
      {}
    } else {
      stryCov_9fa48("568");
      this.#running = stryMutAct_9fa48("569") ? true : (stryCov_9fa48("569"), false);
      if (stryMutAct_9fa48("571") ? false : stryMutAct_9fa48("570") ? true : (stryCov_9fa48("570", "571"), this.#releaseAfterRun)) void this.#release();
    }
  }

  /** The members changed: a worker this instance holds but no longer owns is given up. */
  viewChanged(): void {
    if (stryMutAct_9fa48("572")) {
      {}
    } else {
      stryCov_9fa48("572");
      if (stryMutAct_9fa48("574") ? false : stryMutAct_9fa48("573") ? true : (stryCov_9fa48("573", "574"), this.#ownsNow())) return;
      if (stryMutAct_9fa48("577") ? this.#uncertain || this.#token === undefined : stryMutAct_9fa48("576") ? false : stryMutAct_9fa48("575") ? true : (stryCov_9fa48("575", "576", "577"), this.#uncertain && (stryMutAct_9fa48("579") ? this.#token !== undefined : stryMutAct_9fa48("578") ? true : (stryCov_9fa48("578", "579"), this.#token === undefined)))) {
        if (stryMutAct_9fa48("580")) {
          {}
        } else {
          stryCov_9fa48("580");
          this.#uncertain = stryMutAct_9fa48("581") ? true : (stryCov_9fa48("581"), false);
          return void this.#c.release(this.#info.name);
        }
      }
      if (stryMutAct_9fa48("584") ? this.#token !== undefined : stryMutAct_9fa48("583") ? false : stryMutAct_9fa48("582") ? true : (stryCov_9fa48("582", "583", "584"), this.#token === undefined)) return;
      if (stryMutAct_9fa48("586") ? false : stryMutAct_9fa48("585") ? true : (stryCov_9fa48("585", "586"), this.#running)) this.#releaseAfterRun = stryMutAct_9fa48("587") ? false : (stryCov_9fa48("587"), true);else void this.#release();
    }
  }

  /** This instance cannot be sure of its leases any more: the run's signal aborts. */
  lose(why: string): void {
    if (stryMutAct_9fa48("588")) {
      {}
    } else {
      stryCov_9fa48("588");
      const token = this.#token;
      if (stryMutAct_9fa48("591") ? token !== undefined : stryMutAct_9fa48("590") ? false : stryMutAct_9fa48("589") ? true : (stryCov_9fa48("589", "590", "591"), token === undefined)) return;
      this.#token = undefined;
      // The store may still list this instance as the holder (it did not go away there): if the
      // worker moves on meanwhile, it is given up for its new owner.
      this.#uncertain = stryMutAct_9fa48("592") ? false : (stryCov_9fa48("592"), true);
      this.#events.changed(stryMutAct_9fa48("593") ? true : (stryCov_9fa48("593"), false), token);
      this.#events.lost(new LeaseLostError(stryMutAct_9fa48("594") ? `` : (stryCov_9fa48("594"), `lease "${this.#info.name}" lost: ${why}`)));
    }
  }
  async close(settled: boolean, running?: Promise<unknown>): Promise<void> {
    if (stryMutAct_9fa48("595")) {
      {}
    } else {
      stryCov_9fa48("595");
      // A claim still on the wire is not waited for: if it took the lease, leaving the cluster (or
      // the give-back after it, see #admit) frees it; if it reaches the store after the leave, the
      // store refuses it, for this instance is no member any more.
      this.#closed = stryMutAct_9fa48("596") ? false : (stryCov_9fa48("596"), true);
      if (stryMutAct_9fa48("599") ? settled && running === undefined : stryMutAct_9fa48("598") ? false : stryMutAct_9fa48("597") ? true : (stryCov_9fa48("597", "598", "599"), settled || (stryMutAct_9fa48("601") ? running !== undefined : stryMutAct_9fa48("600") ? false : (stryCov_9fa48("600", "601"), running === undefined)))) {
        if (stryMutAct_9fa48("602")) {
          {}
        } else {
          stryCov_9fa48("602");
          const released = this.#release();
          const closed = this.#c.closed(this, undefined);
          await released;
          return closed;
        }
      }
      // A run that did not settle keeps the lease until it does: it may still be writing.
      return this.#c.closed(this, running.then(stryMutAct_9fa48("603") ? () => undefined : (stryCov_9fa48("603"), () => this.#release()), stryMutAct_9fa48("604") ? () => undefined : (stryCov_9fa48("604"), () => this.#release())));
    }
  }
  #release(): Promise<void> {
    if (stryMutAct_9fa48("605")) {
      {}
    } else {
      stryCov_9fa48("605");
      this.#releaseAfterRun = stryMutAct_9fa48("606") ? true : (stryCov_9fa48("606"), false);
      const token = this.#token;
      if (stryMutAct_9fa48("609") ? token !== undefined : stryMutAct_9fa48("608") ? false : stryMutAct_9fa48("607") ? true : (stryCov_9fa48("607", "608", "609"), token === undefined)) return Promise.resolve();
      this.#token = undefined;
      this.#events.changed(stryMutAct_9fa48("610") ? true : (stryCov_9fa48("610"), false), token);
      return this.#c.release(this.#info.name);
    }
  }
}