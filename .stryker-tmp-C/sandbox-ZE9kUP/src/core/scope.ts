/**
 * A run inside a scope from the manager's factory: the scope is made before the run and disposed
 * once after it, also when the run throws (`Symbol.asyncDispose`, else `Symbol.dispose`).
 * @module
 */
// @ts-nocheck

import type { ScopeFactory } from "./types.ts";

/** How a scoped run ended: what failed (nothing, making the scope, or the run) and its error. */
export interface ScopedEnd {
  readonly failed: "scope" | "run" | undefined;
  readonly error: unknown;
}

/**
 * Makes a scope, runs `body` in it, disposes it. A dispose error goes to `disposeFailed` (it is
 * reported apart and does not make the run fail); a scope that cannot be made skips the run.
 */
export async function runScoped(
  factory: ScopeFactory,
  info: { readonly worker: string; readonly run: number },
  body: (scope: unknown) => void | Promise<void>,
  disposeFailed: (error: unknown) => void,
): Promise<ScopedEnd> {
  let scope: unknown;
  try {
    scope = await factory(info);
  } catch (error) {
    return { failed: "scope", error };
  }
  let end: ScopedEnd = { failed: undefined, error: undefined };
  try {
    await body(scope);
  } catch (error) {
    end = { failed: "run", error };
  }
  try {
    const disposable = scope as Partial<AsyncDisposable & Disposable> | null | undefined;
    const asyncDispose = disposable?.[Symbol.asyncDispose];
    const dispose = disposable?.[Symbol.dispose];
    if (typeof asyncDispose === "function") await asyncDispose.call(disposable);
    else if (typeof dispose === "function") dispose.call(disposable);
  } catch (error) {
    disposeFailed(error);
  }
  return end;
}
