/**
 * The rules of the house that code review alone would let slip: the core stays runtime-neutral and
 * imports only itself (adapters plug in through its hooks), and no source file grows past what one
 * concept needs.
 */
// @ts-nocheck

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";
import { root } from "./child.ts";

const core = join(root, "src/core");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The module specifiers of every import, export … from, and dynamic import of a file. */
function specifiers(code: string): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/g)) found.push(match[1]!);
  for (const match of code.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)) found.push(match[1]!);
  for (const match of code.matchAll(/\bimport\s*\(\s*["']([^"']+)["']/g)) found.push(match[1]!);
  return found;
}

/** The code without comments and string contents, so that docs may name what the code must not use. */
function codeOnly(code: string): string {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/[^\n]*/g, "")
    .replace(/`(?:\\.|[^`\\])*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, '""');
}

describe("the house rules", () => {
  test("src/core imports nothing outside src/core and no package", () => {
    const outside: string[] = [];
    for (const file of sources(core)) {
      for (const specifier of specifiers(readFileSync(file, "utf8"))) {
        if (!/^\.\/[a-z0-9_]+\.ts$/.test(specifier)) outside.push(`${relative(root, file)} imports ${specifier}`);
      }
    }
    expect(outside).toEqual([]);
    // The check sees imports: a file that imported the runtime adapters would be caught.
    expect(specifiers(`import { x } from "../runtime/mod.ts";\nexport * from "node:fs";`)).toEqual(["../runtime/mod.ts", "node:fs"]);
  });

  test("src/core touches no runtime: no Deno, Bun, process, require or node: modules", () => {
    const touches: string[] = [];
    for (const file of sources(core)) {
      const code = codeOnly(readFileSync(file, "utf8"));
      for (const name of ["Deno", "Bun", "process", "require", "globalThis.process"]) {
        if (new RegExp(`(?<![\\w$.#])${name.replace(".", "\\.")}\\b`).test(code)) touches.push(`${relative(root, file)} uses ${name}`);
      }
    }
    expect(touches).toEqual([]);
  });

  test("no source file in src/ is over 330 lines (one concept a file)", () => {
    const long = sources(join(root, "src"))
      .map((file) => [relative(root, file), readFileSync(file, "utf8").split("\n").length] as const)
      .filter(([, lines]) => lines > 330);
    expect(long).toEqual([]);
  });
});
