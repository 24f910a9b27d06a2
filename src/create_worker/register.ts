/**
 * The registration file (`src/workers/mod.ts`): an import of the worker class and a
 * `manager.add(new Worker())` inside `export function registerWorkers(manager)`. Edited as a syntax
 * tree with ts-morph, so the user's formatting and comments stay as they are.
 * @module
 */
import { IndentationText, Project, SyntaxKind, ts } from "ts-morph";
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

/** The registration file's new text, or the same text when the worker is registered already. */
export function register({ path, text, className, specifier, lib }: Registration): string {
  // Indent new statements as the file does (two spaces when it has no indented line yet).
  const indent = /\n\t/.test(text ?? "")
    ? IndentationText.Tab
    : /\n {4}\S/.test(text ?? "") && !/\n {2}\S/.test(text ?? "")
    ? IndentationText.FourSpaces
    : IndentationText.TwoSpaces;
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { allowJs: false, target: ts.ScriptTarget.ES2022 },
    manipulationSettings: { indentationText: indent },
  });
  const initial = text ?? `import type { BackgroundWorkerManager } from "${lib}";

/** Adds this app's background workers to \`manager\`. */
export function registerWorkers(manager: BackgroundWorkerManager): void {
}
`;
  const file = project.createSourceFile(path, initial, { overwrite: true });
  const errors = project.getProgram().compilerObject.getSyntacticDiagnostics(file.compilerNode);
  if (errors.length > 0) {
    const first = errors[0]!;
    const where = first.start === undefined ? "" : ` (line ${file.getLineAndColumnAtPos(first.start).line})`;
    throw new UsageError(
      `${path} does not parse${where}: ${ts.flattenDiagnosticMessageText(first.messageText, " ")}; nothing was changed`,
    );
  }
  const imported = file.getImportDeclarations().some((d) =>
    d.getNamedImports().some((n) => (n.getAliasNode()?.getText() ?? n.getName()) === className)
  );
  if (!imported) {
    const imports = file.getImportDeclarations();
    file.insertImportDeclaration(imports.length, { namedImports: [className], moduleSpecifier: specifier });
  }
  let fn = file.getFunction("registerWorkers");
  if (fn === undefined) {
    fn = file.addFunction({
      isExported: true,
      name: "registerWorkers",
      parameters: [{ name: "manager", type: "BackgroundWorkerManager" }],
      returnType: "void",
      docs: ["Adds this app's background workers to `manager`."],
    });
    if (!file.getImportDeclarations().some((d) => d.getText().includes("BackgroundWorkerManager"))) {
      file.insertImportDeclaration(0, { isTypeOnly: true, namedImports: ["BackgroundWorkerManager"], moduleSpecifier: lib });
    }
  }
  const manager = fn.getParameters()[0]?.getName();
  if (manager === undefined) {
    throw new UsageError(`${path}: registerWorkers() takes no manager parameter; add one (manager) and run again`);
  }
  const registered = fn.getDescendantsOfKind(SyntaxKind.NewExpression)
    .some((n) => n.getExpression().getText() === className);
  if (!registered) fn.addStatements(`${manager}.add(new ${className}());`);
  return file.getFullText();
}
