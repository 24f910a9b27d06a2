/**
 * A Bun edge server with background workers and graceful shutdown:
 *   PORT=3000 bun examples/bun_edge_server.ts
 * `GET /health` shows every worker's state (503 when one is failing), `/metrics` serves Prometheus,
 * `/` the dashboard; SIGTERM (a deploy) stops the workers (the run in flight is aborted and
 * awaited), closes the server, and exits 0.
 * @module
 */
import { createManager, createStatus } from "./edge_app.ts";

declare const Bun: {
  serve(options: { port: number; fetch(request: Request): Promise<Response> }): { port: number; stop(): Promise<void> };
};
declare const process: { env: Record<string, string | undefined> };

const manager = createManager();
const server = Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  // Anything but the status routes is 404: an app puts its own routes in front.
  fetch: createStatus(manager, process.env.DASHBOARD_TOKEN),
});
console.log(`listening on http://localhost:${server.port}`);

await manager.start();
manager.stopOnShutdown({
  beforeExit: async () => {
    await server.stop();
    console.log("server closed");
  },
});
