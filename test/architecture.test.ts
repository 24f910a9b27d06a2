/**
 * The rules of the house that code review alone would let slip: the core stays runtime-neutral and
 * imports only itself (adapters plug in through its hooks), and no source file grows past what one
 * concept needs.
 */
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

  test("only the telemetry entry point (src/otel/) imports @opentelemetry packages", () => {
    const importers = [join(root, "mod.ts"), ...sources(join(root, "src"))]
      .filter((file) => !relative(root, file).startsWith("src/otel/"))
      .flatMap((file) => specifiers(readFileSync(file, "utf8")).filter((s) => /^(npm:)?@opentelemetry\//.test(s)).map((s) => `${relative(root, file)} imports ${s}`));
    expect(importers).toEqual([]);
    // The check sees them where they are: src/otel/ imports the API.
    expect(specifiers(readFileSync(join(root, "src/otel/mod.ts"), "utf8"))).toContain("@opentelemetry/api");
  });

  test("no source file imports pg-boss: the pg-boss entry point (src/engine/) takes the application's PgBoss", () => {
    const importers = [join(root, "mod.ts"), ...sources(join(root, "src"))]
      .flatMap((file) => specifiers(readFileSync(file, "utf8")).filter((s) => /^(npm:)?pg-boss(@|\/|$)/.test(s)).map((s) => `${relative(root, file)} imports ${s}`));
    expect(importers).toEqual([]);
    // The check sees such an import: the pg-boss test fixture has one.
    expect(specifiers(readFileSync(join(root, "test/fixtures/pgboss_instance.ts"), "utf8"))).toContain("pg-boss");
  });

  test("no class in src/core declares parameter properties (Deno's emit would box its number fields)", () => {
    // With a parameter property, Deno's emit declares every field bare and assigns the initializers
    // in the constructor: a number field is first undefined, so each store into it allocates a box
    // that outlives the young generation (48 B a run at 100,000 workers, scavenges of 10 ms).
    const found = sources(core).flatMap((file) =>
      [...codeOnly(readFileSync(file, "utf8")).matchAll(/\bconstructor\s*\(([^)]*)\)/g)]
        .filter((m) => /(?:^|[(,\s])(?:readonly|public|private|protected)\s+[\w$]+/.test(m[1]!))
        .map((m) => `${relative(root, file)}: constructor(${m[1]!.replace(/\s+/g, " ").trim()})`)
    );
    expect(found).toEqual([]);
  });

  test("no source file in src/ is over 330 lines (one concept a file)", () => {
    const long = sources(join(root, "src"))
      .map((file) => [relative(root, file), readFileSync(file, "utf8").split("\n").length] as const)
      .filter(([, lines]) => lines > 330);
    expect(long).toEqual([]);
  });
});
