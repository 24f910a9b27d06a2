/**
 * The callers waiting on `trigger()`: all of them learn how the next run ended, or why it never
 * began, here and nowhere else.
 * @module
 */
// @ts-nocheck

import type { RunResult } from "./types.ts";

interface Waiter {
  resolve(value: RunResult): void;
  reject(reason: unknown): void;
}

/** The waiters of one worker's next run. */
export class Triggers {
  #waiters: Waiter[] | undefined = undefined;

  /** True while someone waits. */
  get waiting(): boolean {
    return this.#waiters !== undefined;
  }

  /** A promise of the next run's end. */
  wait(): Promise<RunResult> {
    return new Promise<RunResult>((resolve, reject) => (this.#waiters ??= []).push({ resolve, reject }));
  }

  /** The run ended: every waiter gets its result. */
  resolve(result: RunResult): void {
    const waiters = this.#waiters;
    if (waiters === undefined) return;
    this.#waiters = undefined;
    for (const waiter of waiters) waiter.resolve(result);
  }

  /** The run will not happen (stopped first, or run elsewhere): every waiter learns why. */
  reject(error: Error): void {
    const waiters = this.#waiters;
    if (waiters === undefined) return;
    this.#waiters = undefined;
    for (const waiter of waiters) waiter.reject(error);
  }
}
