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
// @ts-nocheck

import { listenForShutdown, type ShutdownOptions, type ShutdownSignal, type SignalPlatform } from "./shutdown.ts";

export type { ShutdownOptions, ShutdownSignal, SignalPlatform } from "./shutdown.ts";

/**
 * The little of Node's (and Bun's) `process` that signals need; typed here so that no Node type
 * package is needed.
 *
 * @example
 * ```ts
 * import { processPlatform, type SignalProcess } from "@background/workers/node";
 * import process from "node:process";
 *
 * const platform = processPlatform(process as SignalProcess);
 * ```
 */
export interface SignalProcess {
  /** `"win32"` on Windows. */
  readonly platform: string;
  /** Adds a listener. */
  on(event: string, listener: () => void): unknown;
  /** Removes a listener. */
  off(event: string, listener: () => void): unknown;
  /** Exits. */
  exit(code?: number): unknown;
}

/**
 * A platform over a Node-like `process` object; Bun's `process` is one too.
 *
 * @example
 * ```ts
 * import { processPlatform, type SignalProcess } from "@background/workers/node";
 * import process from "node:process";
 *
 * processPlatform(process as SignalProcess).exit(0);
 * ```
 */
export function processPlatform(process: SignalProcess): SignalPlatform {
  return {
    windows: process.platform === "win32",
    add: (signal, listener) => void process.on(signal, listener),
    remove: (signal, listener) => void process.off(signal, listener),
    exit: (code) => void process.exit(code),
  };
}

/**
 * The running process's platform, read when called so that importing this file is free.
 *
 * @example
 * ```ts
 * import { nodePlatform } from "@background/workers/node";
 *
 * nodePlatform().add("SIGUSR2" as "SIGTERM", () => console.log("reload"));
 * ```
 */
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
