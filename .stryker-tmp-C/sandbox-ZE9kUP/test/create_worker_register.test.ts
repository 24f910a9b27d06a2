/**
 * The registration edit on its own: what an existing src/workers/mod.ts becomes, byte for byte, in
 * the shapes users write (empty bodies, one-line bodies, tabs, arrow functions, aliases, comments).
 */
// @ts-nocheck

import { describe, expect, test } from "vitest";
import { register } from "../src/create_worker/register.ts";
import { UsageError } from "../src/create_worker/naming.ts";

const edit = (text: string | undefined, className = "BWorker"): string =>
  register({ path: "/app/src/workers/mod.ts", text, className, specifier: "./b_worker.js", lib: "@background/workers" });

describe("register", () => {
  test("an empty body gets the statement on its own line", () => {
    expect(edit('import type { BackgroundWorkerManager } from "@background/workers";\n\nexport function registerWorkers(manager: BackgroundWorkerManager): void {}\n'))
      .toBe(
        'import type { BackgroundWorkerManager } from "@background/workers";\nimport { BWorker } from "./b_worker.js";\n\n' +
          "export function registerWorkers(manager: BackgroundWorkerManager): void {\n  manager.add(new BWorker());\n}\n",
      );
  });

  test("after the last statement and its trailing comment, with the body's own indentation (tabs)", () => {
    const text = 'import { AWorker } from "./a_worker.js";\n\nexport function registerWorkers(m) {\n\tm.add(new AWorker()); // the first\n\t// more to come\n}\n';
    expect(edit(text)).toBe(
      'import { AWorker } from "./a_worker.js";\nimport { BWorker } from "./b_worker.js";\n\nexport function registerWorkers(m) {\n\tm.add(new AWorker()); // the first\n\t// more to come\n\tm.add(new BWorker());\n}\n',
    );
  });

  test("a one-line body, an arrow function bound to a const, and a parameter of another name", () => {
    expect(edit("export const registerWorkers = (workers: M): void => { workers.add(new A()); };\n"))
      .toBe(
        'import { BWorker } from "./b_worker.js";\n\nexport const registerWorkers = (workers: M): void => { workers.add(new A());\n  workers.add(new BWorker());\n};\n',
      );
  });

  test("a file without registerWorkers gets one at the end, and the manager's type imported", () => {
    expect(edit("// nothing yet\n")).toBe(
      'import type { BackgroundWorkerManager } from "@background/workers";\nimport { BWorker } from "./b_worker.js";\n\n// nothing yet\n\n' +
        "/** Adds this app's background workers to `manager`. */\nexport function registerWorkers(manager: BackgroundWorkerManager): void {\n  manager.add(new BWorker());\n}\n",
    );
  });

  test("already imported (under its own name or an alias) and registered: the same text", () => {
    const text = 'import { BWorker } from "./b_worker.js";\nexport function registerWorkers(manager) {\n  if (on) manager.add(new BWorker());\n}\n';
    expect(edit(text)).toBe(text);
    const aliased = 'import { Other as BWorker } from "./b_worker.js";\nexport function registerWorkers(manager) {\n  manager.add(new BWorker());\n}\n';
    expect(edit(aliased)).toBe(aliased);
  });

  test("TypeScript the user may write there parses: satisfies, enums, import attributes, using", () => {
    const text = 'import data from "./d.json" with { type: "json" };\nenum E { A }\nconst x = data satisfies object;\n' +
      "export function registerWorkers(manager: { add(w: unknown): void }): void {\n  using _s = { [Symbol.dispose]() {} };\n}\n";
    expect(edit(text)).toContain("  using _s = { [Symbol.dispose]() {} };\n  manager.add(new BWorker());\n}");
  });

  test.each([
    ["export function registerWorkers(manager { oops\n", /does not parse \(line 1\)/],
    ["export function registerWorkers() {}\n", /takes no manager parameter/],
    ["export function registerWorkers({ add }) {}\n", /takes no manager parameter/],
    ["export const registerWorkers = (m) => m.add(1);\n", /not a function with a body/],
  ])("%j: a UsageError saying what to change", (text, says) => {
    expect(() => edit(text)).toThrow(UsageError);
    expect(() => edit(text)).toThrow(says);
  });
});
