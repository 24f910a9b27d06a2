/**
 * Shutdown signals on Deno, through `Deno.addSignalListener`/`Deno.removeSignalListener`.
 *
 * @example
 * ```ts
 * import { onShutdown } from "@background/workers/deno";
 *
 * using _ = onShutdown((signal) => console.log(`got ${signal}`));
 * ```
 * @module
 */
// @ts-nocheck

import { listenForShutdown, type ShutdownOptions, type ShutdownSignal, type SignalPlatform } from "./shutdown.ts";

export type { ShutdownOptions, ShutdownSignal, SignalPlatform } from "./shutdown.ts";

/** The little of the `Deno` namespace that signals need (no dependency on Deno's type package). */
interface DenoSignals {
  readonly build: { readonly os: string };
  addSignalListener(signal: ShutdownSignal, handler: () => void): void;
  removeSignalListener(signal: ShutdownSignal, handler: () => void): void;
  exit(code?: number): never;
}

/**
 * Deno's platform, read when called.
 *
 * @example
 * ```ts
 * import { denoPlatform } from "@background/workers/deno";
 *
 * denoPlatform().exit(0);
 * ```
 */
export function denoPlatform(): SignalPlatform {
  const deno = (globalThis as { Deno?: DenoSignals }).Deno;
  if (deno === undefined || typeof deno.addSignalListener !== "function") {
    throw new Error("@background/workers/deno: this is not Deno");
  }
  return {
    windows: deno.build.os === "windows",
    add: (signal, listener) => deno.addSignalListener(signal, listener),
    remove: (signal, listener) => deno.removeSignalListener(signal, listener),
    exit: (code) => deno.exit(code),
  };
}

/**
 * Calls `callback` once on the first SIGINT or SIGTERM (SIGINT or SIGBREAK on Windows); a second
 * signal exits at once with 128 + its number. Dispose the result to remove every listener.
 *
 * @example
 * ```ts
 * import { onShutdown } from "@background/workers/deno";
 *
 * const server = Deno.serve(() => new Response("ok"));
 * onShutdown(() => server.shutdown());
 * ```
 */
export function onShutdown(callback: (signal: ShutdownSignal) => void, options?: ShutdownOptions): Disposable {
  return listenForShutdown(denoPlatform(), callback, options);
}
