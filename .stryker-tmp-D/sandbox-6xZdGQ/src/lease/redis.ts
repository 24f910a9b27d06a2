/**
 * A cluster lease store in Redis, through the client you already have: `ioredis` or `redis`
 * (node-redis). This file imports no Redis library.
 *
 * How the cluster is coordinated is in `cluster.ts`; here is its Redis side. Every key of one
 * `prefix` shares a hash tag (`{prefix}`), so the scripts touch one slot and work on Redis Cluster:
 * a sorted set of members scored by the time their membership ends, a hash of leases (worker →
 * holder and token), a hash of the workers' last slots, a hash with the membership's version and
 * the store's incarnation, and the fencing counter. Every script reads the time from Redis (`TIME`), so expiries
 * are on one clock whatever the instances' clocks say.
 *
 * Without persistence a restart forgets everything: the incarnation key is then missing, a new one
 * is made, and no lease is granted until every holder from before has noticed (its membership's
 * lifetime), unless Redis has been up for longer than that already (a first start). Tokens are the
 * greater of the counter + 1 and Redis's clock in microseconds, so they grow across restarts too.
 * Keep these keys from eviction (`noeviction`, or a database of their own): a flush is taken for a
 * first start.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { redisLeaseStore } from "@background/workers/redis";
 * import { Redis } from "ioredis";
 *
 * const manager = new BackgroundWorkerManager({ lease: redisLeaseStore(new Redis()) });
 * ```
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
import type { ClusterLeaseStore } from "../core/lease.ts";
import { clusterStore } from "./cluster.ts";
import type { Beat, Claim, ClusterProtocol } from "./protocol.ts";
export type { ClusterLeaseStore, LeaseStore } from "../core/lease.ts";

/**
 * Any client this store can talk through: an ioredis client (`call`), a node-redis client
 * (`sendCommand`), or a function that sends one command as an array of strings.
 *
 * @example
 * ```ts
 * import type { RedisClientLike } from "@background/workers/redis";
 *
 * const send: RedisClientLike = (args) => Promise.resolve(args.length);
 * ```
 */
export type RedisClientLike = {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
} | {
  sendCommand(args: string[]): Promise<unknown>;
} | ((args: string[]) => Promise<unknown>);

/**
 * Options of {@link redisLeaseStore}.
 *
 * @example
 * ```ts
 * import type { RedisLeaseStoreOptions } from "@background/workers/redis";
 *
 * const options: RedisLeaseStoreOptions = { prefix: "myapp:leases:" };
 * ```
 */
export interface RedisLeaseStoreOptions {
  /** Prepended to every key. Default `"bgw:lease:"`. */
  readonly prefix?: string;
}

// Milliseconds and microseconds of Redis's clock.
const CLOCK = stryMutAct_9fa48("208") ? `` : (stryCov_9fa48("208"), `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local micros = tonumber(t[1]) * 1000000 + tonumber(t[2])
`);

// KEYS: members, meta (a hash: the incarnation "epoch" and the membership "version"), slots,
// leases. ARGV: instance, lifetime, quarantine (-1: not known yet), a new incarnation id, the
// instance's previous id ("" if none), then slot pairs.
// Returns {epoch, version, joined, quarantine left} or {"fresh"}.
const HEARTBEAT = stryMutAct_9fa48("209") ? `` : (stryCov_9fa48("209"), `${CLOCK}
local meta = redis.call('HMGET', KEYS[2], 'epoch', 'version')
local epoch, version = meta[1], tonumber(meta[2] or '0')
if not epoch then
  if tonumber(ARGV[3]) < 0 then return {'fresh'} end
  epoch = ARGV[4] .. ':' .. string.format('%.0f', now + tonumber(ARGV[3]))
  redis.call('HSET', KEYS[2], 'epoch', epoch)
end
local changed = false
if ARGV[5] ~= '' and redis.call('ZREM', KEYS[1], ARGV[5]) == 1 then
  -- The instance's workers changed, and with them its id: its leases are the new id's.
  changed = true
  local all = redis.call('HGETALL', KEYS[4])
  for i = 1, #all, 2 do
    local holder, token = string.match(all[i + 1], '^(.*) (%d+)$')
    if holder == ARGV[5] then redis.call('HSET', KEYS[4], all[i], ARGV[1] .. ' ' .. token) end
  end
end
local added = redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
local removed = redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)
if added == 1 or removed > 0 or changed then version = redis.call('HINCRBY', KEYS[2], 'version', 1) end
if #ARGV > 5 then redis.call('HSET', KEYS[3], unpack(ARGV, 6)) end
local q = tonumber(string.match(epoch, ':(%d+)$')) or 0
return {epoch, version, added, math.max(0, q - now)}`);

// KEYS: members, leases, fence, slots, meta. ARGV: worker, instance.
const CLAIM = stryMutAct_9fa48("210") ? `` : (stryCov_9fa48("210"), `${CLOCK}
local epoch = redis.call('HGET', KEYS[5], 'epoch')
if not epoch then return {'not-member'} end
local q = tonumber(string.match(epoch, ':(%d+)$'))
if q and now < q then return {'quarantine'} end
local mine = redis.call('ZSCORE', KEYS[1], ARGV[2])
if not mine or tonumber(mine) < now then return {'not-member'} end
local current = redis.call('HGET', KEYS[2], ARGV[1])
if current then
  local holder, held = string.match(current, '^(.*) (%d+)$')
  if holder == ARGV[2] then return {'held', held, redis.call('HGET', KEYS[4], ARGV[1])} end
  local alive = redis.call('ZSCORE', KEYS[1], holder)
  if alive and tonumber(alive) >= now then return {'holder', holder} end
end
local token = math.max(tonumber(redis.call('GET', KEYS[3]) or '0') + 1, micros)
local text = string.format('%.0f', token)
redis.call('SET', KEYS[3], text)
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ' ' .. text)
return {'taken', text, redis.call('HGET', KEYS[4], ARGV[1])}`);

// KEYS: leases, slots. ARGV: instance, the number of workers, the workers, then slot pairs.
const RELEASE = stryMutAct_9fa48("211") ? `` : (stryCov_9fa48("211"), `local n = tonumber(ARGV[2])
for i = 3, 2 + n do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if current and string.match(current, '^(.*) %d+$') == ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
if #ARGV > 2 + n then redis.call('HSET', KEYS[2], unpack(ARGV, 3 + n)) end
return n`);

// KEYS: members, meta, leases, slots. ARGV: instance, then slot pairs.
const LEAVE = stryMutAct_9fa48("212") ? `` : (stryCov_9fa48("212"), `if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then redis.call('HINCRBY', KEYS[2], 'version', 1) end
local all = redis.call('HGETALL', KEYS[3])
for i = 1, #all, 2 do
  if string.match(all[i + 1], '^(.*) %d+$') == ARGV[1] then redis.call('HDEL', KEYS[3], all[i]) end
end
if #ARGV > 1 then redis.call('HSET', KEYS[4], unpack(ARGV, 2)) end
return 1`);

/**
 * A cluster lease store in Redis.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { redisLeaseStore } from "@background/workers/redis";
 * import { createClient } from "redis";
 *
 * const client = await createClient({ url: "redis://127.0.0.1:6379" }).connect();
 * const manager = new BackgroundWorkerManager({ lease: { store: redisLeaseStore(client), ttl: 10_000 } });
 * ```
 */
export function redisLeaseStore(client: RedisClientLike, options: RedisLeaseStoreOptions = {}): ClusterLeaseStore {
  if (stryMutAct_9fa48("213")) {
    {}
  } else {
    stryCov_9fa48("213");
    const send = sender(client);
    const prefix = stryMutAct_9fa48("214") ? options.prefix && "bgw:lease:" : (stryCov_9fa48("214"), options.prefix ?? (stryMutAct_9fa48("215") ? "" : (stryCov_9fa48("215"), "bgw:lease:")));
    if (stryMutAct_9fa48("218") ? typeof prefix !== "string" && /[{}]/.test(prefix) : stryMutAct_9fa48("217") ? false : stryMutAct_9fa48("216") ? true : (stryCov_9fa48("216", "217", "218"), (stryMutAct_9fa48("220") ? typeof prefix === "string" : stryMutAct_9fa48("219") ? false : (stryCov_9fa48("219", "220"), typeof prefix !== (stryMutAct_9fa48("221") ? "" : (stryCov_9fa48("221"), "string")))) || (stryMutAct_9fa48("222") ? /[^{}]/ : (stryCov_9fa48("222"), /[{}]/)).test(prefix))) {
      if (stryMutAct_9fa48("223")) {
        {}
      } else {
        stryCov_9fa48("223");
        throw new TypeError(stryMutAct_9fa48("224") ? `` : (stryCov_9fa48("224"), `redisLeaseStore: option "prefix" must be a string without braces, got ${JSON.stringify(prefix)}`));
      }
    }
    return clusterStore(redisProtocol(send, prefix));
  }
}
const flat = stryMutAct_9fa48("225") ? () => undefined : (stryCov_9fa48("225"), (() => {
  const flat = (pairs: readonly [string, number][]): string[] => pairs.flatMap(stryMutAct_9fa48("226") ? () => undefined : (stryCov_9fa48("226"), ([name, slot]) => stryMutAct_9fa48("227") ? [] : (stryCov_9fa48("227"), [name, String(slot)])));
  return flat;
})());

/** The Redis side of the cluster protocol. */
function redisProtocol(send: (args: string[]) => Promise<unknown>, prefix: string): ClusterProtocol {
  if (stryMutAct_9fa48("228")) {
    {}
  } else {
    stryCov_9fa48("228");
    // One hash tag for every key of a prefix: one slot of a Redis Cluster.
    const key = stryMutAct_9fa48("229") ? () => undefined : (stryCov_9fa48("229"), (() => {
      const key = (name: string): string => stryMutAct_9fa48("230") ? `` : (stryCov_9fa48("230"), `{${prefix}}${name}`);
      return key;
    })());
    const [members, meta, slots, leases, fence] = ["members", "meta", "slots", "leases", "fence"].map(key) as [string, string, string, string, string];
    const beat = stryMutAct_9fa48("231") ? () => undefined : (stryCov_9fa48("231"), (() => {
      const beat = (instance: string, lifetime: number, quarantine: number, pairs: readonly [string, number][], previous: string) => send(stryMutAct_9fa48("232") ? [] : (stryCov_9fa48("232"), [stryMutAct_9fa48("233") ? "" : (stryCov_9fa48("233"), "EVAL"), HEARTBEAT, stryMutAct_9fa48("234") ? "" : (stryCov_9fa48("234"), "4"), members, meta, slots, leases, instance, ms(lifetime), String(quarantine), crypto.randomUUID(), previous, ...flat(pairs)]));
      return beat;
    })());
    return stryMutAct_9fa48("235") ? {} : (stryCov_9fa48("235"), {
      async heartbeat(instance, lifetime, quarantine, pairs, previous = stryMutAct_9fa48("236") ? "Stryker was here!" : (stryCov_9fa48("236"), "")): Promise<Beat> {
        if (stryMutAct_9fa48("237")) {
          {}
        } else {
          stryCov_9fa48("237");
          let reply = (await beat(instance, lifetime, -1, pairs, previous)) as unknown[];
          if (stryMutAct_9fa48("240") ? reply[0] !== "fresh" : stryMutAct_9fa48("239") ? false : stryMutAct_9fa48("238") ? true : (stryCov_9fa48("238", "239", "240"), reply[0] === (stryMutAct_9fa48("241") ? "" : (stryCov_9fa48("241"), "fresh")))) {
            if (stryMutAct_9fa48("242")) {
              {}
            } else {
              stryCov_9fa48("242");
              // A fresh store: a first start if Redis has been up longer than a membership lasts, else
              // (a restart) no lease until the holders from before have noticed.
              const info = String(await send(stryMutAct_9fa48("243") ? [] : (stryCov_9fa48("243"), [stryMutAct_9fa48("244") ? "" : (stryCov_9fa48("244"), "INFO"), stryMutAct_9fa48("245") ? "" : (stryCov_9fa48("245"), "server")])));
              // Whole seconds, rounded up by Redis: 1 means anything from a moment to a second.
              const uptime = stryMutAct_9fa48("246") ? Math.max(0, Number(/uptime_in_seconds:(\d+)/.exec(info)?.[1] ?? 0) - 1) / 1000 : (stryCov_9fa48("246"), (stryMutAct_9fa48("247") ? Math.min(0, Number(/uptime_in_seconds:(\d+)/.exec(info)?.[1] ?? 0) - 1) : (stryCov_9fa48("247"), Math.max(0, stryMutAct_9fa48("248") ? Number(/uptime_in_seconds:(\d+)/.exec(info)?.[1] ?? 0) + 1 : (stryCov_9fa48("248"), Number(stryMutAct_9fa48("249") ? /uptime_in_seconds:(\d+)/.exec(info)?.[1] && 0 : (stryCov_9fa48("249"), (stryMutAct_9fa48("250") ? /uptime_in_seconds:(\d+)/.exec(info)[1] : (stryCov_9fa48("250"), (stryMutAct_9fa48("252") ? /uptime_in_seconds:(\D+)/ : stryMutAct_9fa48("251") ? /uptime_in_seconds:(\d)/ : (stryCov_9fa48("251", "252"), /uptime_in_seconds:(\d+)/)).exec(info)?.[1])) ?? 0)) - 1)))) * 1000);
              reply = (await beat(instance, lifetime, Math.max(0, Math.ceil(quarantine - uptime)), pairs, previous)) as unknown[];
            }
          }
          return stryMutAct_9fa48("253") ? {} : (stryCov_9fa48("253"), {
            epoch: String(reply[0]),
            version: Number(reply[1]),
            joined: stryMutAct_9fa48("256") ? Number(reply[2]) !== 1 : stryMutAct_9fa48("255") ? false : stryMutAct_9fa48("254") ? true : (stryCov_9fa48("254", "255", "256"), Number(reply[2]) === 1),
            quarantine: Number(stryMutAct_9fa48("257") ? reply[3] && 0 : (stryCov_9fa48("257"), reply[3] ?? 0))
          });
        }
      },
      async members() {
        if (stryMutAct_9fa48("258")) {
          {}
        } else {
          stryCov_9fa48("258");
          return ((await send(["ZRANGE", members, "0", "-1"])) as unknown[]).map(String);
        }
      },
      async claim(worker, instance): Promise<Claim> {
        if (stryMutAct_9fa48("259")) {
          {}
        } else {
          stryCov_9fa48("259");
          const reply = (await send(["EVAL", CLAIM, "5", members, leases, fence, slots, meta, worker, instance])) as unknown[];
          switch (reply[0]) {
            case stryMutAct_9fa48("260") ? "" : (stryCov_9fa48("260"), "taken"):
            case stryMutAct_9fa48("262") ? "" : (stryCov_9fa48("262"), "held"):
              if (stryMutAct_9fa48("261")) {} else {
                stryCov_9fa48("261");
                return stryMutAct_9fa48("263") ? {} : (stryCov_9fa48("263"), {
                  token: Number(reply[1]),
                  slot: slotOf(reply[2]),
                  fresh: stryMutAct_9fa48("266") ? reply[0] !== "taken" : stryMutAct_9fa48("265") ? false : stryMutAct_9fa48("264") ? true : (stryCov_9fa48("264", "265", "266"), reply[0] === (stryMutAct_9fa48("267") ? "" : (stryCov_9fa48("267"), "taken")))
                });
              }
            case stryMutAct_9fa48("269") ? "" : (stryCov_9fa48("269"), "holder"):
              if (stryMutAct_9fa48("268")) {} else {
                stryCov_9fa48("268");
                return stryMutAct_9fa48("270") ? {} : (stryCov_9fa48("270"), {
                  holder: String(reply[1])
                });
              }
            default:
              if (stryMutAct_9fa48("271")) {} else {
                stryCov_9fa48("271");
                return reply[0] as "quarantine" | "not-member";
              }
          }
        }
      },
      async record(pairs) {
        if (stryMutAct_9fa48("272")) {
          {}
        } else {
          stryCov_9fa48("272");
          if (stryMutAct_9fa48("276") ? pairs.length <= 0 : stryMutAct_9fa48("275") ? pairs.length >= 0 : stryMutAct_9fa48("274") ? false : stryMutAct_9fa48("273") ? true : (stryCov_9fa48("273", "274", "275", "276"), pairs.length > 0)) await send(stryMutAct_9fa48("277") ? [] : (stryCov_9fa48("277"), [stryMutAct_9fa48("278") ? "" : (stryCov_9fa48("278"), "HSET"), slots, ...flat(pairs)]));
        }
      },
      async release(workers, instance, pairs) {
        if (stryMutAct_9fa48("279")) {
          {}
        } else {
          stryCov_9fa48("279");
          await send(stryMutAct_9fa48("280") ? [] : (stryCov_9fa48("280"), [stryMutAct_9fa48("281") ? "" : (stryCov_9fa48("281"), "EVAL"), RELEASE, stryMutAct_9fa48("282") ? "" : (stryCov_9fa48("282"), "2"), leases, slots, instance, String(workers.length), ...workers, ...flat(pairs)]));
        }
      },
      async leave(instance, pairs) {
        if (stryMutAct_9fa48("283")) {
          {}
        } else {
          stryCov_9fa48("283");
          await send(stryMutAct_9fa48("284") ? [] : (stryCov_9fa48("284"), [stryMutAct_9fa48("285") ? "" : (stryCov_9fa48("285"), "EVAL"), LEAVE, stryMutAct_9fa48("286") ? "" : (stryCov_9fa48("286"), "4"), members, meta, leases, slots, instance, ...flat(pairs)]));
        }
      }
    });
  }
}
const ms = stryMutAct_9fa48("287") ? () => undefined : (stryCov_9fa48("287"), (() => {
  const ms = (value: number): string => String(stryMutAct_9fa48("288") ? Math.min(1, Math.ceil(value)) : (stryCov_9fa48("288"), Math.max(1, Math.ceil(value))));
  return ms;
})());
const slotOf = stryMutAct_9fa48("289") ? () => undefined : (stryCov_9fa48("289"), (() => {
  const slotOf = (value: unknown): number | null => (stryMutAct_9fa48("292") ? (value === null || value === undefined) && value === false : stryMutAct_9fa48("291") ? false : stryMutAct_9fa48("290") ? true : (stryCov_9fa48("290", "291", "292"), (stryMutAct_9fa48("294") ? value === null && value === undefined : stryMutAct_9fa48("293") ? false : (stryCov_9fa48("293", "294"), (stryMutAct_9fa48("296") ? value !== null : stryMutAct_9fa48("295") ? false : (stryCov_9fa48("295", "296"), value === null)) || (stryMutAct_9fa48("298") ? value !== undefined : stryMutAct_9fa48("297") ? false : (stryCov_9fa48("297", "298"), value === undefined)))) || (stryMutAct_9fa48("300") ? value !== false : stryMutAct_9fa48("299") ? false : (stryCov_9fa48("299", "300"), value === (stryMutAct_9fa48("301") ? true : (stryCov_9fa48("301"), false)))))) ? null : Number(value);
  return slotOf;
})());
function sender(client: RedisClientLike): (args: string[]) => Promise<unknown> {
  if (stryMutAct_9fa48("302")) {
    {}
  } else {
    stryCov_9fa48("302");
    if (stryMutAct_9fa48("305") ? typeof client !== "function" : stryMutAct_9fa48("304") ? false : stryMutAct_9fa48("303") ? true : (stryCov_9fa48("303", "304", "305"), typeof client === (stryMutAct_9fa48("306") ? "" : (stryCov_9fa48("306"), "function")))) return client;
    if (stryMutAct_9fa48("309") ? client !== null || typeof client === "object" : stryMutAct_9fa48("308") ? false : stryMutAct_9fa48("307") ? true : (stryCov_9fa48("307", "308", "309"), (stryMutAct_9fa48("311") ? client === null : stryMutAct_9fa48("310") ? true : (stryCov_9fa48("310", "311"), client !== null)) && (stryMutAct_9fa48("313") ? typeof client !== "object" : stryMutAct_9fa48("312") ? true : (stryCov_9fa48("312", "313"), typeof client === (stryMutAct_9fa48("314") ? "" : (stryCov_9fa48("314"), "object")))))) {
      if (stryMutAct_9fa48("315")) {
        {}
      } else {
        stryCov_9fa48("315");
        if (stryMutAct_9fa48("318") ? "call" in client || typeof client.call === "function" : stryMutAct_9fa48("317") ? false : stryMutAct_9fa48("316") ? true : (stryCov_9fa48("316", "317", "318"), (stryMutAct_9fa48("319") ? "" : (stryCov_9fa48("319"), "call")) in client && (stryMutAct_9fa48("321") ? typeof client.call !== "function" : stryMutAct_9fa48("320") ? true : (stryCov_9fa48("320", "321"), typeof client.call === (stryMutAct_9fa48("322") ? "" : (stryCov_9fa48("322"), "function")))))) {
          if (stryMutAct_9fa48("323")) {
            {}
          } else {
            stryCov_9fa48("323");
            const ioredis = client;
            return stryMutAct_9fa48("324") ? () => undefined : (stryCov_9fa48("324"), ([command, ...args]) => ioredis.call(command as string, ...args));
          }
        }
        if (stryMutAct_9fa48("327") ? "sendCommand" in client || typeof client.sendCommand === "function" : stryMutAct_9fa48("326") ? false : stryMutAct_9fa48("325") ? true : (stryCov_9fa48("325", "326", "327"), (stryMutAct_9fa48("328") ? "" : (stryCov_9fa48("328"), "sendCommand")) in client && (stryMutAct_9fa48("330") ? typeof client.sendCommand !== "function" : stryMutAct_9fa48("329") ? true : (stryCov_9fa48("329", "330"), typeof client.sendCommand === (stryMutAct_9fa48("331") ? "" : (stryCov_9fa48("331"), "function")))))) {
          if (stryMutAct_9fa48("332")) {
            {}
          } else {
            stryCov_9fa48("332");
            const nodeRedis = client;
            return stryMutAct_9fa48("333") ? () => undefined : (stryCov_9fa48("333"), args => nodeRedis.sendCommand(args));
          }
        }
      }
    }
    throw new TypeError(stryMutAct_9fa48("334") ? "" : (stryCov_9fa48("334"), "redisLeaseStore: expected an ioredis client, a node-redis client, or a send function"));
  }
}