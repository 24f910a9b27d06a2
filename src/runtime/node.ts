/**
 * Shutdown signals on Node, through `process.on`/`process.off`.
 *
 * @example
 * ```ts
 * import { onShutdown } from "@background/workers/node";
 *
 * using _ = onShutdown((signal) => console.log(`got ${signal}`));
 * ```
 * @module
 */
import { listenForShutdown, type ShutdownOptions, type ShutdownSignal, type SignalPlatform } from "./shutdown.ts";

export type { ShutdownOptions, ShutdownSignal } from "./shutdown.ts";

/** The little of Node's (and Bun's) `process` that signals need. */
export interface SignalProcess {
  readonly platform: string;
  on(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
  exit(code?: number): unknown;
}

/** A platform over a Node-like `process` object; Bun's `process` is one too. */
export function processPlatform(process: SignalProcess): SignalPlatform {
  return {
    windows: process.platform === "win32",
    add: (signal, listener) => void process.on(signal, listener),
    remove: (signal, listener) => void process.off(signal, listener),
    exit: (code) => void process.exit(code),
  };
}

/** The running process's platform, read when first needed so that importing this file is free. */
export function nodePlatform(): SignalPlatform {
  const process = (globalThis as { process?: SignalProcess }).process;
  if (process === undefined || typeof process.on !== "function") {
    throw new Error("@background/workers/node: no Node-like `process` in this runtime");
  }
  return processPlatform(process);
}

/**
 * Calls `callback` once on the first SIGINT or SIGTERM (SIGINT or SIGBREAK on Windows); a second
 * signal exits at once with 128 + its number. Dispose the result to remove every listener.
 *
 * @example
 * ```ts
 * import { onShutdown } from "@background/workers/node";
 *
 * const subscription = onShutdown(() => server.close());
 * // later, if the app wants its signals back:
 * subscription[Symbol.dispose]();
 * ```
 */
export function onShutdown(callback: (signal: ShutdownSignal) => void, options?: ShutdownOptions): Disposable {
  return listenForShutdown(nodePlatform(), callback, options);
}
