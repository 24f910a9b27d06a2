/**
 * Shutdown signals on Bun. Bun implements Node's `process.on`/`process.off` for signals, so this
 * adapter is Node's with Bun's name on it: one place to change if Bun ever differs.
 *
 * @example
 * ```ts
 * import { onShutdown } from "@background/workers/bun";
 *
 * using _ = onShutdown((signal) => console.log(`got ${signal}`));
 * ```
 * @module
 */
// @ts-nocheck

import { processPlatform, type SignalProcess } from "./node.ts";
import { listenForShutdown, type ShutdownOptions, type ShutdownSignal, type SignalPlatform } from "./shutdown.ts";

export type { ShutdownOptions, ShutdownSignal, SignalPlatform } from "./shutdown.ts";

/**
 * Bun's platform, read when called.
 *
 * @example
 * ```ts
 * import { bunPlatform } from "@background/workers/bun";
 *
 * bunPlatform().exit(0);
 * ```
 */
export function bunPlatform(): SignalPlatform {
  const process = (globalThis as { process?: SignalProcess }).process;
  if ((globalThis as { Bun?: unknown }).Bun === undefined || process === undefined) {
    throw new Error("@background/workers/bun: this is not Bun");
  }
  return processPlatform(process);
}

/**
 * Calls `callback` once on the first SIGINT or SIGTERM; a second signal exits at once with 128 + its
 * number. Dispose the result to remove every listener.
 *
 * @example
 * ```ts
 * import { onShutdown } from "@background/workers/bun";
 *
 * const server = Bun.serve({ fetch: () => new Response("ok") });
 * onShutdown(() => server.stop());
 * ```
 */
export function onShutdown(callback: (signal: ShutdownSignal) => void, options?: ShutdownOptions): Disposable {
  return listenForShutdown(bunPlatform(), callback, options);
}
