/**
 * The size of the core bundle: `mod.ts` alone, bundled and minified, then gzip -9.
 *
 *   deno run -A scripts/size.ts [--write] [--check]
 *
 * - `--write`: put the figures into README.md and BENCHMARKS.md, between `<!-- size:start -->` and
 *   `<!-- size:end -->` (BENCHMARKS.md gets the section appended once if it has no markers yet).
 * - `--check`: exit 1 when the gzip size is over the target.
 *
 * Bundler: `bun build --minify`, because Bun is already a direct dev dependency (the suite runs on
 * it), bundles TypeScript with no configuration, and takes about 50 ms. Rolldown is only here as
 * vitest's own dependency (its version moves with vitest's) and esbuild is not installed; on this
 * code their minified + gzip sizes differ by about 1 %.
 */
// @ts-nocheck

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The budget for the core, minified + gzip: croner's published bundle is the anchor. */
export const TARGET_GZIP_BYTES: number = 4 * 1024;

/** Sizes in bytes of the core bundle. */
export interface CoreSize {
  minified: number;
  gzip: number;
  bun: string;
  /** croner's published ESM bundle (already minified), gzip -9: the anchor of the target. */
  croner: { version: string; gzip: number };
}

/** Bundles and measures `mod.ts`. */
export function measure(): CoreSize {
  const bun = join(root, "node_modules/.bin/bun");
  const code = execFileSync(bun, ["build", join(root, "mod.ts"), "--minify", "--format=esm", "--target=browser"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    minified: code.byteLength,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    bun: execFileSync(bun, ["--version"], { encoding: "utf8" }).trim(),
    croner: {
      version: JSON.parse(readFileSync(join(root, "node_modules/croner/package.json"), "utf8")).version,
      gzip: gzipSync(readFileSync(join(root, "node_modules/croner/dist/croner.js")), { level: 9 }).byteLength,
    },
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The Markdown line shown in README.md and BENCHMARKS.md. */
export function summary(size: CoreSize): string {
  const verdict = size.gzip <= TARGET_GZIP_BYTES ? "within" : "over";
  return `Core bundle (\`mod.ts\` alone, \`bun build --minify\` with Bun ${size.bun}, then gzip -9): ` +
    `**${kb(size.gzip)}** gzip (${size.gzip.toLocaleString("en-US")} B; ${kb(size.minified)} minified), ` +
    `${verdict} the ${kb(TARGET_GZIP_BYTES)} target; croner ${size.croner.version}'s published bundle is ` +
    `${kb(size.croner.gzip)} gzip. \`npm run size -- --write\` measures both and updates this line.`;
}

const START = "<!-- size:start -->";
const END = "<!-- size:end -->";

/** Replaces what is between the markers of `text`; returns undefined when it has none. */
export function replaceBetweenMarkers(text: string, body: string): string | undefined {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) return undefined;
  return `${text.slice(0, start + START.length)}\n${body}\n${text.slice(end)}`;
}

function write(size: CoreSize): void {
  const line = summary(size);
  const readme = join(root, "README.md");
  const updated = replaceBetweenMarkers(readFileSync(readme, "utf8"), line);
  if (updated === undefined) throw new Error(`README.md has no ${START} … ${END} markers`);
  writeFileSync(readme, updated);

  const benchmarks = join(root, "BENCHMARKS.md");
  const text = existsSync(benchmarks) ? readFileSync(benchmarks, "utf8") : "# Benchmarks\n";
  const body = [
    line,
    "",
    "The bundle holds everything `mod.ts` exports: the manager, the periodic worker, the timer queue,",
    "option checks with their messages, the lease keeper (not the Redis or PostgreSQL stores: those are",
    "the `./redis` and `./postgres` entry points) and the three runtime adapters.",
  ].join("\n");
  writeFileSync(
    benchmarks,
    replaceBetweenMarkers(text, body) ??
      `${text.trimEnd()}\n\n## Bundle size (\`scripts/size.ts\`)\n\n\`npm run size\`\n\n${START}\n${body}\n${END}\n`,
  );
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { write: { type: "boolean" }, check: { type: "boolean" } } });
  const size = measure();
  console.log(`mod.ts: ${size.minified} B minified, ${size.gzip} B minified + gzip (target ${TARGET_GZIP_BYTES} B)`);
  if (values.write) write(size);
  if (values.check && size.gzip > TARGET_GZIP_BYTES) {
    console.error(`size: the core is ${size.gzip - TARGET_GZIP_BYTES} B over its ${TARGET_GZIP_BYTES} B target`);
    process.exit(1);
  }
}
