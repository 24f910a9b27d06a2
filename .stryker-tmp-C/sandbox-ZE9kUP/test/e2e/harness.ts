/**
 * What the install end-to-end tests share: the commands a user types, run as child processes with a
 * time limit, in an environment of their own (a temporary HOME, npm, Bun and Deno caches, TMPDIR, and
 * the local registries), so nothing from this machine's caches or config gets in, and nothing is left.
 */
// @ts-nocheck

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root: string = fileURLToPath(new URL("../..", import.meta.url));
export const rootBin = (name: string): string => join(root, "node_modules/.bin", name);
/** Where the install tools are (npm run test:install installs them). */
export const tools: string = join(root, "tools/e2e/node_modules");

/** What globalSetup hands the tests: where the registries listen and the sandbox they share. */
export interface Sandbox {
  /** The temporary folder of this run: home/, caches, projects/. */
  readonly dir: string;
  /** `http://127.0.0.1:PORT/` of verdaccio, or undefined when it could not start (then `skip` says why). */
  readonly npmRegistry?: string;
  /** `http://127.0.0.1:PORT/` of the local JSR, or undefined (then `skip` says why). */
  readonly jsrRegistry?: string;
  /** The published version of both packages. */
  readonly version: string;
  /** Why a registry is missing, per registry. */
  readonly skip: { readonly npm?: string; readonly jsr?: string };
}

declare module "vitest" {
  export interface ProvidedContext {
    sandbox: Sandbox;
  }
}

/** The environment every command of the tests runs in: this sandbox's caches and registries only. */
export function sandboxEnv(box: Sandbox, extra: Record<string, string> = {}): Record<string, string> {
  const home = join(box.dir, "home");
  const tmp = join(box.dir, "tmp");
  for (const d of [home, tmp]) mkdirSync(d, { recursive: true });
  const keep = ["LANG", "LC_ALL", "TERM", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS"];
  const env: Record<string, string> = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k]!;
  return {
    ...env,
    // Deno and Bun from this repo's dev dependencies (linked into bin/ by setup.ts); node and npm are the machine's.
    // npm run puts node_modules/.bin folders on PATH: left out, so a project finds only its own tools.
    PATH: [join(box.dir, "bin"), ...(process.env.PATH ?? "").split(delimiter).filter((d) => !/node_modules[\\/]\.bin$/.test(d))].join(delimiter),
    HOME: home,
    TMPDIR: tmp,
    NO_COLOR: "1",
    CI: "1",
    npm_config_cache: join(box.dir, "npm-cache"),
    npm_config_userconfig: join(home, ".npmrc"),
    npm_config_update_notifier: "false",
    npm_config_fund: "false",
    npm_config_audit: "false",
    // A user answers "y" when npm init / npx asks to install create-worker.
    npm_config_yes: "true",
    BUN_INSTALL_CACHE_DIR: join(box.dir, "bun-cache"),
    DENO_DIR: join(box.dir, "deno-dir"),
    DENO_NO_UPDATE_CHECK: "1",
    DENO_NO_PROMPT: "1",
    ...(box.npmRegistry === undefined ? {} : { NPM_CONFIG_REGISTRY: box.npmRegistry, BUN_CONFIG_REGISTRY: box.npmRegistry }),
    ...(box.jsrRegistry === undefined ? {} : { JSR_URL: box.jsrRegistry }),
    ...extra,
  };
}

/** The result of a command that ran to its end (or was killed at its time limit). */
export interface Ran {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

/** Runs `command args` in `cwd` with `env`, at most `timeout` ms; never throws. */
export function run(command: string, args: string[], cwd: string, env: Record<string, string>, timeout = 180_000): Promise<Ran> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], timeout, killSignal: "SIGKILL" });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += String(c)));
    child.stderr.on("data", (c) => (err += String(c)));
    child.on("error", (e) => (err += String(e)));
    child.on("close", (code) => resolve({ code, out, err, ms: Math.round(performance.now() - started) }));
  });
}

/** Runs a command that must succeed; throws with its output otherwise. */
export async function ok(command: string, args: string[], cwd: string, env: Record<string, string>, timeout?: number): Promise<string> {
  const r = await run(command, args, cwd, env, timeout);
  if (r.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${r.code} after ${r.ms} ms:\n${r.out.slice(-4_000)}\n${r.err.slice(-4_000)}`);
  }
  return r.out + r.err;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` every 100 ms until it is true, at most `ms`; false when time ran out. */
export async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (let i = 0; Date.now() < deadline && i < 100_000; i++) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

/**
 * Starts `command`, waits for a line matching `ready`, sends SIGTERM, and resolves with its exit
 * code and output: what a deploy does to the app's main.
 */
export async function startAndTerminate(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  const child: ChildProcess = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on("close", (code, signal) => resolve({ code, signal })));
  child.stdout?.on("data", (c) => (output += String(c)));
  child.stderr?.on("data", (c) => (output += String(c)));
  const seen = await until(() => ready.test(output) || child.exitCode !== null, 60_000);
  if (!seen || child.exitCode !== null) {
    child.kill("SIGKILL");
    await exited;
    throw new Error(`${command} ${args.join(" ")} never printed ${ready}:\n${output.slice(-4_000)}`);
  }
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  const result = await exited;
  clearTimeout(timer);
  return { ...result, output };
}
