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
export type RedisClientLike =
  | { call(command: string, ...args: (string | number)[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> }
  | ((args: string[]) => Promise<unknown>);

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
const CLOCK = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local micros = tonumber(t[1]) * 1000000 + tonumber(t[2])
`;

// KEYS: members, meta (a hash: the incarnation "epoch" and the membership "version"), slots,
// leases. ARGV: instance, lifetime, quarantine (-1: not known yet), a new incarnation id, the
// instance's previous id ("" if none), then slot pairs.
// Returns {epoch, version, joined, quarantine left} or {"fresh"}.
const HEARTBEAT = `${CLOCK}
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
return {epoch, version, added, math.max(0, q - now)}`;

// KEYS: members, leases, fence, slots, meta. ARGV: worker, instance.
const CLAIM = `${CLOCK}
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
return {'taken', text, redis.call('HGET', KEYS[4], ARGV[1])}`;

// KEYS: leases, slots. ARGV: instance, the number of workers, the workers, then slot pairs.
const RELEASE = `local n = tonumber(ARGV[2])
for i = 3, 2 + n do
  local current = redis.call('HGET', KEYS[1], ARGV[i])
  if current and string.match(current, '^(.*) %d+$') == ARGV[1] then redis.call('HDEL', KEYS[1], ARGV[i]) end
end
if #ARGV > 2 + n then redis.call('HSET', KEYS[2], unpack(ARGV, 3 + n)) end
return n`;

// KEYS: members, meta, leases, slots. ARGV: instance, then slot pairs.
const LEAVE = `if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then redis.call('HINCRBY', KEYS[2], 'version', 1) end
local all = redis.call('HGETALL', KEYS[3])
for i = 1, #all, 2 do
  if string.match(all[i + 1], '^(.*) %d+$') == ARGV[1] then redis.call('HDEL', KEYS[3], all[i]) end
end
if #ARGV > 1 then redis.call('HSET', KEYS[4], unpack(ARGV, 2)) end
return 1`;

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
  const send = sender(client);
  const prefix = options.prefix ?? "bgw:lease:";
  if (typeof prefix !== "string" || /[{}]/.test(prefix)) {
    throw new TypeError(`redisLeaseStore: option "prefix" must be a string without braces, got ${JSON.stringify(prefix)}`);
  }
  return clusterStore(redisProtocol(send, prefix));
}

const flat = (pairs: readonly [string, number][]): string[] => pairs.flatMap(([name, slot]) => [name, String(slot)]);

/** The Redis side of the cluster protocol. */
function redisProtocol(send: (args: string[]) => Promise<unknown>, prefix: string): ClusterProtocol {
  // One hash tag for every key of a prefix: one slot of a Redis Cluster.
  const key = (name: string): string => `{${prefix}}${name}`;
  const [members, meta, slots, leases, fence] = ["members", "meta", "slots", "leases", "fence"].map(key) as [string, string, string, string, string];
  const beat = (instance: string, lifetime: number, quarantine: number, pairs: readonly [string, number][], previous: string) =>
    send([
      "EVAL",
      HEARTBEAT,
      "4",
      members,
      meta,
      slots,
      leases,
      instance,
      ms(lifetime),
      String(quarantine),
      crypto.randomUUID(),
      previous,
      ...flat(pairs),
    ]);
  return {
    async heartbeat(instance, lifetime, quarantine, pairs, previous = ""): Promise<Beat> {
      let reply = await beat(instance, lifetime, -1, pairs, previous) as unknown[];
      if (reply[0] === "fresh") {
        // A fresh store: a first start if Redis has been up longer than a membership lasts, else
        // (a restart) no lease until the holders from before have noticed.
        const info = String(await send(["INFO", "server"]));
        // Whole seconds, rounded up by Redis: 1 means anything from a moment to a second.
        const uptime = Math.max(0, Number(/uptime_in_seconds:(\d+)/.exec(info)?.[1] ?? 0) - 1) * 1000;
        reply = await beat(instance, lifetime, Math.max(0, Math.ceil(quarantine - uptime)), pairs, previous) as unknown[];
      }
      return { epoch: String(reply[0]), version: Number(reply[1]), joined: Number(reply[2]) === 1, quarantine: Number(reply[3] ?? 0) };
    },
    async members() {
      return (await send(["ZRANGE", members, "0", "-1"]) as unknown[]).map(String);
    },
    async claim(worker, instance): Promise<Claim> {
      const reply = await send(["EVAL", CLAIM, "5", members, leases, fence, slots, meta, worker, instance]) as unknown[];
      switch (reply[0]) {
        case "taken":
        case "held":
          return { token: Number(reply[1]), slot: slotOf(reply[2]), fresh: reply[0] === "taken" };
        case "holder":
          return { holder: String(reply[1]) };
        default:
          return reply[0] as "quarantine" | "not-member";
      }
    },
    async record(pairs) {
      if (pairs.length > 0) await send(["HSET", slots, ...flat(pairs)]);
    },
    async release(workers, instance, pairs) {
      await send(["EVAL", RELEASE, "2", leases, slots, instance, String(workers.length), ...workers, ...flat(pairs)]);
    },
    async leave(instance, pairs) {
      await send(["EVAL", LEAVE, "4", members, meta, leases, slots, instance, ...flat(pairs)]);
    },
  };
}

const ms = (value: number): string => String(Math.max(1, Math.ceil(value)));
const slotOf = (value: unknown): number | null => (value === null || value === undefined || value === false ? null : Number(value));

function sender(client: RedisClientLike): (args: string[]) => Promise<unknown> {
  if (typeof client === "function") return client;
  if (client !== null && typeof client === "object") {
    if ("call" in client && typeof client.call === "function") {
      const ioredis = client;
      return ([command, ...args]) => ioredis.call(command as string, ...args);
    }
    if ("sendCommand" in client && typeof client.sendCommand === "function") {
      const nodeRedis = client;
      return (args) => nodeRedis.sendCommand(args);
    }
  }
  throw new TypeError("redisLeaseStore: expected an ioredis client, a node-redis client, or a send function");
}
