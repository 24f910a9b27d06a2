/**
 * globalSetup of the install end-to-end tests: a sandbox folder, both packages built as a release
 * builds them, verdaccio with both published to it, and the local JSR with what `deno publish`
 * uploads; everything stopped and removed at the end. A registry that cannot start is no failure
 * here: the tests that need it skip, each with a line saying why.
 */
// @ts-nocheck

import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ok, root, rootBin, sandboxEnv } from "./harness.ts";
import { type JsrRegistry, startJsrRegistry } from "./jsr_registry.ts";
import { type NpmRegistry, npmRegistryMissing, startNpmRegistry } from "./npm_registry.ts";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), "bgw-install-e2e-"));
  // Only deno, bun and bunx from the repo's bin: its tsc, vitest or hygen must not stand in for a project's own.
  mkdirSync(join(dir, "bin"));
  for (const name of ["deno", "bun", "bunx"]) symlinkSync(rootBin(name), join(dir, "bin", name));
  const version = (JSON.parse(readFileSync(join(root, "deno.json"), "utf8")) as { version: string }).version;
  const skip: { npm?: string; jsr?: string } = {};
  let npm: NpmRegistry | undefined;
  let jsr: JsrRegistry | undefined;
  const started = performance.now();
  const env = sandboxEnv({ dir, version, skip });
  try {
    await ok(rootBin("deno"), ["run", "-A", "scripts/build_npm.ts", "--out", join(dir, "build/lib")], root, env);
    await ok(rootBin("deno"), ["run", "-A", "scripts/build_create_worker.ts", "--out", join(dir, "build/create-worker")], root, env);
    const missing = npmRegistryMissing();
    if (missing !== undefined) skip.npm = missing;
    else {
      try {
        npm = await startNpmRegistry(join(dir, "verdaccio"));
        const published = sandboxEnv({ dir, version, skip, npmRegistry: npm.url });
        await npm.publish(join(dir, "build/lib"), published);
        await npm.publish(join(dir, "build/create-worker"), published);
      } catch (error) {
        skip.npm = `verdaccio did not start or take the packages: ${(error as Error).message.split("\n").slice(0, 6).join(" | ")}`;
        await npm?.stop();
        npm = undefined;
      }
    }
    jsr = await startJsrRegistry();
    // deno publish itself, from the repo, as a release does (the token is for our local JSR only).
    const publishEnv = sandboxEnv({ dir, version, skip, jsrRegistry: jsr.url, ...(npm ? { npmRegistry: npm.url } : {}) });
    const out = await ok(rootBin("deno"), ["publish", "--token", "e2e", "--allow-dirty"], root, publishEnv, 300_000).catch((error: Error) => {
      skip.jsr = `deno publish to the local JSR failed: ${error.message.split("\n").slice(0, 6).join(" | ")}`;
      return "";
    });
    if (skip.jsr === undefined && !/Successfully published/.test(out)) skip.jsr = `deno publish said: ${out.slice(-500)}`;
  } catch (error) {
    await npm?.stop();
    await jsr?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  console.log(`install e2e: built and published in ${Math.round(performance.now() - started)} ms; npm registry ${npm?.url ?? `none (${skip.npm})`}; JSR ${skip.jsr === undefined ? jsr.url : `none (${skip.jsr})`}`);
  project.provide("sandbox", {
    dir,
    version,
    skip,
    ...(npm ? { npmRegistry: npm.url } : {}),
    ...(skip.jsr === undefined ? { jsrRegistry: jsr.url } : {}),
  });
  return async () => {
    await npm?.stop();
    await jsr?.stop();
    if (process.env.KEEP_E2E === undefined) rmSync(dir, { recursive: true, force: true });
    else console.log(`install e2e: sandbox kept in ${dir}`);
  };
}
