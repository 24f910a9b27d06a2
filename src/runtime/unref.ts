/**
 * Timers that do not keep the process alive, for the manager's `unref` option: Node's and Bun's
 * `setTimeout` return an object with `unref()`, Deno's returns an id for `Deno.unrefTimer`.
 * @module
 */

/** Unrefs a handle that `setTimeout` returned, on Deno, Bun or Node; anything else is left as it is. */
export function unrefTimer(handle: unknown): void {
  if (handle !== null && typeof handle === "object") {
    const timer = handle as { unref?: () => unknown };
    if (typeof timer.unref === "function") timer.unref();
    return;
  }
  const deno = (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno;
  if (typeof handle === "number" && typeof deno?.unrefTimer === "function") deno.unrefTimer(handle);
}
