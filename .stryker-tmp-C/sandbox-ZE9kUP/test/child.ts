/**
 * Child processes for the real-process tests: each runtime's suite spawns children of its own kind
 * (Deno's suite spawns Deno, Bun's spawns Bun, Node's spawns Node). The cluster bench picks the
 * children's runtime itself, whatever runs the bench.
 */
// @ts-nocheck

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { detectRuntime } from "../mod.ts";

/** A runtime that children can run on. */
export type Runtime = "deno" | "bun" | "node";

export const runtime: Runtime = detectRuntime();
export const root: string = new URL("..", import.meta.url).pathname;
// Inside the repo so that the bundles' bare imports (ioredis, pg, …) resolve from node_modules.
const buildDir = join(root, "node_modules/.cache/bgw-test");
const built = new Map<string, string>();

/** Node 20 runs no TypeScript: bundle the file to JavaScript with the dev-dependency Bun, once. */
export function script(file: string, target: Runtime = runtime): string {
  const source = join(root, file);
  if (target !== "node") return source;
  const cached = built.get(source);
  if (cached !== undefined) return cached;
  mkdirSync(buildDir, { recursive: true });
  const out = join(buildDir, `${file.replace(/[/.]/g, "_")}-${process.pid}.mjs`);
  execFileSync(join(root, "node_modules/.bin/bun"), ["build", source, "--target=node", "--packages=external", "--outfile", out], {
    stdio: "pipe",
  });
  built.set(source, out);
  return out;
}

/** The executable of a runtime: this process's own when it is that runtime, else the project's copy. */
function executable(target: Runtime): string {
  if (target === runtime) return process.execPath;
  // The machine's Node (20), never a newer one from node_modules: that is the Node the project supports.
  return target === "node" ? "node" : join(root, "node_modules/.bin", target);
}

/** How to start a child besides its file and arguments. */
export interface StartOptions {
  /** The runtime to run it on. Default: this process's. */
  runtime?: Runtime;
  /** A pipe to the child's standard input, for {@link Child.send}. Default: none. */
  stdin?: boolean;
  /** Lets the child force a full GC (`globalThis.gc` on Node and Deno; Bun has `Bun.gc`). */
  exposeGc?: boolean;
}

/** A running child: its output lines, a way to wait for one, to signal it, and its exit. */
export interface Child {
  proc: ChildProcess;
  lines: string[];
  /** Writes one line to the child's standard input (started with `stdin: true`). */
  send(line: string): void;
  /** What it printed to stderr so far. */
  stderr(): string;
  /** Sends a signal. Not through proc.kill(): Deno's node:child_process then reports the signal we sent instead of the child's real exit code. */
  signal(name: NodeJS.Signals): void;
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: string | null; at: number }>;
}

/** Starts `file` (a path from the repo root) on this runtime. */
export function start(file: string, args: string[] = [], env: Record<string, string> = {}, options: StartOptions = {}): Child {
  const target = options.runtime ?? runtime;
  const path = script(file, target);
  const gc = options.exposeGc ? (target === "deno" ? ["--v8-flags=--expose-gc"] : target === "node" ? ["--expose-gc"] : []) : [];
  const argv = target === "deno" ? ["run", "-A", ...gc, path, ...args] : [...gc, path, ...args];
  const proc = spawn(executable(target), argv, {
    stdio: [options.stdin ? "pipe" : "ignore", "pipe", "pipe"],
    cwd: root,
    env: { ...process.env, ...env },
  });
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
  proc.stdin?.on("error", () => {});
  return {
    proc,
    lines,
    exited,
    stderr: () => stderr,
    send(line) {
      if (proc.exitCode === null && proc.stdin?.writable) proc.stdin.write(`${line}\n`);
    },
    signal(name) {
      try {
        process.kill(proc.pid as number, name);
      } catch {
        // It has exited already.
      }
    },
    waitFor(pattern, ms = 20_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const fail = (why: string): void =>
          reject(new Error(`${why} ${pattern}; lines ${JSON.stringify(lines.slice(-20))}; stderr ${stderr.slice(-2_000)}`));
        const timer = setTimeout(() => fail(`no line within ${ms} ms matching`), ms);
        waiters.push({ pattern, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(() => setTimeout(() => fail("exited before a line matching"), 50));
      });
    },
  };
}
