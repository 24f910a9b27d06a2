/**
 * The status handler (issue "Health, Prometheus metrics and a live dashboard over HTTP"): /health's
 * verdict in each failing case, /metrics' values and names, the page's escaping and policy, the
 * actions' guards, the routes under a base path, and serving through node:http and Hono. Real
 * managers and workers, under fake time; the same file runs on Node, Deno and Bun.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { BackgroundWorkerManager, periodic, type PeriodicOptions } from "../mod.ts";
import { type HealthBody, statusHandler, type StatusHandlerOptions } from "../src/http/mod.ts";
import { drain, silentLogger } from "./helpers.ts";

const T0 = Date.UTC(2026, 0, 1);
const ORIGIN = "http://dash.test";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

/** A started manager with one worker whose runs follow `script` (true: succeed, an Error: throw it), then succeed. */
async function scripted(script: (true | unknown)[], options: PeriodicOptions = { period: 1_000 }, handlerOptions?: StatusHandlerOptions) {
  const manager = new BackgroundWorkerManager({ logger: silentLogger() });
  const handler = statusHandler(manager, handlerOptions);
  let run = 0;
  manager.add(periodic("Job", options, async () => {
    const step = script[run++];
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (step !== undefined && step !== true) throw step;
  }));
  await manager.start();
  return { manager, handler };
}

async function health(handler: (r: Request) => Promise<Response>, path = "/health"): Promise<{ code: number; body: HealthBody }> {
  const response = await handler(new Request(ORIGIN + path));
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  return { code: response.status, body: await response.json() as HealthBody };
}

describe("/health", () => {
  test("200 with each worker's status, lastError as { name, message } (not {}), times as ISO strings", async () => {
    const { manager, handler } = await scripted([new TypeError("no <b>users</b>")]);
    await vi.advanceTimersByTimeAsync(1_010);
    const { code, body } = await health(handler);
    expect(code).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.checkedAt).toBe(new Date(T0 + 1_010).toISOString());
    expect(body.workers).toEqual([{
      name: "Job",
      state: "idle",
      healthy: true,
      problem: null,
      runs: 1,
      failures: 1,
      consecutiveFailures: 1,
      lastRunAt: new Date(T0 + 1_000).toISOString(),
      lastDurationMs: 10,
      lastError: { name: "TypeError", message: "no <b>users</b>" },
      nextRunAt: new Date(T0 + 2_010).toISOString(),
      skipped: { overlap: 0, paused: 0, "lease-held": 0, "store-fault": 0 },
    }]);
    await manager.stop();
  });

  test("a thrown non-error is shown as its type and its JSON", async () => {
    const { manager, handler } = await scripted([{ code: 42 }]);
    await vi.advanceTimersByTimeAsync(1_010);
    expect((await health(handler)).body.workers[0]!.lastError).toEqual({ name: "object", message: '{"code":42}' });
    await manager.stop();
  });

  test("503 once a worker failed 3 times in a row (the default), 200 again after a success", async () => {
    const boom = new Error("down");
    const { manager, handler } = await scripted([boom, boom, boom, true]);
    const codes: number[] = [];
    const problems: (string | null)[] = [];
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(i === 0 ? 1_010 : 1_010);
      const { code, body } = await health(handler);
      codes.push(code);
      problems.push(body.workers[0]!.problem);
      if (code === 503) expect(body.status).toBe("failing");
    }
    expect(codes).toEqual([200, 200, 503, 200]);
    expect(problems).toEqual([null, null, "failed 3 times in a row", null]);
    await manager.stop();
  });

  test("failingAfter: 1 fails at the first failure; Infinity never judges by failures", async () => {
    const boom = new Error("down");
    const strict = await scripted([boom], { period: 1_000 }, { health: { failingAfter: 1 } });
    const lax = await scripted([boom, boom, boom, boom], { period: 1_000 }, { health: { failingAfter: Infinity } });
    await vi.advanceTimersByTimeAsync(1_010);
    expect((await health(strict.handler)).code).toBe(503);
    await vi.advanceTimersByTimeAsync(3 * 1_010);
    expect((await health(lax.handler)).body.workers[0]!.consecutiveFailures).toBe(4);
    expect((await health(lax.handler)).code).toBe(200);
    await Promise.all([strict.manager.stop(), lax.manager.stop()]);
  });

  test("503 when a worker is late by more than lateAfterMs (default 60 s): a fixed-rate run that overran its slot", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const handler = statusHandler(manager);
    manager.add(periodic("Slow", { period: 1_000, mode: "fixed-rate", runOnStart: true }, () => new Promise((r) => setTimeout(r, 90_000))));
    await manager.start();
    await vi.advanceTimersByTimeAsync(60_000);
    // The next slot (1 s) is 59 s overdue: within the threshold.
    expect((await health(handler)).code).toBe(200);
    await vi.advanceTimersByTimeAsync(2_000);
    const { code, body } = await health(handler);
    expect(code).toBe(503);
    expect(body.workers[0]).toMatchObject({ state: "running", healthy: false, problem: "late by 61 s" });
    await drain(manager.stop({ timeout: 10 }));
  });

  test("lateAfterMs: a custom threshold; a paused worker is never late", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const handler = statusHandler(manager, { health: { lateAfterMs: 500 } });
    manager.add(periodic("Slow", { period: 1_000, mode: "fixed-rate" }, () => new Promise((r) => setTimeout(r, 3_000))));
    manager.add(periodic("Paused", { period: 1_000 }, () => {}));
    await manager.start();
    await manager.pause("Paused");
    // The run began at 1 s; the slot after it would be 2 s: 0.4 s past it at 2.4 s, within the threshold.
    await vi.advanceTimersByTimeAsync(2_400);
    expect((await health(handler)).code).toBe(200);
    await vi.advanceTimersByTimeAsync(200);
    const { code, body } = await health(handler);
    expect(code).toBe(503);
    expect(body.workers.map((w) => [w.name, w.state, w.problem])).toEqual([["Slow", "running", "late by 1 s"], ["Paused", "paused", null]]);
    await drain(manager.stop({ timeout: 10 }));
  });

  test("now: lateness is judged at the time the option gives (a TestClock's, say), not the wall clock", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    let virtual = T0;
    const handler = statusHandler(manager, { now: () => virtual });
    manager.add(periodic("Job", { period: 1_000 }, () => {}));
    await manager.start();
    expect((await health(handler)).code).toBe(200);
    virtual = T0 + 1_000 + 60_001;
    const { code, body } = await health(handler);
    expect([code, body.checkedAt, body.workers[0]!.problem]).toEqual([503, new Date(virtual).toISOString(), "late by 60 s"]);
    expect(() => statusHandler(manager, { now: 5 as never })).toThrow(/option "now" must be a function, got 5/);
    await manager.stop();
  });

  test("503 \"stopped\" while the manager is not running (before start, after stop)", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const handler = statusHandler(manager);
    manager.add(periodic("Job", { period: 1_000 }, () => {}));
    expect(await health(handler)).toMatchObject({ code: 503, body: { status: "stopped" } });
    await manager.start();
    expect(await health(handler)).toMatchObject({ code: 200, body: { status: "ok" } });
    await manager.stop();
    expect(await health(handler)).toMatchObject({ code: 503, body: { status: "stopped" } });
  });
});

describe("routes", () => {
  test("under a base path: /health, /metrics, the page (with or without the slash); anything else 404", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    const handler = statusHandler(manager, { basePath: "/ops/workers/" });
    await manager.start();
    const status = async (path: string, init?: RequestInit) => (await handler(new Request(ORIGIN + path, init))).status;
    expect(await status("/ops/workers/health")).toBe(200);
    expect(await status("/ops/workers/metrics")).toBe(200);
    expect(await status("/ops/workers")).toBe(200);
    expect(await status("/ops/workers/")).toBe(200);
    expect(await status("/ops/workers/api/status")).toBe(200);
    for (const path of ["/health", "/ops/workersx/health", "/ops/workers/health/", "/ops/workers/nope", "/ops/workers/api/workers/x/explode", "/"]) {
      expect([path, await status(path)]).toEqual([path, 404]);
    }
    expect(await status("/ops/workers/health", { method: "POST" })).toBe(405);
    const head = await handler(new Request(ORIGIN + "/ops/workers/health", { method: "HEAD" }));
    expect([head.status, await head.text()]).toEqual([200, ""]);
    await manager.stop();
  });

  test("bad options are refused at the call, naming the option and the value", () => {
    const manager = new BackgroundWorkerManager();
    expect(() => statusHandler(manager, { basePath: "ops" })).toThrow(/option "basePath" must be a path like "\/ops\/workers", got "ops"/);
    expect(() => statusHandler(manager, { health: { failingAfter: 0 } })).toThrow(/"health.failingAfter" must be an integer ≥ 1 \(or Infinity\), got 0/);
    expect(() => statusHandler(manager, { health: { lateAfterMs: -1 } })).toThrow(/"health.lateAfterMs" must be a number > 0 \(or Infinity\), got -1/);
    expect(() => statusHandler(manager, { history: 1.5 })).toThrow(/option "history" must be an integer ≥ 0, got 1.5/);
    expect(() => statusHandler(manager, { actions: { authorize: "yes" } as never })).toThrow(/option "actions.authorize" must be a function, got "yes"/);
    expect(() => statusHandler(manager, { actions: { authorize: () => true, origins: ["https://a.test/path"] } })).toThrow(/"actions.origins" must hold origins/);
    expect(() => statusHandler(manager, { refreshMs: 0 })).toThrow(/option "refreshMs" must be a finite number > 0, got 0/);
    expect(() => statusHandler(manager, { colour: "red" } as never)).toThrow(/unknown option "colour"/);
    expect(() => statusHandler({} as never)).toThrow(/expected a BackgroundWorkerManager/);
  });
});

describe("the dashboard page", () => {
  test("one HTML page whose script runs only by its nonce; the title is escaped and cannot close the config tag", async () => {
    const manager = new BackgroundWorkerManager();
    const title = `</script><img src=x onerror=alert(1)> & "quotes"`;
    const handler = statusHandler(manager, { title, basePath: "/w" });
    const response = await handler(new Request(ORIGIN + "/w/"));
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    const policy = response.headers.get("content-security-policy")!;
    const nonce = /script-src 'nonce-([^']+)'/.exec(policy)![1]!;
    expect(policy).toContain("default-src 'none'");
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(html).not.toContain("<img");
    expect(html).toContain("<title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</title>");
    const config = /<script type="application\/json" id="config">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(config)).toEqual({ base: "/w", title, refreshMs: 2_000 });
    // Nothing outside the page itself: no CDN, no other file.
    expect(html).not.toMatch(/<script[^>]+src=|<link|https?:\/\//);
    // A fresh nonce per response.
    const again = (await handler(new Request(ORIGIN + "/w/"))).headers.get("content-security-policy");
    expect(again).not.toBe(policy);
  });

  test("/api/status: health lines with the recent runs, at most `history` per worker; a removed worker is forgotten", async () => {
    const boom = new RangeError("bad");
    const { manager, handler } = await scripted([true, boom, true, true], { period: 1_000 }, { history: 3 });
    await vi.advanceTimersByTimeAsync(4 * 1_010);
    const body = await (await handler(new Request(ORIGIN + "/api/status"))).json();
    expect(body.actions).toBe(false);
    expect(body.workers[0].recent).toEqual([
      { run: 2, startedAt: T0 + 2_010, durationMs: 10, outcome: "failure", error: { name: "RangeError", message: "bad" } },
      { run: 3, startedAt: T0 + 3_020, durationMs: 10, outcome: "success", error: null },
      { run: 4, startedAt: T0 + 4_030, durationMs: 10, outcome: "success", error: null },
    ]);
    await manager.remove("Job");
    expect((await (await handler(new Request(ORIGIN + "/api/status"))).json()).workers).toEqual([]);
    manager.add(periodic("Job", { period: 1_000 }, () => {}));
    const after = await (await handler(new Request(ORIGIN + "/api/status"))).json();
    expect(after.workers[0]).toMatchObject({ name: "Job", runs: 0, recent: [] });
    await manager.stop();
  });

  test("a recent run keeps at most 1,000 characters of its error's message (/health's lastError keeps it whole)", async () => {
    const { manager, handler } = await scripted([new Error("x".repeat(5_000))]);
    await vi.advanceTimersByTimeAsync(1_010);
    const body = await (await handler(new Request(ORIGIN + "/api/status"))).json();
    expect(body.workers[0].recent[0].error.message).toBe("x".repeat(1_000) + "…");
    expect(body.workers[0].lastError.message).toHaveLength(5_000);
    await manager.stop();
  });

  test("disposing the handler stops its watching: later runs are not in its history", async () => {
    const { manager, handler } = await scripted([]);
    await vi.advanceTimersByTimeAsync(1_010);
    handler[Symbol.dispose]();
    await vi.advanceTimersByTimeAsync(2 * 1_010);
    const body = await (await handler(new Request(ORIGIN + "/api/status"))).json();
    expect(body.workers[0].runs).toBe(3);
    expect(body.workers[0].recent.map((r: { run: number }) => r.run)).toEqual([1]);
    await manager.stop();
  });
});

describe("actions", () => {
  const post = (path: string, headers: Record<string, string> = { origin: ORIGIN }) => new Request(ORIGIN + path, { method: "POST", headers });

  async function setup(options?: StatusHandlerOptions) {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Job", { period: 60_000 }, () => {}));
    const handler = statusHandler(manager, options);
    await manager.start();
    const call = (request: Request) => drain(handler(request));
    const runs = () => manager.status()[0]!.runs;
    return { manager, handler, call, runs };
  }

  test("read-only by default: a POST gets 403 and changes nothing; the status says no actions", async () => {
    const { manager, handler, call, runs } = await setup();
    for (const action of ["trigger", "pause", "resume"]) expect((await call(post(`/api/workers/Job/${action}`))).status).toBe(403);
    expect([runs(), manager.status()[0]!.state]).toEqual([0, "idle"]);
    expect((await (await handler(new Request(ORIGIN + "/api/status"))).json()).actions).toBe(false);
    await manager.stop();
  });

  test("with authorize: a same-origin authorized POST triggers, pauses and resumes; the others get 403", async () => {
    const { manager, handler, call, runs } = await setup({
      actions: { authorize: (request) => request.headers.get("cookie") === "operator=1" },
    });
    const allowed = { origin: ORIGIN, cookie: "operator=1" };
    // No origin (a non-browser client must say it), another site, no cookie: refused, nothing ran.
    expect((await call(post("/api/workers/Job/trigger", { cookie: "operator=1" }))).status).toBe(403);
    const forged = await call(post("/api/workers/Job/trigger", { origin: "http://evil.test", cookie: "operator=1" }));
    expect([forged.status, await forged.json()]).toEqual([403, { error: "cross-origin request refused" }]);
    expect((await call(post("/api/workers/Job/trigger"))).status).toBe(403);
    expect(runs()).toBe(0);
    // The page shows the buttons only to whom authorize says yes.
    expect((await (await handler(new Request(ORIGIN + "/api/status", { headers: allowed }))).json()).actions).toBe(true);

    const triggered = await call(post("/api/workers/Job/trigger", allowed));
    expect([triggered.status, await triggered.json()]).toEqual([202, { worker: "Job", action: "trigger", accepted: true }]);
    expect(runs()).toBe(1);
    expect((await call(post("/api/workers/Job/pause", allowed))).status).toBe(202);
    expect(manager.status()[0]!.state).toBe("paused");
    const refused = await call(post("/api/workers/Job/trigger", allowed));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatch(/paused/);
    expect((await call(post("/api/workers/Job/resume", allowed))).status).toBe(202);
    expect(manager.status()[0]!.state).toBe("idle");
    expect((await call(post("/api/workers/Nobody/trigger", allowed))).status).toBe(404);
    expect((await call(new Request(ORIGIN + "/api/workers/Job/trigger", { headers: allowed }))).status).toBe(405);
    expect(runs()).toBe(1);
    await manager.stop();
  });

  test("an authorize that throws or rejects says no; `origins` admits a proxy's origin; names are URL-decoded", async () => {
    const manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("a/b <c>", { period: 60_000 }, () => {}));
    await manager.start();
    const throwing = statusHandler(manager, { actions: { authorize: () => Promise.reject(new Error("db down")) } });
    expect((await drain(throwing(post("/api/workers/a%2Fb%20%3Cc%3E/trigger")))).status).toBe(403);
    const proxied = statusHandler(manager, { actions: { authorize: () => true, origins: ["https://ops.example.com"] } });
    const response = await drain(proxied(post("/api/workers/a%2Fb%20%3Cc%3E/trigger", { origin: "https://ops.example.com" })));
    expect(response.status).toBe(202);
    expect(manager.status()[0]!.runs).toBe(1);
    await manager.stop();
  });
});
