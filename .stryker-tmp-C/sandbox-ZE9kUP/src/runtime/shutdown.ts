/**
 * The part of `onShutdown` that every runtime shares: listen, call back once, exit at once on a
 * second signal, and remove every listener on dispose. The adapters only say how to listen and exit.
 * @module
 */
// @ts-nocheck


import type { ShutdownSignal } from "../core/types.ts";

export type { ShutdownSignal } from "../core/types.ts";

/**
 * Options of `onShutdown`.
 *
 * @example
 * ```ts
 * import { onShutdown, type ShutdownOptions } from "@background/workers";
 *
 * const options: ShutdownOptions = { signals: ["SIGTERM"], repeat: "ignore" };
 * using _ = onShutdown(() => console.log("bye"), options);
 * ```
 */
export interface ShutdownOptions {
  /** The signals to listen to. Default SIGINT and SIGTERM (SIGINT and SIGBREAK on Windows). */
  readonly signals?: readonly ShutdownSignal[];
  /**
   * What a second signal does once the callback has run: `"exit"` (default) exits at once with
   * 128 + the signal's number (130 for SIGINT, 143 for SIGTERM), as a second Ctrl-C does in most
   * tools; `"ignore"` ignores it.
   */
  readonly repeat?: "exit" | "ignore";
}

/**
 * How a runtime listens to signals and exits: what each adapter provides. Useful to drive
 * shutdown by hand, or to fake a runtime in a test.
 *
 * @example
 * ```ts
 * import type { SignalPlatform } from "@background/workers/node";
 *
 * const fake: SignalPlatform = { windows: false, add() {}, remove() {}, exit(code) { console.log("exit", code); } };
 * ```
 */
export interface SignalPlatform {
  /** True on Windows, where SIGBREAK replaces SIGTERM. */
  readonly windows: boolean;
  /** Adds a signal listener. */
  add(signal: ShutdownSignal, listener: () => void): void;
  /** Removes a listener that `add` added. */
  remove(signal: ShutdownSignal, listener: () => void): void;
  /** Exits the process with `code`. */
  exit(code: number): void;
}

/** 128 + the signal's number is the exit status of a process killed by that signal. */
export const SIGNAL_NUMBERS: Readonly<Record<ShutdownSignal, number>> = { SIGINT: 2, SIGTERM: 15, SIGBREAK: 21 };

const KNOWN: readonly ShutdownSignal[] = ["SIGINT", "SIGTERM", "SIGBREAK"];

/** `onShutdown` over one runtime's way of listening. */
export function listenForShutdown(
  platform: SignalPlatform,
  callback: (signal: ShutdownSignal) => void,
  options: ShutdownOptions = {},
): Disposable {
  if (typeof callback !== "function") {
    throw new TypeError(`onShutdown: the callback must be a function, got ${typeof callback}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== "signals" && key !== "repeat") {
      throw new TypeError(`onShutdown: unknown option "${key}"; known options: signals, repeat`);
    }
  }
  const repeat = options.repeat ?? "exit";
  if (repeat !== "exit" && repeat !== "ignore") {
    throw new TypeError(`onShutdown: option "repeat" must be "exit" or "ignore", got ${JSON.stringify(repeat)}`);
  }
  const signals = options.signals ?? (platform.windows ? ["SIGINT", "SIGBREAK"] : ["SIGINT", "SIGTERM"]);
  for (const signal of signals) {
    if (!KNOWN.includes(signal)) {
      throw new TypeError(`onShutdown: option "signals" has ${JSON.stringify(signal)}; known: ${KNOWN.join(", ")}`);
    }
  }
  let fired = false;
  const listeners = new Map<ShutdownSignal, () => void>();
  for (const signal of new Set(signals)) {
    // SIGBREAK exists on Windows only, and Deno cannot listen to SIGTERM there: skip, not throw.
    const supported = signal === "SIGINT" || (signal === "SIGBREAK") === platform.windows;
    if (!supported) continue;
    const listener = (): void => {
      if (!fired) {
        fired = true;
        callback(signal);
      } else if (repeat === "exit") {
        platform.exit(128 + SIGNAL_NUMBERS[signal]);
      }
    };
    platform.add(signal, listener);
    listeners.set(signal, listener);
  }
  return {
    [Symbol.dispose](): void {
      for (const [signal, listener] of listeners) platform.remove(signal, listener);
      listeners.clear();
    },
  };
}
