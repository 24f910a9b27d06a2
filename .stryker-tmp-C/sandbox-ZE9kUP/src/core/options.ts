/**
 * Checks of user input. Every message names who got the value (a worker or the manager), the
 * option and the value, so that the error points at the line that passed it.
 * @module
 */
// @ts-nocheck


/** Shows a value in an error message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "function") return "a function";
  if (value !== null && typeof value === "object") {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Throws a TypeError naming the first key of `options` that is not in `known`. */
export function checkKeys(owner: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(
        `${owner}: unknown option "${key}" (value ${show((options as Record<string, unknown>)[key])}); ` +
          `known options: ${known.join(", ")}`,
      );
    }
  }
}

/** Throws a RangeError unless `value` is a finite number > 0. */
export function checkPositive(owner: string, option: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${owner}: option "${option}" must be a finite number > 0, got ${show(value)}`);
  }
  return value;
}

/** Throws a RangeError unless `value` is a finite number ≥ 0 (or Infinity when `infinite`). */
export function checkNonNegative(owner: string, option: string, value: unknown, infinite = false): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0 || (!infinite && value === Infinity)) {
    const what = infinite ? "a number ≥ 0 (or Infinity)" : "a finite number ≥ 0";
    throw new RangeError(`${owner}: option "${option}" must be ${what}, got ${show(value)}`);
  }
  return value;
}

/** Throws a TypeError unless `value` is a boolean. */
export function checkBoolean(owner: string, option: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new TypeError(`${owner}: option "${option}" must be true or false, got ${show(value)}`);
  }
  return value;
}

/** Throws a TypeError unless `value` is a function. */
export function checkFunction(owner: string, option: string, value: unknown): void {
  if (typeof value !== "function") {
    throw new TypeError(`${owner}: option "${option}" must be a function, got ${show(value)}`);
  }
}

/** Throws a TypeError unless `value` is a plain options object (or undefined). */
export function checkObject(owner: string, what: string, value: unknown): void {
  if (value !== undefined && (value === null || typeof value !== "object" || Array.isArray(value))) {
    throw new TypeError(`${owner}: ${what} must be an object, got ${show(value)}`);
  }
}
