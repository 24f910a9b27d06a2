/**
 * Where the bench lives and how each runtime runs a child file: Deno and Bun run the TypeScript,
 * Node 20 (which runs no TypeScript) runs bundles that the dev-dependency Bun makes of the same
 * files (`bun build --target=node --packages=external`): our source with types stripped, the peers
 * as installed.
 * @module
 */

/** The repository, with a trailing slash. */
export const root: string = new URL("../..", import.meta.url).pathname;
/** Scratch space: the Node bundles. */
export const cache: string = `${root}node_modules/.cache/bgw-bench`;
/** The dev-dependency Bun, so that every machine bundles and runs with the same version. */
export const bun: string = `${root}node_modules/.bin/bun`;

/** How a runtime runs a file of bench/ (`file` relative to bench/, without `.ts`, e.g. `peers/ours`). */
export interface Runtime {
  readonly id: string;
  readonly label: string;
  readonly command: (file: string, args: readonly string[]) => [string, string[]];
}

const basename = (file: string): string => file.slice(file.lastIndexOf("/") + 1);

/** Every runtime, in the order the tables list them. */
export const RUNTIMES: readonly Runtime[] = [
  { id: "node", label: "Node", command: (f, a) => ["node", ["--expose-gc", `${cache}/${basename(f)}.mjs`, ...a]] },
  { id: "deno", label: "Deno", command: (f, a) => [Deno.execPath(), ["run", "-A", "--v8-flags=--expose-gc", `bench/${f}.ts`, ...a]] },
  { id: "bun", label: "Bun", command: (f, a) => [bun, [`bench/${f}.ts`, ...a]] },
];

/** Bundles `files` (relative to bench/, without `.ts`) and `mod.ts` for Node into the cache, one `<name>.mjs` each. */
export async function bundleForNode(files: readonly string[]): Promise<void> {
  const entries = [...new Set(files)].map((f) => `${root}bench/${f}.ts`);
  const out = await new Deno.Command(bun, {
    args: ["build", ...entries, `${root}mod.ts`, "--target=node", "--packages=external", "--outdir", cache, "--entry-naming", "[name].mjs"],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`bun build for Node failed:\n${new TextDecoder().decode(out.stderr)}`);
}
