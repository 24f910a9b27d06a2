/**
 * A Bun edge server with background workers and graceful shutdown:
 *   PORT=3000 bun examples/bun_edge_server.ts
 * `GET /health` shows every worker's state; SIGTERM (a deploy) stops the workers (the run in flight
 * is aborted and awaited), closes the server, and exits 0.
 * @module
 */
// @ts-nocheck

import { createManager, health } from "./edge_app.ts";

declare const Bun: {
  serve(options: { port: number; fetch(request: Request): Response }): { port: number; stop(): Promise<void> };
};
declare const process: { env: Record<string, string | undefined> };

const manager = createManager();
const server = Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/health") return Response.json(health(manager));
    return new Response("not found", { status: 404 });
  },
});
console.log(`listening on http://localhost:${server.port}`);

await manager.start();
manager.stopOnShutdown({
  beforeExit: async () => {
    await server.stop();
    console.log("server closed");
  },
});
