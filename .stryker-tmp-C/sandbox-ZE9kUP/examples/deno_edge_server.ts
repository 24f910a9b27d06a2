/**
 * The edge server on Deno:
 *   PORT=3000 deno run --allow-net --allow-env examples/deno_edge_server.ts
 * `GET /health` shows every worker's state; SIGTERM stops the workers, closes the server, exits 0.
 * @module
 */
// @ts-nocheck

import { createManager, health } from "./edge_app.ts";

const manager = createManager();
const server = Deno.serve({
  port: Number(Deno.env.get("PORT") ?? 3000),
  onListen: ({ port }) => console.log(`listening on http://localhost:${port}`),
}, (request) => {
  const { pathname } = new URL(request.url);
  if (pathname === "/health") return Response.json(health(manager));
  return new Response("not found", { status: 404 });
});

await manager.start();
manager.stopOnShutdown({
  beforeExit: async () => {
    await server.shutdown();
    console.log("server closed");
  },
});
