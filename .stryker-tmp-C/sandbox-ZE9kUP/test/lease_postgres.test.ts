// @ts-nocheck
import pg from "pg";
import { leaseSuite, probe, type RunRecord } from "./lease_cluster.ts";

const port = 5432;
const connection = { host: "127.0.0.1", port, database: "test", user: "postgres" };

await leaseSuite({
  label: "PostgreSQL 127.0.0.1:5432/test",
  port,
  clients: ["postgres", "pg"],
  async unreachable() {
    try {
      await probe(port);
      const client = new pg.Client(connection);
      await client.connect();
      await client.query("CREATE TABLE IF NOT EXISTS lease_test_runs (id serial PRIMARY KEY, name text NOT NULL, entry text NOT NULL)");
      await client.end();
      return undefined;
    } catch (error) {
      return `cannot use it (${(error as Error).message}); start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`;
    }
  },
  async runs(name) {
    const client = new pg.Client(connection);
    await client.connect();
    try {
      const { rows } = await client.query("SELECT entry FROM lease_test_runs WHERE name = $1 ORDER BY id", [name]);
      return rows.map((r: { entry: string }) => JSON.parse(r.entry) as RunRecord);
    } finally {
      await client.end();
    }
  },
});
