/**
 * Graceful shutdown on real processes: each runtime runs the suite and spawns children of its own
 * kind (Deno's suite spawns Deno, Bun's spawns Bun, Node's spawns Node).
 */
import { describe, expect, test } from "vitest";
import { runtime, start } from "./child.ts";

/**
 * Bounds a hang only: a child's start-up (Deno type-checks and compiles it first) takes seconds on a
 * loaded machine, so vitest's default of 5 s would make the outcome depend on its speed. The waits
 * inside (waitFor: 20 s) name what did not happen.
 */
const CHILD_TEST_TIMEOUT = 60_000;

describe(`6. Shutdown signals on ${runtime} (real child processes)`, () => {
  test("6.2 SIGTERM during a run: the signal aborts, the run settles, no run starts after, exit 0", async () => {
    const child = start("test/fixtures/shutdown_child.ts", ["graceful"]);
    await child.waitFor(/^start 1$/);
    const sentAt = performance.now();
    child.signal("SIGTERM");
    const { code, at } = await child.exited;
    expect(code).toBe(0);
    const after = child.lines.slice(child.lines.indexOf("start 1") + 1);
    expect(after).toContain("aborted 1 AbortError");
    expect(after).toContain("settled 1");
    expect(after).toContain("beforeExit true");
    expect(after.filter((l) => l.startsWith("start "))).toEqual([]);
    // Within the stop timeout (5 s): the run needed 100 ms to settle after its abort.
    expect(at - sentAt).toBeLessThan(5_000);
  }, CHILD_TEST_TIMEOUT);

  test("6.2 a run that ignores its signal: exit 1 after the stop timeout", async () => {
    const child = start("test/fixtures/shutdown_child.ts", ["stubborn"]);
    await child.waitFor(/^start 1$/);
    const sentAt = performance.now();
    child.signal("SIGTERM");
    const { code, at } = await child.exited;
    expect(code).toBe(1);
    expect(child.lines).toContain("beforeExit false");
    expect(at - sentAt).toBeGreaterThanOrEqual(250);
    expect(at - sentAt).toBeLessThan(5_000);
  }, CHILD_TEST_TIMEOUT);

  test("6.2 SIGINT twice exits at once with 130", async () => {
    const child = start("test/fixtures/shutdown_child.ts", ["stubborn"]);
    await child.waitFor(/^start 1$/);
    child.signal("SIGINT");
    await child.waitFor(/SIGINT: stopping/);
    child.signal("SIGINT");
    const { code } = await child.exited;
    expect(code).toBe(130);
    expect(child.lines).not.toContain("beforeExit false");
  }, CHILD_TEST_TIMEOUT);

  test("6.1 a disposed onShutdown leaves no listener behind", async () => {
    const child = start("test/fixtures/shutdown_child.ts", ["dispose"]);
    const counts = await child.waitFor(/^listeners /);
    await child.waitFor(/^ready$/);
    const [before, during, after] = counts.split(" ").slice(1).map(Number);
    if (runtime !== "deno") {
      expect(during).toBe(before! + 2);
      expect(after).toBe(before);
    }
    // With no listener left, SIGTERM does what it does to any process: it kills it.
    child.signal("SIGTERM");
    const { code, signal } = await child.exited;
    expect(child.lines).not.toContain("callback");
    expect(signal === "SIGTERM" || code === 143).toBe(true);
  }, CHILD_TEST_TIMEOUT);
});

describe(`6. The edge-server example on ${runtime}`, () => {
  test("examples/" + runtime + "_edge_server.ts answers /health and exits 0 on SIGTERM", async () => {
    const child = start(`examples/${runtime}_edge_server.ts`, [], { PORT: "0" });
    const listening = await child.waitFor(/^listening on /);
    const url = `${listening.slice("listening on ".length)}/health`;
    await child.waitFor(/MetricsFlusher|PassiveUserCheckerWorker run 1/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const body = await response.json() as { status: string; workers: { name: string; state: string; nextRunAt: string | null }[] };
    expect(body.status).toBe("ok");
    expect(body.workers.map((w) => w.name)).toEqual(["PassiveUserCheckerWorker", "MetricsFlusher"]);
    for (const w of body.workers) expect(["idle", "running"]).toContain(w.state);
    // The status handler serves the rest too: Prometheus metrics, and the dashboard page.
    const metrics = await (await fetch(url.replace(/\/health$/, "/metrics"))).text();
    expect(metrics).toContain('background_worker_state{workflow_platform_name="background-workers",workflow_task_name="MetricsFlusher"');
    expect((await fetch(url.replace(/\/health$/, "/"))).headers.get("content-type")).toBe("text/html; charset=utf-8");
    // MetricsFlusher runs for 300 ms out of each second: wait until it is in a run, then deploy.
    for (let i = 0; i < 50; i++) {
      const now = await (await fetch(url)).json() as typeof body;
      if (now.workers[1]?.state === "running") break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.signal("SIGTERM");
    const { code } = await child.exited;
    expect(code).toBe(0);
    expect(child.lines).toContain("server closed");
    await expect(fetch(url)).rejects.toThrow();
  }, CHILD_TEST_TIMEOUT);
});
