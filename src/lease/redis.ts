/**
 * A lease store in Redis, through the client you already have: `ioredis` or `redis` (node-redis).
 * This file imports no Redis library.
 *
 * The single-instance algorithm of Redis's own distributed-lock documentation: `SET key owner NX PX
 * ttl` takes the lease, a Lua compare-then-`PEXPIRE` renews it and a compare-then-`DEL` gives it up,
 * so only the owner ever extends or deletes it. Taking and `INCR`-ing the fencing counter happen in
 * one script, so tokens grow strictly in the order leases were taken. Both keys of a worker share a
 * hash tag, so the scripts work on Redis Cluster too.
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
import type { LeaseStore } from "../core/lease.ts";

export type { LeaseStore } from "../core/lease.ts";

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

const ACQUIRE = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return false`;

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * A {@link LeaseStore} in Redis.
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
export function redisLeaseStore(client: RedisClientLike, options: RedisLeaseStoreOptions = {}): LeaseStore {
  const send = sender(client);
  const prefix = options.prefix ?? "bgw:lease:";
  if (typeof prefix !== "string") throw new TypeError(`redisLeaseStore: option "prefix" must be a string`);
  const keys = (name: string): [string, string] => [`${prefix}{${name}}`, `${prefix}{${name}}:fence`];
  const ms = (ttl: number): string => String(Math.max(1, Math.ceil(ttl)));
  return {
    async acquire(name, owner, ttl) {
      const [lease, fence] = keys(name);
      const token = await send(["EVAL", ACQUIRE, "2", lease, fence, owner, ms(ttl)]);
      return token === null || token === undefined ? null : Number(token);
    },
    async renew(name, owner, ttl) {
      return Number(await send(["EVAL", RENEW, "1", keys(name)[0], owner, ms(ttl)])) === 1;
    },
    async release(name, owner) {
      await send(["EVAL", RELEASE, "1", keys(name)[0], owner]);
    },
  };
}

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
