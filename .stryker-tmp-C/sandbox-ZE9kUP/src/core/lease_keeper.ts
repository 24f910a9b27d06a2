/**
 * The simple lease protocol, for a plain {@link LeaseStore} (acquire, renew, release): the holder
 * keeps a worker's lease across runs and renews it every TTL/3; every other instance tries to take
 * it at each of its own due times and skips the slot while it is held. So the cluster runs the
 * worker about once per period, runs never overlap across instances, and when the holder dies its
 * lease expires within the TTL: another run within TTL + period. Store traffic grows with
 * instances × workers, and the first holder keeps the work: the cluster stores do better.
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
import { type Admission, type LeaseEvents, LeaseLostError, type LeaseOptions, type LeaseStore } from "./lease.ts";
import { type TimerEntry, timerEntry, type TimerQueue } from "./timer_queue.ts";

/** A random owner id per lease attempt, unique across instances without coordination (Node ≥ 19, Deno and Bun all have it). */
function ownerId(): string {
  if (stryMutAct_9fa48("138")) {
    {}
  } else {
    stryCov_9fa48("138");
    return crypto.randomUUID();
  }
}

/**
 * Holds one worker's lease: takes it at a due time, renews it every TTL/3 on the manager's timer
 * queue, and reports when it is lost. One store call at a time; each limited to TTL/3. A keeper is
 * made per start of its worker and closed at its stop; a lease that a call still on the wire takes
 * after that is given back at once.
 */
export class LeaseKeeper {
  readonly #store: LeaseStore;
  readonly #name: string;
  readonly #ttl: number;
  readonly #queue: TimerQueue;
  readonly #events: LeaseEvents;
  readonly #renewEntry: TimerEntry;
  #owner: string | undefined = undefined;
  #token: number | undefined = undefined;
  /** Monotonic time until which the lease is surely ours: the start of the last good call + TTL. */
  #validUntil = 0;
  #busy: Promise<unknown> | undefined = undefined;
  #closed = stryMutAct_9fa48("139") ? true : (stryCov_9fa48("139"), false);
  constructor(options: LeaseOptions, worker: string, queue: TimerQueue, events: LeaseEvents) {
    if (stryMutAct_9fa48("140")) {
      {}
    } else {
      stryCov_9fa48("140");
      this.#store = options.store as LeaseStore;
      this.#ttl = stryMutAct_9fa48("141") ? options.ttl && 30_000 : (stryCov_9fa48("141"), options.ttl ?? 30_000);
      this.#name = stryMutAct_9fa48("142") ? (options.prefix ?? "") - worker : (stryCov_9fa48("142"), (stryMutAct_9fa48("143") ? options.prefix && "" : (stryCov_9fa48("143"), options.prefix ?? (stryMutAct_9fa48("144") ? "Stryker was here!" : (stryCov_9fa48("144"), "")))) + worker);
      this.#queue = queue;
      this.#events = events;
      this.#renewEntry = timerEntry(stryMutAct_9fa48("145") ? () => undefined : (stryCov_9fa48("145"), () => void this.#renew()));
    }
  }

  /** The fencing token while the lease is held. */
  get token(): number | undefined {
    if (stryMutAct_9fa48("146")) {
      {}
    } else {
      stryCov_9fa48("146");
      return this.#token;
    }
  }

  /** Before a run: the token when the lease is ours (taken now or still held), or why not. */
  async ensure(): Promise<Admission> {
    if (stryMutAct_9fa48("147")) {
      {}
    } else {
      stryCov_9fa48("147");
      await this.#busy;
      if (stryMutAct_9fa48("149") ? false : stryMutAct_9fa48("148") ? true : (stryCov_9fa48("148", "149"), this.#closed)) return stryMutAct_9fa48("150") ? "" : (stryCov_9fa48("150"), "lease-held");
      if (stryMutAct_9fa48("153") ? this.#token === undefined : stryMutAct_9fa48("152") ? false : stryMutAct_9fa48("151") ? true : (stryCov_9fa48("151", "152", "153"), this.#token !== undefined)) {
        if (stryMutAct_9fa48("154")) {
          {}
        } else {
          stryCov_9fa48("154");
          if (stryMutAct_9fa48("158") ? this.#queue.now() >= this.#validUntil : stryMutAct_9fa48("157") ? this.#queue.now() <= this.#validUntil : stryMutAct_9fa48("156") ? false : stryMutAct_9fa48("155") ? true : (stryCov_9fa48("155", "156", "157", "158"), this.#queue.now() < this.#validUntil)) return this.#token;
          // Renewals fell behind (a blocked loop): confirm with the store before running.
          await this.#renew();
          if (stryMutAct_9fa48("161") ? this.#token === undefined : stryMutAct_9fa48("160") ? false : stryMutAct_9fa48("159") ? true : (stryCov_9fa48("159", "160", "161"), this.#token !== undefined)) return this.#token;
        }
      }
      const owner = ownerId();
      const started = this.#queue.now();
      let token: number | null | undefined;
      try {
        if (stryMutAct_9fa48("162")) {
          {}
        } else {
          stryCov_9fa48("162");
          token = await this.#call(stryMutAct_9fa48("163") ? () => undefined : (stryCov_9fa48("163"), () => this.#store.acquire(this.#name, owner, this.#ttl)), stryMutAct_9fa48("164") ? "" : (stryCov_9fa48("164"), "acquire"));
        }
      } catch (error) {
        if (stryMutAct_9fa48("165")) {
          {}
        } else {
          stryCov_9fa48("165");
          this.#events.fault(error);
          return stryMutAct_9fa48("166") ? "" : (stryCov_9fa48("166"), "store-fault");
        }
      }
      if (stryMutAct_9fa48("169") ? token === null && token === undefined : stryMutAct_9fa48("168") ? false : stryMutAct_9fa48("167") ? true : (stryCov_9fa48("167", "168", "169"), (stryMutAct_9fa48("171") ? token !== null : stryMutAct_9fa48("170") ? false : (stryCov_9fa48("170", "171"), token === null)) || (stryMutAct_9fa48("173") ? token !== undefined : stryMutAct_9fa48("172") ? false : (stryCov_9fa48("172", "173"), token === undefined)))) return stryMutAct_9fa48("174") ? "" : (stryCov_9fa48("174"), "lease-held");
      if (stryMutAct_9fa48("176") ? false : stryMutAct_9fa48("175") ? true : (stryCov_9fa48("175", "176"), this.#closed)) {
        if (stryMutAct_9fa48("177")) {
          {}
        } else {
          stryCov_9fa48("177");
          // Stopped while the acquire was on the wire: nobody will renew this lease, so give it back.
          await this.#giveBack(owner);
          return stryMutAct_9fa48("178") ? "" : (stryCov_9fa48("178"), "lease-held");
        }
      }
      this.#owner = owner;
      this.#token = Number(token);
      this.#validUntil = stryMutAct_9fa48("179") ? started - this.#ttl : (stryCov_9fa48("179"), started + this.#ttl);
      this.#queue.schedule(this.#renewEntry, stryMutAct_9fa48("180") ? started - this.#ttl / 3 : (stryCov_9fa48("180"), started + (stryMutAct_9fa48("181") ? this.#ttl * 3 : (stryCov_9fa48("181"), this.#ttl / 3))));
      this.#events.changed(stryMutAct_9fa48("182") ? false : (stryCov_9fa48("182"), true), this.#token);
      return this.#token;
    }
  }

  /** Stops renewing without giving the lease up: a run still going keeps it until it expires. */
  abandon(): void {
    if (stryMutAct_9fa48("183")) {
      {}
    } else {
      stryCov_9fa48("183");
      this.#closed = stryMutAct_9fa48("184") ? false : (stryCov_9fa48("184"), true);
      this.#drop();
    }
  }

  /** Gives the lease up (on stop), so that another instance need not wait for it to expire. */
  async release(): Promise<void> {
    if (stryMutAct_9fa48("185")) {
      {}
    } else {
      stryCov_9fa48("185");
      this.#closed = stryMutAct_9fa48("186") ? false : (stryCov_9fa48("186"), true);
      const owner = this.#owner;
      this.#drop();
      await this.#busy;
      if (stryMutAct_9fa48("189") ? owner === undefined : stryMutAct_9fa48("188") ? false : stryMutAct_9fa48("187") ? true : (stryCov_9fa48("187", "188", "189"), owner !== undefined)) await this.#giveBack(owner);
    }
  }
  async #giveBack(owner: string): Promise<void> {
    if (stryMutAct_9fa48("190")) {
      {}
    } else {
      stryCov_9fa48("190");
      try {
        if (stryMutAct_9fa48("191")) {
          {}
        } else {
          stryCov_9fa48("191");
          await this.#call(stryMutAct_9fa48("192") ? () => undefined : (stryCov_9fa48("192"), () => this.#store.release(this.#name, owner)), stryMutAct_9fa48("193") ? "" : (stryCov_9fa48("193"), "release"));
        }
      } catch (error) {
        if (stryMutAct_9fa48("194")) {
          {}
        } else {
          stryCov_9fa48("194");
          this.#events.fault(error);
        }
      }
    }
  }
  async #renew(): Promise<void> {
    if (stryMutAct_9fa48("195")) {
      {}
    } else {
      stryCov_9fa48("195");
      const owner = this.#owner;
      if (stryMutAct_9fa48("198") ? owner !== undefined : stryMutAct_9fa48("197") ? false : stryMutAct_9fa48("196") ? true : (stryCov_9fa48("196", "197", "198"), owner === undefined)) return;
      const started = this.#queue.now();
      let kept = stryMutAct_9fa48("199") ? true : (stryCov_9fa48("199"), false);
      const call = this.#call(stryMutAct_9fa48("200") ? () => undefined : (stryCov_9fa48("200"), () => this.#store.renew(this.#name, owner, this.#ttl)), stryMutAct_9fa48("201") ? "" : (stryCov_9fa48("201"), "renew"));
      this.#busy = call.catch(() => {});
      try {
        if (stryMutAct_9fa48("202")) {
          {}
        } else {
          stryCov_9fa48("202");
          kept = stryMutAct_9fa48("205") ? (await call) !== true : stryMutAct_9fa48("204") ? false : stryMutAct_9fa48("203") ? true : (stryCov_9fa48("203", "204", "205"), (await call) === (stryMutAct_9fa48("206") ? false : (stryCov_9fa48("206"), true)));
          if (stryMutAct_9fa48("209") ? false : stryMutAct_9fa48("208") ? true : stryMutAct_9fa48("207") ? kept : (stryCov_9fa48("207", "208", "209"), !kept)) this.#lose(stryMutAct_9fa48("210") ? `` : (stryCov_9fa48("210"), `lease "${this.#name}" was taken or expired`));
        }
      } catch (error) {
        if (stryMutAct_9fa48("211")) {
          {}
        } else {
          stryCov_9fa48("211");
          this.#events.fault(error);
          this.#lose(stryMutAct_9fa48("212") ? `` : (stryCov_9fa48("212"), `lease "${this.#name}" could not be renewed: ${stryMutAct_9fa48("213") ? (error as Error)?.message && error : (stryCov_9fa48("213"), (stryMutAct_9fa48("214") ? (error as Error).message : (stryCov_9fa48("214"), (error as Error)?.message)) ?? error)}`));
        }
      }
      if (stryMutAct_9fa48("217") ? kept || this.#owner === owner : stryMutAct_9fa48("216") ? false : stryMutAct_9fa48("215") ? true : (stryCov_9fa48("215", "216", "217"), kept && (stryMutAct_9fa48("219") ? this.#owner !== owner : stryMutAct_9fa48("218") ? true : (stryCov_9fa48("218", "219"), this.#owner === owner)))) {
        if (stryMutAct_9fa48("220")) {
          {}
        } else {
          stryCov_9fa48("220");
          this.#validUntil = stryMutAct_9fa48("221") ? started - this.#ttl : (stryCov_9fa48("221"), started + this.#ttl);
          this.#queue.schedule(this.#renewEntry, stryMutAct_9fa48("222") ? started - this.#ttl / 3 : (stryCov_9fa48("222"), started + (stryMutAct_9fa48("223") ? this.#ttl * 3 : (stryCov_9fa48("223"), this.#ttl / 3))));
        }
      }
    }
  }
  #lose(message: string): void {
    if (stryMutAct_9fa48("224")) {
      {}
    } else {
      stryCov_9fa48("224");
      if (stryMutAct_9fa48("227") ? this.#owner !== undefined : stryMutAct_9fa48("226") ? false : stryMutAct_9fa48("225") ? true : (stryCov_9fa48("225", "226", "227"), this.#owner === undefined)) return;
      this.#drop();
      this.#events.lost(new LeaseLostError(message));
    }
  }
  #drop(): void {
    if (stryMutAct_9fa48("228")) {
      {}
    } else {
      stryCov_9fa48("228");
      const held = this.#token;
      this.#owner = undefined;
      this.#token = undefined;
      this.#queue.cancel(this.#renewEntry);
      if (stryMutAct_9fa48("231") ? held === undefined : stryMutAct_9fa48("230") ? false : stryMutAct_9fa48("229") ? true : (stryCov_9fa48("229", "230", "231"), held !== undefined)) this.#events.changed(stryMutAct_9fa48("232") ? true : (stryCov_9fa48("232"), false), held);
    }
  }

  /**
   * A store call limited to TTL/3, so that a hung store is a fault in time to give the lease up. A
   * store method that throws instead of rejecting is a fault like any other, never an unhandled
   * rejection.
   */
  #call<T>(call: () => Promise<T>, what: string): Promise<T> {
    if (stryMutAct_9fa48("233")) {
      {}
    } else {
      stryCov_9fa48("233");
      const limit = stryMutAct_9fa48("234") ? this.#ttl * 3 : (stryCov_9fa48("234"), this.#ttl / 3);
      return new Promise<T>((resolve, reject) => {
        if (stryMutAct_9fa48("235")) {
          {}
        } else {
          stryCov_9fa48("235");
          const timeout = timerEntry(stryMutAct_9fa48("236") ? () => undefined : (stryCov_9fa48("236"), () => reject(new Error(stryMutAct_9fa48("237") ? `` : (stryCov_9fa48("237"), `lease store: ${what} of "${this.#name}" took longer than ${Math.round(limit)} ms`)))));
          let promise: Promise<T>;
          try {
            if (stryMutAct_9fa48("238")) {
              {}
            } else {
              stryCov_9fa48("238");
              promise = call();
            }
          } catch (error) {
            if (stryMutAct_9fa48("239")) {
              {}
            } else {
              stryCov_9fa48("239");
              return reject(error);
            }
          }
          this.#queue.schedule(timeout, stryMutAct_9fa48("240") ? this.#queue.now() - limit : (stryCov_9fa48("240"), this.#queue.now() + limit));
          Promise.resolve(promise).then(stryMutAct_9fa48("241") ? () => undefined : (stryCov_9fa48("241"), value => (this.#queue.cancel(timeout), resolve(value))), stryMutAct_9fa48("242") ? () => undefined : (stryCov_9fa48("242"), (error: unknown) => (this.#queue.cancel(timeout), reject(error))));
        }
      });
    }
  }
}