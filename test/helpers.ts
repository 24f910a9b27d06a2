import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type Mock, vi } from "vitest";

type LogFn = Mock<(...data: unknown[]) => void>;

/** A logger that records and prints nothing. */
export function silentLogger(): { debug: LogFn; info: LogFn; warn: LogFn; error: LogFn } {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

/** Resolves after `ms` of (fake or real) timer time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * On real timers: polls until `ready()` holds. `ms` only bounds a hang (the test then fails naming
 * `what`); it is no claim about speed, so a loaded machine just takes longer to get there.
 */
export async function waitUntil(what: string, ready: () => boolean, ms = 20_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!ready()) {
    if (performance.now() > deadline) throw new Error(`no ${what} within ${ms} ms`);
    await sleep(5);
  }
}

/** Records the start and end (ms since `origin`) of each run, and how many ran at once. */
export class RunLog {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  active = 0;
  maxActive = 0;
  readonly origin: number = performance.now();

  begin(): void {
    this.starts.push(performance.now() - this.origin);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
  }

  end(): void {
    this.ends.push(performance.now() - this.origin);
    this.active--;
  }

  /** Work that takes `ms` (on the timers in force) and records itself. */
  work(ms: number): () => Promise<void> {
    return async () => {
      this.begin();
      try {
        await sleep(ms);
      } finally {
        this.end();
      }
    };
  }
}

/** Under fake timers: advances time until `promise` settles (e.g. a stop waiting for a run). */
export async function drain<T>(promise: Promise<T>, step = 10): Promise<T> {
  let done = false;
  promise.then(() => (done = true), () => (done = true));
  for (let i = 0; i < 100_000 && !done; i++) await vi.advanceTimersByTimeAsync(step);
  return promise;
}

/** Every file under `dir` (node_modules aside) with a hash of its bytes: equal snapshots mean byte-identical folders. */
export function snapshot(dir: string): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (name === "node_modules") continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else result[relative(dir, path)] = createHash("sha256").update(readFileSync(path)).digest("hex");
    }
  };
  walk(dir);
  return result;
}
