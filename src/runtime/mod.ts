/**
 * The runtime we are on, detected when first needed: Deno, Bun, or Node (anything with a Node-like
 * `process`). Importing this file touches no global; it installs `manager.stopOnShutdown()`'s
 * behaviour and the `unref` option's timers into the core's hooks, which read the runtime only when called.
 * @module
 */
import { installUnref } from "../core/clock.ts";
import { installStopOnShutdown } from "../core/shutdown_hook.ts";
import { bunPlatform } from "./bun.ts";
import { denoPlatform } from "./deno.ts";
import { nodePlatform } from "./node.ts";
import { listenForShutdown, type ShutdownOptions, type ShutdownSignal, type SignalPlatform } from "./shutdown.ts";
import { stopOnShutdown } from "./stop_on_shutdown.ts";
import { unrefTimer } from "./unref.ts";

export type { ShutdownOptions, ShutdownSignal } from "./shutdown.ts";

/**
 * The names of the runtimes this library knows.
 *
 * @example
 * ```ts
 * import { detectRuntime } from "@background/workers";
 *
 * console.log(`running on ${detectRuntime()}`);
 * ```
 */
export type RuntimeName = "deno" | "bun" | "node";

/**
 * Which runtime this is.
 *
 * @example
 * ```ts
 * import { detectRuntime } from "@background/workers";
 *
 * if (detectRuntime() === "bun") console.log("Bun");
 * ```
 */
export function detectRuntime(): RuntimeName {
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  if (g.Deno !== undefined) return "deno";
  if (g.Bun !== undefined) return "bun";
  return "node";
}

/** The signal platform of the runtime we are on. */
export function currentPlatform(): SignalPlatform {
  switch (detectRuntime()) {
    case "deno":
      return denoPlatform();
    case "bun":
      return bunPlatform();
    default:
      return nodePlatform();
  }
}

/**
 * Calls `callback` once on the first SIGINT or SIGTERM (SIGINT or SIGBREAK on Windows), on Deno, Bun
 * or Node; a second signal exits at once with 128 + its number (130 for Ctrl-C). Returns a
 * Disposable that removes every listener it added.
 *
 * @example
 * ```ts
 * import { onShutdown } from "@background/workers";
 *
 * using _ = onShutdown((signal) => console.log(`${signal}: closing`));
 * ```
 */
export function onShutdown(callback: (signal: ShutdownSignal) => void, options?: ShutdownOptions): Disposable {
  return listenForShutdown(currentPlatform(), callback, options);
}

installStopOnShutdown((target, options) => stopOnShutdown(currentPlatform, target, options));
installUnref(unrefTimer);
