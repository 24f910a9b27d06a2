/**
 * Graceful shutdown on real processes: each runtime runs the suite and spawns children of its own
 * kind (Deno's suite spawns Deno, Bun's spawns Bun, Node's spawns Node).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { detectRuntime } from "../mod.ts";

const runtime = detectRuntime();
const root = new URL("..", import.meta.url).pathname;
let buildDir = "";

/** Node 20 runs no TypeScript: bundle each fixture to JavaScript with the dev-dependency Bun. */
function script(fixture: string): string {
  const source = join(root, fixture);
  if (runtime !== "node") return source;
  const out = join(buildDir, fixture.replace(/[/.]/g, "_") + ".mjs");
  execFileSync(join(root, "node_modules/.bin/bun"), ["build", source, "--target=node", "--outfile", out], {
    stdio: "pipe",
  });
  return out;
}

function command(file: string, args: string[]): [string, string[]] {
  switch (runtime) {
    case "deno":
      return [process.execPath, ["run", "-A", file, ...args]];
    default:
      return [process.execPath, [file, ...args]];
  }
}

interface Child {
  proc: ChildProcess;
  /** Sends a signal. Not through proc.kill(): Deno's node:child_process then reports the signal we sent instead of the child's real exit code. */
  signal(name: NodeJS.Signals): void;
  lines: string[];
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: string | null; at: number }>;
}

export function start(fixture: string, args: string[] = [], env: Record<string, string> = {}): Child {
  const [cmd, argv] = command(script(fixture), args);
  const proc = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: root, env: { ...process.env, ...env } });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = "";
  let stderr = "";
  proc.stderr?.on("data", (chunk) => (stderr += String(chunk)));
  proc.stdout?.on("data", (chunk) => {
    buffer += String(chunk);
    let i;
    while ((i = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, i).trim();
      buffer = buffer.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
    proc.on("close", (code, signal) => resolve({ code, signal, at: performance.now() }))
  );
  return {
    proc,
    lines,
    exited,
    signal: (name) => void process.kill(proc.pid as number, name),
    waitFor(pattern, ms = 20_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no line ${pattern} within ${ms} ms; got ${JSON.stringify(lines)}; stderr ${stderr}`)),
          ms,
        );
        waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(() => setTimeout(() => reject(new Error(`exited before ${pattern}; got ${JSON.stringify(lines)}; stderr ${stderr}`)), 50));
      });
    },
  };
}

beforeAll(() => {
  buildDir = mkdtempSync(join(tmpdir(), "bgw-shutdown-"));
});
afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
});

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
  });

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
  });

  test("6.2 SIGINT twice exits at once with 130", async () => {
    const child = start("test/fixtures/shutdown_child.ts", ["stubborn"]);
    await child.waitFor(/^start 1$/);
    child.signal("SIGINT");
    await child.waitFor(/SIGINT: stopping/);
    child.signal("SIGINT");
    const { code } = await child.exited;
    expect(code).toBe(130);
    expect(child.lines).not.toContain("beforeExit false");
  });

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
  });
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
  });
});
