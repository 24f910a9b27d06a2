/**
 * The status handler served for real on 127.0.0.1: by this runtime's own server (`Bun.serve` on
 * Bun, `Deno.serve` on Deno), by `node:http` through `nodeListener` (on all three), and mounted in
 * Hono. /health answers 200 for a healthy manager and 503 for a failing worker on each.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { nodeListener, statusHandler } from "../src/http/mod.ts";
import { runtime } from "./child.ts";
import { silentLogger } from "./helpers.ts";

declare const Bun: { serve(options: { port: number; hostname: string; fetch(r: Request): Promise<Response> }): { port: number; stop(force?: boolean): Promise<void> } };
declare const Deno: { serve(options: { port: number; hostname: string; onListen(): void }, handler: (r: Request) => Promise<Response>): { addr: { port: number }; shutdown(): Promise<void> } };

type Handler = (request: Request) => Promise<Response>;
type Serve = (handler: Handler) => Promise<{ url: string; close(): Promise<void> }>;

const nodeHttp: Serve = async (handler) => {
  const server: Server = createServer(nodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
};

const own: Serve | undefined = runtime === "bun"
  ? (handler) => {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler });
    return Promise.resolve({ url: `http://127.0.0.1:${server.port}`, close: () => server.stop(true) });
  }
  : runtime === "deno"
  ? async (handler) => {
    let listening!: () => void;
    const ready = new Promise<void>((resolve) => (listening = resolve));
    const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => listening() }, handler);
    await ready;
    return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
  }
  : undefined;

const servers: [string, Serve][] = [["node:http (nodeListener)", nodeHttp]];
if (own !== undefined) servers.push([runtime === "bun" ? "Bun.serve" : "Deno.serve", own]);

let manager: BackgroundWorkerManager;
let handler: ReturnType<typeof statusHandler>;

beforeAll(async () => {
  manager = new BackgroundWorkerManager({ logger: silentLogger() });
  manager.add(periodic("Healthy", { period: 60_000, runOnStart: true }, () => {}));
  handler = statusHandler(manager, { basePath: "/workers", health: { failingAfter: 1 } });
  await manager.start();
  await vi.waitFor(() => expect(manager.status()[0]!.runs).toBe(1));
});
afterAll(async () => {
  handler[Symbol.dispose]();
  await manager.stop();
});

describe.each(servers)(`served by %s on ${runtime}`, (_name, serve) => {
  test("/health 200 while healthy, 503 once a worker failed; /metrics and the page; 404 elsewhere", async () => {
    const server = await serve(handler);
    try {
      const ok = await fetch(`${server.url}/workers/health`);
      expect(ok.status).toBe(200);
      expect((await ok.json()).workers[0]).toMatchObject({ name: "Healthy", runs: 1, healthy: true });
      const metrics = await fetch(`${server.url}/workers/metrics`);
      expect(metrics.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      expect(await metrics.text()).toContain('workflow_execution_outcome_total{workflow_platform_name="background-workers",workflow_task_name="Healthy",workflow_execution_outcome="success"} 1');
      const page = await fetch(`${server.url}/workers/`);
      expect(page.headers.get("content-security-policy")).toMatch(/script-src 'nonce-/);
      expect(await page.text()).toContain("<table id=\"workers\">");
      expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);

      manager.add(periodic("Broken", { period: 60_000, runOnStart: true }, () => {
        throw new Error("cannot reach <db>");
      }));
      await vi.waitFor(() => expect(manager.status()[1]!.failures).toBe(1));
      const failing = await fetch(`${server.url}/workers/health`);
      expect(failing.status).toBe(503);
      expect((await failing.json()).workers[1]).toMatchObject({
        name: "Broken",
        healthy: false,
        problem: "failed 1 time in a row",
        lastError: { name: "Error", message: "cannot reach <db>" },
      });
    } finally {
      await manager.remove("Broken").catch(() => {});
      await server.close();
    }
  });
});

describe("mounted in Hono", () => {
  test("app.mount(base, handler): Hono strips its mount path, so the handler has no base path of its own", async () => {
    using mounted = statusHandler(manager);
    const app = new Hono();
    app.get("/", (c) => c.text("the app"));
    app.mount("/workers", mounted);
    expect(await (await app.request("/")).text()).toBe("the app");
    const health = await app.request("/workers/health");
    expect(health.status).toBe(200);
    expect((await health.json()).status).toBe("ok");
    expect((await app.request("/workers/nope")).status).toBe(404);
  });
});
