/**
 * The edge server on Deno:
 *   PORT=3000 deno run --allow-net --allow-env examples/deno_edge_server.ts
 * `GET /health` shows every worker's state (503 when one is failing), `/metrics` serves Prometheus,
 * `/` the dashboard; SIGTERM stops the workers, closes the server, exits 0.
 * @module
 */
import { createManager, createStatus } from "./edge_app.ts";

const manager = createManager();
const server = Deno.serve({
  port: Number(Deno.env.get("PORT") ?? 3000),
  onListen: ({ port }) => console.log(`listening on http://localhost:${port}`),
}, createStatus(manager, Deno.env.get("DASHBOARD_TOKEN")));

await manager.start();
manager.stopOnShutdown({
  beforeExit: async () => {
    await server.shutdown();
    console.log("server closed");
  },
});
