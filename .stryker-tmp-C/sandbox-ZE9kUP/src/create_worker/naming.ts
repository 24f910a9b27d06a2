/**
 * Names: what the user typed, checked, and the class and file names made from it.
 * @module
 */
// @ts-nocheck


const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await").split(" "),
);

/** The names made from one worker name. */
export interface WorkerNames {
  /** `PassiveUserCheckerWorker` */
  readonly className: string;
  /** `passive_user_checker_worker` (no extension) */
  readonly fileName: string;
}

/** A user error: the CLI prints its message on one line and exits with code 2. */
export class UsageError extends Error {
  /** @param message One line saying what is wrong and with which value. */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * `PassiveUserChecker`, `passive-user-checker` or `passive_user_checker` → `PassiveUserCheckerWorker`
 * and `passive_user_checker_worker`. Throws a UsageError for anything that cannot be an identifier.
 */
export function workerNames(input: string): WorkerNames {
  const raw = input.trim();
  if (raw === "") throw new UsageError("the worker name is empty; try: create-worker PassiveUserChecker");
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(raw)) {
    throw new UsageError(
      `the worker name ${JSON.stringify(input)} is not an identifier: use letters, digits, - or _, starting with a letter`,
    );
  }
  if (RESERVED.has(raw.toLowerCase())) {
    throw new UsageError(`the worker name ${JSON.stringify(input)} is a reserved word of JavaScript`);
  }
  const words = raw
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_-]+/)
    .filter((w) => w !== "")
    .map((w) => w.toLowerCase());
  if (words.at(-1) !== "worker") words.push("worker");
  return {
    className: words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(""),
    fileName: words.join("_"),
  };
}

/** `5000`, `5s`, `10m`, `1h`, `250ms`, `1d` → milliseconds; a UsageError for anything else. */
export function parsePeriod(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  const ms = match ? Number(match[1]) * unit[(match[2] ?? "ms") as keyof typeof unit] : NaN;
  if (!Number.isFinite(ms) || ms <= 0 || !Number.isInteger(ms)) {
    throw new UsageError(`--period ${JSON.stringify(text)} does not parse: use milliseconds or 5s, 10m, 1h`);
  }
  return ms;
}
