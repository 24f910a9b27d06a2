/**
 * The registration file (`src/workers/mod.ts`): an import of the worker class and a
 * `manager.add(new Worker())` inside `export function registerWorkers(manager)`. An existing file
 * is parsed to a syntax tree (@babel/parser, TypeScript syntax) and edited by inserting text at the
 * tree's positions, so every byte the user wrote stays where it was. Babel's parser loads in ~15 ms;
 * ts-morph, which did this before, brought the TypeScript compiler (~250 ms a run, 15 MB to install).
 * @module
 */
// @ts-nocheck

import { createRequire } from "node:module";
import { UsageError } from "./naming.ts";

/** What `register` needs to know. */
export interface Registration {
  /** The registration file's path (absolute). */
  readonly path: string;
  /** Its current text, or undefined when it does not exist yet. */
  readonly text: string | undefined;
  readonly className: string;
  /** The import specifier of the worker file, relative to the registration file. */
  readonly specifier: string;
  /** How the library is imported (for the type of `manager` in a new file). */
  readonly lib: string;
}

/** The few fields of Babel's nodes that the edit reads. */
interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const DOC = "/** Adds this app's background workers to `manager`. */";

/** The registration file as a new project gets it. */
function fresh({ className, specifier, lib }: Registration): string {
  return `import type { BackgroundWorkerManager } from ${JSON.stringify(lib)};
import { ${className} } from ${JSON.stringify(specifier)};

${DOC}
export function registerWorkers(manager: BackgroundWorkerManager): void {
  manager.add(new ${className}());
}
`;
}

/** Babel's TypeScript parse, or a UsageError naming the file and the line. */
function parse(path: string, text: string): Node[] {
  const babel = createRequire(import.meta.url)("@babel/parser") as {
    parse(text: string, options: unknown): { program: { body: Node[] } };
  };
  try {
    return babel.parse(text, { sourceType: "module", plugins: ["typescript", "decorators-legacy"] }).program.body;
  } catch (error) {
    const { message, loc } = error as { message: string; loc?: { line: number } };
    const where = loc === undefined ? "" : ` (line ${loc.line})`;
    throw new UsageError(`${path} does not parse${where}: ${message.replace(/ \(\d+:\d+\)$/, "")}; nothing was changed`);
  }
}

const isNode = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && typeof (value as Node).type === "string";

/** Every node under `node`, itself included. */
function* walk(node: Node): Generator<Node> {
  yield node;
  for (const [key, value] of Object.entries(node)) {
    if (key === "leadingComments" || key === "trailingComments" || key === "innerComments" || key === "loc") continue;
    for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) yield* walk(child);
  }
}

/** The function `registerWorkers` at the top level: a declaration, or a const bound to a function with a block body. */
function findRegisterWorkers(body: Node[]): { params: Node[]; block: Node } | undefined {
  for (const statement of body) {
    const inner = statement.type === "ExportNamedDeclaration" && isNode(statement.declaration) ? statement.declaration : statement;
    if (inner.type === "FunctionDeclaration" && (inner.id as Node | null)?.name === "registerWorkers") {
      return { params: inner.params as Node[], block: inner.body as Node };
    }
    if (inner.type !== "VariableDeclaration") continue;
    for (const d of inner.declarations as Node[]) {
      const init = d.init as Node | null;
      if ((d.id as Node).name !== "registerWorkers" || init === null) continue;
      if ((init.type === "ArrowFunctionExpression" || init.type === "FunctionExpression") && (init.body as Node).type === "BlockStatement") {
        return { params: init.params as Node[], block: init.body as Node };
      }
      throw new UsageError("registerWorkers is not a function with a body { }; make it one and run again");
    }
  }
  return undefined;
}

/** The indentation one level in, as the file writes it (two spaces when it has no indented line yet). */
function indentUnit(text: string): string {
  if (/\n\t/.test(text)) return "\t";
  return /\n {4}\S/.test(text) && !/\n {2}\S/.test(text) ? "    " : "  ";
}

/** The whitespace that starts the line holding `at`. */
const lineIndent = (text: string, at: number): string => /^[ \t]*/.exec(text.slice(text.lastIndexOf("\n", at - 1) + 1))![0];

/** Where the line holding `at` ends (before its newline). */
function lineEnd(text: string, at: number): number {
  const nl = text.indexOf("\n", at);
  return nl < 0 ? text.length : nl;
}

/** Text insertions, applied from the end so earlier positions stay right. */
function apply(text: string, edits: { at: number; insert: string; remove?: number }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.insert + out.slice(e.at + (e.remove ?? 0));
  return out;
}

/** The registration file's new text, or the same text when the worker is registered already. */
export function register(registration: Registration): string {
  const { path, text, className, specifier, lib } = registration;
  if (text === undefined) return fresh(registration);
  const body = parse(path, text);
  const imports = body.filter((s) => s.type === "ImportDeclaration");
  const bound = (name: string): boolean =>
    imports.some((d) => (d.specifiers as Node[]).some((s) => (s.local as Node).name === name));
  const edits: { at: number; insert: string; remove?: number }[] = [];
  const afterImports = imports.length === 0 ? 0 : lineEnd(text, imports.at(-1)!.end);
  const importLines: string[] = [];
  if (!bound(className)) importLines.push(`import { ${className} } from ${JSON.stringify(specifier)};`);

  const fn = findRegisterWorkers(body);
  if (fn === undefined) {
    if (!bound("BackgroundWorkerManager")) importLines.unshift(`import type { BackgroundWorkerManager } from ${JSON.stringify(lib)};`);
    const unit = indentUnit(text);
    const tail = text.endsWith("\n") ? "" : "\n";
    edits.push({
      at: text.length,
      insert: `${tail}\n${DOC}\nexport function registerWorkers(manager: BackgroundWorkerManager): void {\n${unit}manager.add(new ${className}());\n}\n`,
    });
  } else {
    const first = fn.params[0];
    if (first === undefined || first.type !== "Identifier") {
      throw new UsageError(`${path}: registerWorkers() takes no manager parameter; add one (manager) and run again`);
    }
    const registered = [...walk(fn.block)].some((n) => n.type === "NewExpression" && (n.callee as Node).type === "Identifier" && (n.callee as Node).name === className);
    if (!registered) edits.push(addStatement(text, fn.block, `${first.name as string}.add(new ${className}());`));
  }
  if (importLines.length > 0) {
    edits.push(imports.length === 0 ? { at: 0, insert: `${importLines.join("\n")}\n\n` } : { at: afterImports, insert: `\n${importLines.join("\n")}` });
  }
  if (edits.length === 0) return text;
  const after = apply(text, edits);
  try {
    parse(path, after); // never write a file that does not parse
  } catch (error) {
    throw new Error(`create-worker: editing ${path} would leave it unparsable (a bug: please report it); nothing was changed`, { cause: error });
  }
  return after;
}

/** The edit that adds `statement` as the last line of `block`, indented as its other lines are. */
function addStatement(text: string, block: Node, statement: string): { at: number; insert: string; remove?: number } {
  const statements = block.body as Node[];
  const comments = (block.innerComments ?? []) as Node[];
  const trailing = statements.length === 0 ? [] : ((statements.at(-1)!.trailingComments ?? []) as Node[]);
  const last = [...statements, ...comments, ...trailing].filter((n) => n.end < block.end).reduce((a, n) => (n.end > a ? n.end : a), -1);
  const closing = block.end - 1; // the "}"
  const outer = lineIndent(text, block.start);
  if (last < 0) {
    const inner = text.slice(block.start + 1, closing);
    if (inner.trim() === "") return { at: block.start + 1, insert: `\n${outer}${indentUnit(text)}${statement}\n${outer}`, remove: inner.length };
  }
  const anchor = last < 0 ? block.start + 1 : last;
  const firstOwnLine = statements.length > 0 && text.lastIndexOf("\n", statements[0]!.start) > block.start;
  const indent = firstOwnLine ? lineIndent(text, statements[0]!.start) : outer + indentUnit(text);
  const end = lineEnd(text, anchor);
  if (end >= closing) return { at: anchor, insert: `\n${indent}${statement}\n${outer}`, remove: closing - anchor }; // `{ a(); }` on one line
  return { at: end, insert: `\n${indent}${statement}` };
}
