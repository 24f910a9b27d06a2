/**
 * How the Redis and PostgreSQL stores coordinate a cluster, so that store traffic does not grow
 * with the instance count and the work spreads over the instances.
 *
 * The choice: **membership, and each worker on one live member by rendezvous hashing.** Each
 * instance (each manager) heartbeats into the store every TTL/3; its membership lasts 2·TTL/3. Every
 * instance computes, from the same member list, the one member each worker belongs to (the member
 * with the highest hash of the pair), and only that member takes the worker's lease and runs it; the
 * others skip its slots without asking the store. A lease belongs to its holder while the holder is a
 * live member: the heartbeat renews all of an instance's leases at once, so a holder pays no store
 * call per run and none per worker. When a member joins or leaves, only the workers it wins or held
 * move; the old holder gives a worker up as soon as its run in flight settles, and the new owner
 * cannot take it before (one holder at a time).
 *
 * Store traffic: one heartbeat per instance per TTL/3, whatever the number of workers, plus one
 * claim per worker per change of hands, plus the last slots (with the heartbeat; at once for a worker
 * whose runs are rarer than heartbeats). The alternatives weighed: waiting for the lease's expiry or
 * a notification (Redis keyspace events, LISTEN/NOTIFY) still has every instance contend for every
 * worker, so the first to take a lease keeps the work, and notifications are lost on reconnects.
 *
 * Safety first: an instance whose heartbeat cannot be confirmed within its membership's lifetime
 * (store unreachable, timeout, a paused process) counts as gone, locally too: every run's signal
 * aborts when its own validity runs out, before any other instance may take the lease. A store that
 * lost its state (a Redis restart without persistence) is detected by its incarnation: every lease
 * from before is dropped at once, and the store grants none until a holder from before could no
 * longer believe in its lease. Fencing tokens grow strictly, across such restarts too.
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
import type { ClusterLeaseStore, CoordinatorSettings, LeaseCoordinator, LeaseEvents, LeaseWorkerInfo, WorkerLease } from "../core/lease.ts";
import { ClusterLease } from "./cluster_lease.ts";
import type { ClusterProtocol } from "./protocol.ts";
import { digest, groupOf, owner } from "./rendezvous.ts";

/** A {@link ClusterLeaseStore} over a store's side of the protocol. */
export function clusterStore(protocol: ClusterProtocol): ClusterLeaseStore {
  if (stryMutAct_9fa48("243")) {
    {}
  } else {
    stryCov_9fa48("243");
    return stryMutAct_9fa48("244") ? {} : (stryCov_9fa48("244"), {
      coordinator: stryMutAct_9fa48("245") ? () => undefined : (stryCov_9fa48("245"), settings => new Coordinator(protocol, settings))
    });
  }
}

/** One instance of the cluster: its membership, its view of the members, and its workers' leases. */
export class Coordinator implements LeaseCoordinator {
  readonly #uuid: string = crypto.randomUUID();
  /** The digest of this instance's workers: its group (see rendezvous.ts). */
  #digest = stryMutAct_9fa48("246") ? "Stryker was here!" : (stryCov_9fa48("246"), "");
  /** The id this instance had before its workers changed: retired by the next heartbeat. */
  #previous: string | undefined = undefined;
  /** The members of this instance's group, sorted. */
  #group: readonly string[] = stryMutAct_9fa48("247") ? ["Stryker was here"] : (stryCov_9fa48("247"), []);
  readonly protocol: ClusterProtocol;
  readonly settings: CoordinatorSettings;
  /** How long a heartbeat keeps the membership; heartbeats come three times as often. */
  readonly #lifetime: number;
  readonly #interval: number;
  readonly #leases = new Set<ClusterLease>();
  /** Leases closed while a run that did not settle in time still goes on: kept until it ends. */
  #lingering = 0;
  #members: readonly string[] = stryMutAct_9fa48("248") ? ["Stryker was here"] : (stryCov_9fa48("248"), []);
  #version = stryMutAct_9fa48("249") ? +1 : (stryCov_9fa48("249"), -1);
  #epoch: string | undefined = undefined;
  #joined = stryMutAct_9fa48("250") ? true : (stryCov_9fa48("250"), false);
  #validUntil = stryMutAct_9fa48("251") ? +Infinity : (stryCov_9fa48("251"), -Infinity);
  #beating: Promise<void> | undefined = undefined;
  #leaving: Promise<void> | undefined = undefined;
  #cancelBeat: (() => void) | undefined = undefined;
  #cancelExpiry: (() => void) | undefined = undefined;
  /** Last slots to record with the next heartbeat. */
  readonly #slots = new Map<string, number>();
  constructor(protocol: ClusterProtocol, settings: CoordinatorSettings) {
    if (stryMutAct_9fa48("252")) {
      {}
    } else {
      stryCov_9fa48("252");
      this.protocol = protocol;
      this.settings = settings;
      this.#lifetime = stryMutAct_9fa48("253") ? settings.ttl * 2 * 3 : (stryCov_9fa48("253"), (stryMutAct_9fa48("254") ? settings.ttl / 2 : (stryCov_9fa48("254"), settings.ttl * 2)) / 3);
      this.#interval = stryMutAct_9fa48("255") ? settings.ttl * 3 : (stryCov_9fa48("255"), settings.ttl / 3);
    }
  }
  lease(info: LeaseWorkerInfo, events: LeaseEvents): WorkerLease {
    if (stryMutAct_9fa48("256")) {
      {}
    } else {
      stryCov_9fa48("256");
      const lease = new ClusterLease(this, info, events, stryMutAct_9fa48("259") ? info.everySlot && (info.period ?? Infinity) > this.#interval : stryMutAct_9fa48("258") ? false : stryMutAct_9fa48("257") ? true : (stryCov_9fa48("257", "258", "259"), info.everySlot || (stryMutAct_9fa48("262") ? (info.period ?? Infinity) <= this.#interval : stryMutAct_9fa48("261") ? (info.period ?? Infinity) >= this.#interval : stryMutAct_9fa48("260") ? false : (stryCov_9fa48("260", "261", "262"), (stryMutAct_9fa48("263") ? info.period && Infinity : (stryCov_9fa48("263"), info.period ?? Infinity)) > this.#interval))));
      this.#leases.add(lease);
      if (stryMutAct_9fa48("266") ? this.#leases.size === 1 || this.#lingering === 0 : stryMutAct_9fa48("265") ? false : stryMutAct_9fa48("264") ? true : (stryCov_9fa48("264", "265", "266"), (stryMutAct_9fa48("268") ? this.#leases.size !== 1 : stryMutAct_9fa48("267") ? true : (stryCov_9fa48("267", "268"), this.#leases.size === 1)) && (stryMutAct_9fa48("270") ? this.#lingering !== 0 : stryMutAct_9fa48("269") ? true : (stryCov_9fa48("269", "270"), this.#lingering === 0)))) void this.#open();
      return lease;
    }
  }

  /** The membership is confirmed, and not for longer ago than its lifetime. */
  get valid(): boolean {
    if (stryMutAct_9fa48("271")) {
      {}
    } else {
      stryCov_9fa48("271");
      return stryMutAct_9fa48("274") ? this.#joined || this.settings.timers.now() < this.#validUntil : stryMutAct_9fa48("273") ? false : stryMutAct_9fa48("272") ? true : (stryCov_9fa48("272", "273", "274"), this.#joined && (stryMutAct_9fa48("277") ? this.settings.timers.now() >= this.#validUntil : stryMutAct_9fa48("276") ? this.settings.timers.now() <= this.#validUntil : stryMutAct_9fa48("275") ? true : (stryCov_9fa48("275", "276", "277"), this.settings.timers.now() < this.#validUntil)));
    }
  }

  /** The store grants no lease before this (monotonic): claims wait instead of asking at every slot. */
  get quarantined(): boolean {
    if (stryMutAct_9fa48("278")) {
      {}
    } else {
      stryCov_9fa48("278");
      return stryMutAct_9fa48("282") ? this.settings.timers.now() >= this.#quarantinedUntil : stryMutAct_9fa48("281") ? this.settings.timers.now() <= this.#quarantinedUntil : stryMutAct_9fa48("280") ? false : stryMutAct_9fa48("279") ? true : (stryCov_9fa48("279", "280", "281", "282"), this.settings.timers.now() < this.#quarantinedUntil);
    }
  }
  #quarantinedUntil = stryMutAct_9fa48("283") ? +Infinity : (stryCov_9fa48("283"), -Infinity);

  /** The heartbeat in flight (the first one is the join). */
  get beating(): Promise<void> | undefined {
    if (stryMutAct_9fa48("284")) {
      {}
    } else {
      stryCov_9fa48("284");
      return this.#beating;
    }
  }
  get version(): number {
    if (stryMutAct_9fa48("285")) {
      {}
    } else {
      stryCov_9fa48("285");
      return this.#version;
    }
  }

  /** This instance's member id: its group and a random part. */
  get instance(): string {
    if (stryMutAct_9fa48("286")) {
      {}
    } else {
      stryCov_9fa48("286");
      return stryMutAct_9fa48("287") ? `` : (stryCov_9fa48("287"), `${this.#digest}.${this.#uuid}`);
    }
  }

  /** True when `worker` belongs to this instance in the current view. */
  owns(worker: string): boolean {
    if (stryMutAct_9fa48("288")) {
      {}
    } else {
      stryCov_9fa48("288");
      return stryMutAct_9fa48("291") ? owner(worker, this.#group) !== this.instance : stryMutAct_9fa48("290") ? false : stryMutAct_9fa48("289") ? true : (stryCov_9fa48("289", "290", "291"), owner(worker, this.#group) === this.instance);
    }
  }

  /** A store call limited to TTL/3, so that a hung store is a fault in time. */
  call<T>(call: () => Promise<T>, what: string): Promise<T> {
    if (stryMutAct_9fa48("292")) {
      {}
    } else {
      stryCov_9fa48("292");
      const limit = this.#interval;
      const timers = this.settings.timers;
      return new Promise<T>((resolve, reject) => {
        if (stryMutAct_9fa48("293")) {
          {}
        } else {
          stryCov_9fa48("293");
          let promise: Promise<T>;
          try {
            if (stryMutAct_9fa48("294")) {
              {}
            } else {
              stryCov_9fa48("294");
              promise = call();
            }
          } catch (error) {
            if (stryMutAct_9fa48("295")) {
              {}
            } else {
              stryCov_9fa48("295");
              return reject(error);
            }
          }
          const cancel = timers.at(stryMutAct_9fa48("296") ? timers.now() - limit : (stryCov_9fa48("296"), timers.now() + limit), stryMutAct_9fa48("297") ? () => undefined : (stryCov_9fa48("297"), () => reject(new Error(stryMutAct_9fa48("298") ? `` : (stryCov_9fa48("298"), `lease store: ${what} took longer than ${Math.round(limit)} ms`)))));
          Promise.resolve(promise).then(stryMutAct_9fa48("299") ? () => undefined : (stryCov_9fa48("299"), value => (cancel(), resolve(value))), stryMutAct_9fa48("300") ? () => undefined : (stryCov_9fa48("300"), (error: unknown) => (cancel(), reject(error))));
        }
      });
    }
  }

  /** A worker's last slot, with the next heartbeat or at once. */
  record(worker: string, slot: number, now: boolean): void {
    if (stryMutAct_9fa48("301")) {
      {}
    } else {
      stryCov_9fa48("301");
      if (stryMutAct_9fa48("304") ? false : stryMutAct_9fa48("303") ? true : stryMutAct_9fa48("302") ? now : (stryCov_9fa48("302", "303", "304"), !now)) return void this.#slots.set(worker, slot);
      this.call(stryMutAct_9fa48("305") ? () => undefined : (stryCov_9fa48("305"), () => this.protocol.record(stryMutAct_9fa48("306") ? [] : (stryCov_9fa48("306"), [stryMutAct_9fa48("307") ? [] : (stryCov_9fa48("307"), [worker, slot])]))), stryMutAct_9fa48("308") ? "" : (stryCov_9fa48("308"), "record")).catch(stryMutAct_9fa48("309") ? () => undefined : (stryCov_9fa48("309"), error => this.settings.report(error)));
    }
  }

  /** Heartbeat now (after the store said this instance is no member). */
  rejoin(): void {
    if (stryMutAct_9fa48("310")) {
      {}
    } else {
      stryCov_9fa48("310");
      if (stryMutAct_9fa48("313") ? this.#beating === undefined || this.#leaving === undefined : stryMutAct_9fa48("312") ? false : stryMutAct_9fa48("311") ? true : (stryCov_9fa48("311", "312", "313"), (stryMutAct_9fa48("315") ? this.#beating !== undefined : stryMutAct_9fa48("314") ? true : (stryCov_9fa48("314", "315"), this.#beating === undefined)) && (stryMutAct_9fa48("317") ? this.#leaving !== undefined : stryMutAct_9fa48("316") ? true : (stryCov_9fa48("316", "317"), this.#leaving === undefined)))) {
        if (stryMutAct_9fa48("318")) {
          {}
        } else {
          stryCov_9fa48("318");
          stryMutAct_9fa48("319") ? this.#cancelBeat() : (stryCov_9fa48("319"), this.#cancelBeat?.());
          void this.#beat();
        }
      }
    }
  }

  /**
   * Gives up `worker`'s lease. Releases asked for in one tick go out together, and when no lease is
   * left (a manager's stop) the instance leaves the cluster instead, in one call for all of them.
   */
  release(worker: string): Promise<void> {
    if (stryMutAct_9fa48("320")) {
      {}
    } else {
      stryCov_9fa48("320");
      this.#toRelease.add(worker);
      return stryMutAct_9fa48("321") ? this.#flushing &&= new Promise<void>(resolve => {
        const timers = this.settings.timers;
        timers.at(timers.now(), () => void this.#flush().then(resolve));
      }) : (stryCov_9fa48("321"), this.#flushing ??= new Promise<void>(resolve => {
        if (stryMutAct_9fa48("322")) {
          {}
        } else {
          stryCov_9fa48("322");
          const timers = this.settings.timers;
          timers.at(timers.now(), stryMutAct_9fa48("323") ? () => undefined : (stryCov_9fa48("323"), () => void this.#flush().then(resolve)));
        }
      }));
    }
  }
  readonly #toRelease = new Set<string>();
  #flushing: Promise<void> | undefined = undefined;
  async #flush(): Promise<void> {
    if (stryMutAct_9fa48("324")) {
      {}
    } else {
      stryCov_9fa48("324");
      this.#flushing = undefined;
      const workers = stryMutAct_9fa48("325") ? [] : (stryCov_9fa48("325"), [...this.#toRelease]);
      this.#toRelease.clear();
      if (stryMutAct_9fa48("328") ? this.#leases.size === 0 || this.#lingering === 0 : stryMutAct_9fa48("327") ? false : stryMutAct_9fa48("326") ? true : (stryCov_9fa48("326", "327", "328"), (stryMutAct_9fa48("330") ? this.#leases.size !== 0 : stryMutAct_9fa48("329") ? true : (stryCov_9fa48("329", "330"), this.#leases.size === 0)) && (stryMutAct_9fa48("332") ? this.#lingering !== 0 : stryMutAct_9fa48("331") ? true : (stryCov_9fa48("331", "332"), this.#lingering === 0)))) return this.#maybeLeave();
      const slots: [string, number][] = stryMutAct_9fa48("333") ? ["Stryker was here"] : (stryCov_9fa48("333"), []);
      for (const worker of workers) {
        if (stryMutAct_9fa48("334")) {
          {}
        } else {
          stryCov_9fa48("334");
          const slot = this.#slots.get(worker);
          if (stryMutAct_9fa48("337") ? slot === undefined : stryMutAct_9fa48("336") ? false : stryMutAct_9fa48("335") ? true : (stryCov_9fa48("335", "336", "337"), slot !== undefined)) slots.push(stryMutAct_9fa48("338") ? [] : (stryCov_9fa48("338"), [worker, slot]));
          this.#slots.delete(worker);
        }
      }
      try {
        if (stryMutAct_9fa48("339")) {
          {}
        } else {
          stryCov_9fa48("339");
          await this.call(stryMutAct_9fa48("340") ? () => undefined : (stryCov_9fa48("340"), () => this.protocol.release(workers, this.instance, slots)), stryMutAct_9fa48("341") ? "" : (stryCov_9fa48("341"), "release"));
        }
      } catch (error) {
        if (stryMutAct_9fa48("342")) {
          {}
        } else {
          stryCov_9fa48("342");
          this.settings.report(error);
        }
      }
    }
  }

  /** A lease is done with; after the last one, the instance leaves the cluster. */
  closed(lease: ClusterLease, lingering: Promise<unknown> | undefined): Promise<void> {
    if (stryMutAct_9fa48("343")) {
      {}
    } else {
      stryCov_9fa48("343");
      this.#leases.delete(lease);
      if (stryMutAct_9fa48("346") ? lingering !== undefined : stryMutAct_9fa48("345") ? false : stryMutAct_9fa48("344") ? true : (stryCov_9fa48("344", "345", "346"), lingering === undefined)) return this.#maybeLeave();
      stryMutAct_9fa48("347") ? this.#lingering-- : (stryCov_9fa48("347"), this.#lingering++);
      void lingering.then(() => {
        if (stryMutAct_9fa48("348")) {
          {}
        } else {
          stryCov_9fa48("348");
          stryMutAct_9fa48("349") ? this.#lingering++ : (stryCov_9fa48("349"), this.#lingering--);
          return this.#maybeLeave();
        }
      });
      return Promise.resolve();
    }
  }
  async #open(): Promise<void> {
    if (stryMutAct_9fa48("350")) {
      {}
    } else {
      stryCov_9fa48("350");
      await this.#leaving;
      if (stryMutAct_9fa48("353") ? this.#leases.size > 0 || this.#beating === undefined : stryMutAct_9fa48("352") ? false : stryMutAct_9fa48("351") ? true : (stryCov_9fa48("351", "352", "353"), (stryMutAct_9fa48("356") ? this.#leases.size <= 0 : stryMutAct_9fa48("355") ? this.#leases.size >= 0 : stryMutAct_9fa48("354") ? true : (stryCov_9fa48("354", "355", "356"), this.#leases.size > 0)) && (stryMutAct_9fa48("358") ? this.#beating !== undefined : stryMutAct_9fa48("357") ? true : (stryCov_9fa48("357", "358"), this.#beating === undefined)))) await this.#beat();
    }
  }
  #maybeLeave(): Promise<void> {
    if (stryMutAct_9fa48("359")) {
      {}
    } else {
      stryCov_9fa48("359");
      if (stryMutAct_9fa48("362") ? this.#leases.size > 0 && this.#lingering > 0 : stryMutAct_9fa48("361") ? false : stryMutAct_9fa48("360") ? true : (stryCov_9fa48("360", "361", "362"), (stryMutAct_9fa48("365") ? this.#leases.size <= 0 : stryMutAct_9fa48("364") ? this.#leases.size >= 0 : stryMutAct_9fa48("363") ? false : (stryCov_9fa48("363", "364", "365"), this.#leases.size > 0)) || (stryMutAct_9fa48("368") ? this.#lingering <= 0 : stryMutAct_9fa48("367") ? this.#lingering >= 0 : stryMutAct_9fa48("366") ? false : (stryCov_9fa48("366", "367", "368"), this.#lingering > 0)))) return Promise.resolve();
      return stryMutAct_9fa48("369") ? this.#leaving &&= this.#leave().finally(() => {
        this.#leaving = undefined;
        if (this.#leases.size > 0) void this.#open();
      }) : (stryCov_9fa48("369"), this.#leaving ??= this.#leave().finally(() => {
        if (stryMutAct_9fa48("370")) {
          {}
        } else {
          stryCov_9fa48("370");
          this.#leaving = undefined;
          if (stryMutAct_9fa48("374") ? this.#leases.size <= 0 : stryMutAct_9fa48("373") ? this.#leases.size >= 0 : stryMutAct_9fa48("372") ? false : stryMutAct_9fa48("371") ? true : (stryCov_9fa48("371", "372", "373", "374"), this.#leases.size > 0)) void this.#open();
        }
      }));
    }
  }
  async #leave(): Promise<void> {
    if (stryMutAct_9fa48("375")) {
      {}
    } else {
      stryCov_9fa48("375");
      stryMutAct_9fa48("376") ? this.#cancelBeat() : (stryCov_9fa48("376"), this.#cancelBeat?.());
      stryMutAct_9fa48("377") ? this.#cancelExpiry() : (stryCov_9fa48("377"), this.#cancelExpiry?.());
      this.#cancelBeat = this.#cancelExpiry = undefined;
      await this.#beating;
      const slots = stryMutAct_9fa48("378") ? [] : (stryCov_9fa48("378"), [...this.#slots]);
      this.#slots.clear();
      const joined = this.#joined;
      const instance = this.instance;
      this.#joined = stryMutAct_9fa48("379") ? true : (stryCov_9fa48("379"), false);
      this.#validUntil = stryMutAct_9fa48("380") ? +Infinity : (stryCov_9fa48("380"), -Infinity);
      this.#version = stryMutAct_9fa48("381") ? +1 : (stryCov_9fa48("381"), -1);
      this.#members = stryMutAct_9fa48("382") ? ["Stryker was here"] : (stryCov_9fa48("382"), []);
      this.#group = stryMutAct_9fa48("383") ? ["Stryker was here"] : (stryCov_9fa48("383"), []);
      this.#digest = stryMutAct_9fa48("384") ? "Stryker was here!" : (stryCov_9fa48("384"), "");
      this.#previous = undefined;
      if (stryMutAct_9fa48("387") ? false : stryMutAct_9fa48("386") ? true : stryMutAct_9fa48("385") ? joined : (stryCov_9fa48("385", "386", "387"), !joined)) return;
      try {
        if (stryMutAct_9fa48("388")) {
          {}
        } else {
          stryCov_9fa48("388");
          await this.call(stryMutAct_9fa48("389") ? () => undefined : (stryCov_9fa48("389"), () => this.protocol.leave(instance, slots)), stryMutAct_9fa48("390") ? "" : (stryCov_9fa48("390"), "leave"));
        }
      } catch (error) {
        if (stryMutAct_9fa48("391")) {
          {}
        } else {
          stryCov_9fa48("391");
          this.settings.report(error);
        }
      }
    }
  }
  #beat(): Promise<void> {
    if (stryMutAct_9fa48("392")) {
      {}
    } else {
      stryCov_9fa48("392");
      return stryMutAct_9fa48("393") ? this.#beating &&= this.#heartbeat().finally(() => {
        this.#beating = undefined;
        this.#schedule();
      }) : (stryCov_9fa48("393"), this.#beating ??= this.#heartbeat().finally(() => {
        if (stryMutAct_9fa48("394")) {
          {}
        } else {
          stryCov_9fa48("394");
          this.#beating = undefined;
          this.#schedule();
        }
      }));
    }
  }
  #schedule(): void {
    if (stryMutAct_9fa48("395")) {
      {}
    } else {
      stryCov_9fa48("395");
      if (stryMutAct_9fa48("398") ? this.#leases.size === 0 || this.#lingering === 0 : stryMutAct_9fa48("397") ? false : stryMutAct_9fa48("396") ? true : (stryCov_9fa48("396", "397", "398"), (stryMutAct_9fa48("400") ? this.#leases.size !== 0 : stryMutAct_9fa48("399") ? true : (stryCov_9fa48("399", "400"), this.#leases.size === 0)) && (stryMutAct_9fa48("402") ? this.#lingering !== 0 : stryMutAct_9fa48("401") ? true : (stryCov_9fa48("401", "402"), this.#lingering === 0)))) return;
      if (stryMutAct_9fa48("405") ? this.#leaving === undefined : stryMutAct_9fa48("404") ? false : stryMutAct_9fa48("403") ? true : (stryCov_9fa48("403", "404", "405"), this.#leaving !== undefined)) return;
      const timers = this.settings.timers;
      stryMutAct_9fa48("406") ? this.#cancelBeat() : (stryCov_9fa48("406"), this.#cancelBeat?.());
      this.#cancelBeat = timers.at(stryMutAct_9fa48("407") ? this.#sentAt - this.#interval : (stryCov_9fa48("407"), this.#sentAt + this.#interval), stryMutAct_9fa48("408") ? () => undefined : (stryCov_9fa48("408"), () => void this.#beat()));
    }
  }
  #sentAt = 0;
  async #heartbeat(): Promise<void> {
    if (stryMutAct_9fa48("409")) {
      {}
    } else {
      stryCov_9fa48("409");
      const timers = this.settings.timers;
      const sentAt = this.#sentAt = timers.now();
      const slots = stryMutAct_9fa48("410") ? [] : (stryCov_9fa48("410"), [...this.#slots]);
      this.#slots.clear();
      // Workers started or stopped since the last heartbeat change the group: a new id, which the
      // store takes over from the old one (its leases too).
      const now = digest((stryMutAct_9fa48("411") ? [] : (stryCov_9fa48("411"), [...this.#leases])).map(stryMutAct_9fa48("412") ? () => undefined : (stryCov_9fa48("412"), lease => lease.name)));
      if (stryMutAct_9fa48("415") ? now === this.#digest : stryMutAct_9fa48("414") ? false : stryMutAct_9fa48("413") ? true : (stryCov_9fa48("413", "414", "415"), now !== this.#digest)) {
        if (stryMutAct_9fa48("416")) {
          {}
        } else {
          stryCov_9fa48("416");
          if (stryMutAct_9fa48("418") ? false : stryMutAct_9fa48("417") ? true : (stryCov_9fa48("417", "418"), this.#joined)) this.#previous = this.instance;
          this.#digest = now;
          this.#version = stryMutAct_9fa48("419") ? +1 : (stryCov_9fa48("419"), -1);
        }
      }
      const previous = this.#previous;
      try {
        if (stryMutAct_9fa48("420")) {
          {}
        } else {
          stryCov_9fa48("420");
          const beat = await this.call(stryMutAct_9fa48("421") ? () => undefined : (stryCov_9fa48("421"), () => this.protocol.heartbeat(this.instance, this.#lifetime, this.#lifetime, slots, previous)), stryMutAct_9fa48("422") ? "" : (stryCov_9fa48("422"), "heartbeat"));
          if (stryMutAct_9fa48("425") ? this.#previous !== previous : stryMutAct_9fa48("424") ? false : stryMutAct_9fa48("423") ? true : (stryCov_9fa48("423", "424", "425"), this.#previous === previous)) this.#previous = undefined;
          const lostState = stryMutAct_9fa48("428") ? this.#epoch !== undefined || beat.epoch !== this.#epoch : stryMutAct_9fa48("427") ? false : stryMutAct_9fa48("426") ? true : (stryCov_9fa48("426", "427", "428"), (stryMutAct_9fa48("430") ? this.#epoch === undefined : stryMutAct_9fa48("429") ? true : (stryCov_9fa48("429", "430"), this.#epoch !== undefined)) && (stryMutAct_9fa48("432") ? beat.epoch === this.#epoch : stryMutAct_9fa48("431") ? true : (stryCov_9fa48("431", "432"), beat.epoch !== this.#epoch)));
          const lapsed = stryMutAct_9fa48("435") ? beat.joined || this.#joined : stryMutAct_9fa48("434") ? false : stryMutAct_9fa48("433") ? true : (stryCov_9fa48("433", "434", "435"), beat.joined && this.#joined);
          this.#epoch = beat.epoch;
          if (stryMutAct_9fa48("438") ? lostState && lapsed : stryMutAct_9fa48("437") ? false : stryMutAct_9fa48("436") ? true : (stryCov_9fa48("436", "437", "438"), lostState || lapsed)) {
            if (stryMutAct_9fa48("439")) {
              {}
            } else {
              stryCov_9fa48("439");
              this.#loseAll(lostState ? stryMutAct_9fa48("440") ? "" : (stryCov_9fa48("440"), "the lease store lost its state (restarted?)") : stryMutAct_9fa48("441") ? "" : (stryCov_9fa48("441"), "this instance's membership lapsed"));
            }
          }
          this.#joined = stryMutAct_9fa48("442") ? false : (stryCov_9fa48("442"), true);
          this.#quarantinedUntil = stryMutAct_9fa48("443") ? sentAt - beat.quarantine : (stryCov_9fa48("443"), sentAt + beat.quarantine);
          this.#validUntil = stryMutAct_9fa48("444") ? sentAt - this.#lifetime : (stryCov_9fa48("444"), sentAt + this.#lifetime);
          stryMutAct_9fa48("445") ? this.#cancelExpiry() : (stryCov_9fa48("445"), this.#cancelExpiry?.());
          this.#cancelExpiry = timers.at(this.#validUntil, stryMutAct_9fa48("446") ? () => undefined : (stryCov_9fa48("446"), () => this.#expired()));
          if (stryMutAct_9fa48("449") ? beat.version === this.#version : stryMutAct_9fa48("448") ? false : stryMutAct_9fa48("447") ? true : (stryCov_9fa48("447", "448", "449"), beat.version !== this.#version)) {
            if (stryMutAct_9fa48("450")) {
              {}
            } else {
              stryCov_9fa48("450");
              const members = await this.call(stryMutAct_9fa48("451") ? () => undefined : (stryCov_9fa48("451"), () => this.protocol.members()), stryMutAct_9fa48("452") ? "" : (stryCov_9fa48("452"), "members"));
              this.#members = stryMutAct_9fa48("453") ? [...members] : (stryCov_9fa48("453"), (stryMutAct_9fa48("454") ? [] : (stryCov_9fa48("454"), [...members])).sort());
              const group = groupOf(this.instance);
              this.#group = stryMutAct_9fa48("455") ? this.#members : (stryCov_9fa48("455"), this.#members.filter(stryMutAct_9fa48("456") ? () => undefined : (stryCov_9fa48("456"), m => stryMutAct_9fa48("459") ? groupOf(m) !== group : stryMutAct_9fa48("458") ? false : stryMutAct_9fa48("457") ? true : (stryCov_9fa48("457", "458", "459"), groupOf(m) === group))));
              this.#version = beat.version;
              for (const lease of this.#leases) lease.viewChanged();
            }
          }
        }
      } catch (error) {
        if (stryMutAct_9fa48("460")) {
          {}
        } else {
          stryCov_9fa48("460");
          for (const [worker, slot] of slots) if (stryMutAct_9fa48("463") ? false : stryMutAct_9fa48("462") ? true : stryMutAct_9fa48("461") ? this.#slots.has(worker) : (stryCov_9fa48("461", "462", "463"), !this.#slots.has(worker))) this.#slots.set(worker, slot);
          this.settings.report(error);
          // Safety first: a membership that could not be renewed counts as gone at once, not when its
          // lifetime would have run out; the next heartbeat that succeeds confirms it again.
          this.#validUntil = stryMutAct_9fa48("464") ? +Infinity : (stryCov_9fa48("464"), -Infinity);
          this.#loseAll(stryMutAct_9fa48("465") ? `` : (stryCov_9fa48("465"), `its membership could not be renewed: ${stryMutAct_9fa48("466") ? (error as Error)?.message && error : (stryCov_9fa48("466"), (stryMutAct_9fa48("467") ? (error as Error).message : (stryCov_9fa48("467"), (error as Error)?.message)) ?? error)}`));
        }
      }
    }
  }

  /** The membership was not confirmed in time: this instance can no longer be sure of any lease. */
  #expired(): void {
    if (stryMutAct_9fa48("468")) {
      {}
    } else {
      stryCov_9fa48("468");
      if (stryMutAct_9fa48("472") ? this.settings.timers.now() >= this.#validUntil : stryMutAct_9fa48("471") ? this.settings.timers.now() <= this.#validUntil : stryMutAct_9fa48("470") ? false : stryMutAct_9fa48("469") ? true : (stryCov_9fa48("469", "470", "471", "472"), this.settings.timers.now() < this.#validUntil)) return;
      this.#loseAll(stryMutAct_9fa48("473") ? "" : (stryCov_9fa48("473"), "this instance's membership could not be renewed in time"));
    }
  }
  #loseAll(why: string): void {
    if (stryMutAct_9fa48("474")) {
      {}
    } else {
      stryCov_9fa48("474");
      for (const lease of this.#leases) lease.lose(why);
    }
  }
}