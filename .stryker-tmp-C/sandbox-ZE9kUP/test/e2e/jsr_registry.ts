/**
 * A local JSR for Deno, which reads `JSR_URL`: the little of JSR's publish API that `deno publish`
 * talks to (`/api/…`), and the static package layout that `deno add` and `deno run` read:
 * `/@scope/name/meta.json`, `/@scope/name/<version>_meta.json` (the manifest: each file's size and
 * sha256, which Deno checks, and the exports) and the files under `/@scope/name/<version>/`.
 * What it serves is exactly what `deno publish` uploaded (its tarball, import specifiers already
 * rewritten by Deno), so the test sees what JSR users would get.
 */
// @ts-nocheck

import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { gunzipSync } from "node:zlib";
import { freePort } from "./harness.ts";

/** A running local JSR. */
export interface JsrRegistry {
  /** `http://127.0.0.1:PORT/` (what JSR_URL gets) */
  readonly url: string;
  /** The versions published so far, per `@scope/name`. */
  readonly published: ReadonlyMap<string, string[]>;
  stop(): Promise<void>;
}

/** The regular files of a tar archive (ustar, as Deno writes it): path → bytes. */
export function untar(archive: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const text = (block: Uint8Array, from: number, to: number) => new TextDecoder().decode(block.subarray(from, to)).replace(/\0[\s\S]*$/, "");
  for (let at = 0, blocks = 0; at + 512 <= archive.length && blocks < 1_000_000; blocks++) {
    const header = archive.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const prefix = text(header, 345, 500);
    const name = (prefix === "" ? "" : `${prefix}/`) + text(header, 0, 100);
    const size = parseInt(text(header, 124, 136).trim() || "0", 8);
    const type = text(header, 156, 157);
    at += 512;
    if (type === "0" || type === "") files.set(`/${name.replace(/^\.?\//, "")}`, archive.subarray(at, at + size));
    at += Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Starts the local JSR on a free port. */
export async function startJsrRegistry(): Promise<JsrRegistry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const files = new Map<string, Uint8Array>();
  const published = new Map<string, string[]>();
  const tasks = new Map<string, Record<string, string>>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? "/", url);
    const json = (status: number, value: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(value));
    };
    const pkg = /^\/api\/scopes\/([^/]+)\/packages\/([^/]+)(?:\/versions\/([^/]+))?$/.exec(path.pathname);
    if (pkg !== null) {
      const [, scope, name, version] = pkg as unknown as [string, string, string, string | undefined];
      if (version === undefined) return json(200, { scope, name, description: "", runtimeCompat: {} });
      if (req.method !== "POST") {
        return published.get(`@${scope}/${name}`)?.includes(version) ? json(200, { scope, name, version }) : json(404, { code: "packageVersionNotFound", message: "not found" });
      }
      const upload = untar(gunzipSync(Buffer.concat(chunks)));
      const config = upload.get(path.searchParams.get("config") ?? "/deno.json");
      if (config === undefined) return json(400, { code: "missingConfigFile", message: "no config file in the upload" });
      const manifest: Record<string, { size: number; checksum: string }> = {};
      for (const [file, bytes] of upload) {
        manifest[file] = { size: bytes.length, checksum: `sha256-${createHash("sha256").update(bytes).digest("hex")}` };
        files.set(`/@${scope}/${name}/${version}${file}`, bytes);
      }
      const { exports } = JSON.parse(new TextDecoder().decode(config)) as { exports: unknown };
      const now = new Date().toISOString();
      files.set(`/@${scope}/${name}/${version}_meta.json`, new TextEncoder().encode(JSON.stringify({ manifest, exports })));
      const versions = [...published.get(`@${scope}/${name}`) ?? [], version];
      published.set(`@${scope}/${name}`, versions);
      const meta = { scope, name, latest: version, versions: Object.fromEntries(versions.map((v) => [v, { createdAt: now }])) };
      files.set(`/@${scope}/${name}/meta.json`, new TextEncoder().encode(JSON.stringify(meta)));
      const task = { id: `${tasks.size + 1}`, status: "success", packageScope: scope, packageName: name, packageVersion: version, createdAt: now, updatedAt: now };
      tasks.set(task.id, task);
      return json(200, task);
    }
    const status = /^\/api\/publish_status\/([^/]+)$/.exec(path.pathname);
    if (status !== null) return tasks.has(status[1]!) ? json(200, tasks.get(status[1]!)) : json(404, { code: "publishNotFound" });
    const file = files.get(decodeURIComponent(path.pathname));
    if (file === undefined) return json(404, { code: "notFound", message: `${path.pathname} is not here` });
    res.writeHead(200, { "content-type": path.pathname.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8" });
    res.end(file);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url,
    published,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive connections of Deno's would hold close() open
      }),
  };
}
