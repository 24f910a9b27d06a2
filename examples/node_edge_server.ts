/**
 * The edge server on Node (`node:http`). Node 20 runs no TypeScript, so build it first, e.g.
 *   bun build examples/node_edge_server.ts --target=node --outfile=server.mjs && PORT=3000 node server.mjs
 * (Node ≥ 22.18 runs the .ts file as it is.) `GET /health` shows every worker's state (503 when one
 * is failing), `/metrics` serves Prometheus, `/` the dashboard; SIGTERM stops the workers, closes
 * the server, exits 0.
 * @module
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import process from "node:process";
import { nodeListener } from "../src/http/mod.ts";
import { createManager, createStatus } from "./edge_app.ts";

const manager = createManager();
const server = createServer(nodeListener(createStatus(manager, process.env.DASHBOARD_TOKEN)));
server.listen(Number(process.env.PORT ?? 3000), () => {
  console.log(`listening on http://localhost:${(server.address() as AddressInfo).port}`);
});

await manager.start();
manager.stopOnShutdown({
  beforeExit: () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeIdleConnections();
    }).then(() => console.log("server closed")),
});
