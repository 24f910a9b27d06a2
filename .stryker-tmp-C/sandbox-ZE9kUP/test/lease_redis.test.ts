// @ts-nocheck
import { Redis } from "ioredis";
import { leaseSuite, probe, type RunRecord } from "./lease_cluster.ts";

const port = 6379;

await leaseSuite({
  label: "Redis 127.0.0.1:6379",
  port,
  clients: ["ioredis", "node-redis"],
  async unreachable() {
    try {
      await probe(port);
      return undefined;
    } catch (error) {
      return `cannot connect (${(error as Error).message}); start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`;
    }
  },
  async runs(name) {
    const redis = new Redis({ host: "127.0.0.1", port, lazyConnect: true });
    await redis.connect();
    try {
      return (await redis.lrange(`runs:${name}`, 0, -1)).map((e) => JSON.parse(e) as RunRecord);
    } finally {
      redis.disconnect();
    }
  },
});
