/**
 * A real npm registry on 127.0.0.1: verdaccio (from tools/e2e, on the Node 24 installed beside it:
 * verdaccio 6.10 needs Node >= 22), its storage in a temporary folder, our two packages published
 * to it and everything else proxied from the registry npm is configured with here (read from
 * `npm config get registry`, never written down).
 */
// @ts-nocheck

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, ok, tools, until } from "./harness.ts";

/** A running verdaccio. */
export interface NpmRegistry {
  /** `http://127.0.0.1:PORT/` */
  readonly url: string;
  /** Publishes the package folder `dir` (a built package.json and its files). */
  publish(dir: string, env: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

/** Why verdaccio cannot run here, or undefined when it can. */
export function npmRegistryMissing(): string | undefined {
  for (const path of ["verdaccio/bin/verdaccio", "node/bin/node"]) {
    if (!existsSync(join(tools, path))) return `tools/e2e/node_modules/${path} is missing: run npm run test:install (it installs tools/e2e)`;
  }
  return undefined;
}

/** Starts verdaccio with its storage under `dir`; resolves once it answers /-/ping. */
export async function startNpmRegistry(dir: string): Promise<NpmRegistry> {
  const upstream = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  mkdirSync(join(dir, "storage"), { recursive: true });
  const ours = (name: string) => `  '${name}':\n    access: $all\n    publish: $anonymous $all\n`;
  writeFileSync(
    join(dir, "config.yaml"),
    `storage: ${join(dir, "storage")}\n` +
      `uplinks:\n  upstream:\n    url: ${upstream}\n    timeout: 60s\n` +
      // Our names are never proxied: what the tests install is what they published.
      `packages:\n${ours("@background/workers")}${ours("create-worker")}  '**':\n    access: $all\n    proxy: upstream\n` +
      `max_body_size: 50mb\nlog: { type: stdout, format: pretty, level: warn }\n`,
  );
  const child: ChildProcess = spawn(
    join(tools, "node/bin/node"),
    [join(tools, "verdaccio/bin/verdaccio"), "--config", join(dir, "config.yaml"), "--listen", `127.0.0.1:${port}`],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "" } },
  );
  let log = "";
  child.stdout?.on("data", (c) => (log += String(c)));
  child.stderr?.on("data", (c) => (log += String(c)));
  const up = await until(async () => {
    if (child.exitCode !== null) return true;
    try {
      return (await fetch(`${url}-/ping`)).ok;
    } catch {
      return false;
    }
  }, 60_000);
  if (!up || child.exitCode !== null) {
    child.kill("SIGKILL");
    throw new Error(`verdaccio did not answer on ${url} within 60 s:\n${log.slice(-3_000)}`);
  }
  return {
    url,
    async publish(pkg, env) {
      const host = url.replace(/^http:/, "");
      await ok("npm", ["publish", "--registry", url, `--${host}:_authToken=e2e`, "--access", "public"], pkg, env);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.on("close", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
