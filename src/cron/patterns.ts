/**
 * Parsed cron patterns, one croner object per pattern and zone, shared by every worker that uses it.
 * @module
 */
import { Cron } from "croner";

/** One parsed pattern in one zone, shared by all workers that use it. */
export class Occurrences {
  /** The queue lane of this pattern's workers: negative, so it never meets a period's lane. */
  readonly lane: number;
  readonly #cron: Cron;
  // The last answer: every instant within one wall-clock second has the same next occurrence,
  // because occurrences fall on whole seconds.
  #second = NaN;
  #wall = 0;

  constructor(cron: Cron, lane: number) {
    this.#cron = cron;
    this.lane = lane;
  }

  /**
   * The first occurrence strictly after the wall time `after` (epoch ms): epoch ms, and monotonic ms
   * on the clock whose epoch offset is `offset` (workers of one pattern may run on different clocks).
   */
  next(after: number, offset: number): { wall: number; mono: number } {
    const second = Math.floor(after / 1000);
    if (second !== this.#second) {
      const next = this.#cron.nextRun(new Date(second * 1000));
      this.#wall = next === null ? Infinity : next.getTime();
      this.#second = second;
    }
    return { wall: this.#wall, mono: this.#wall - offset };
  }
}

/**
 * The parsed patterns, held weakly: a pattern's croner object (about 80 KB) goes when the last
 * worker with that pattern does, removed or dropped, with no call to make.
 */
const shared = new Map<string, WeakRef<Occurrences>>();
const forget = new FinalizationRegistry<string>((key) => {
  if (shared.get(key)?.deref() === undefined) shared.delete(key);
});
/** Lane keys are never reused: a freed pattern's key may still name a lane in a queue. */
let lanes = 0;

/** How many parsed patterns are held (for tests of their clean-up). */
export function cachedPatterns(): number {
  let n = 0;
  for (const ref of shared.values()) if (ref.deref() !== undefined) n++;
  return n;
}

export function occurrences(owner: string, pattern: string, timezone: string | undefined): Occurrences {
  const key = `${timezone ?? ""} ${pattern}`;
  let found = shared.get(key)?.deref();
  if (found !== undefined) return found;
  if (timezone !== undefined) {
    if (typeof timezone !== "string") {
      throw new TypeError(`${owner}: option "timezone" must be an IANA time zone name, got ${typeof timezone}`);
    }
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    } catch {
      throw new TypeError(`${owner}: option "timezone" is not a known time zone, got ${JSON.stringify(timezone)}`);
    }
  }
  const fields = pattern.trim().split(/\s+/);
  if (!fields[0]!.startsWith("@") && fields.length !== 5 && fields.length !== 6) {
    throw new TypeError(
      `${owner}: option "cron" must have 5 or 6 fields (or be a nickname like "@hourly"), got ${JSON.stringify(pattern)}`,
    );
  }
  let cron: Cron;
  try {
    cron = new Cron(pattern, timezone === undefined ? {} : { timezone });
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Cron\w*: /, "") : String(error);
    throw new TypeError(`${owner}: option "cron" is not a valid cron pattern, got ${JSON.stringify(pattern)}: ${reason}`);
  }
  if (cron.nextRun() === null) {
    throw new TypeError(`${owner}: option "cron" never matches a date, got ${JSON.stringify(pattern)}`);
  }
  found = new Occurrences(cron, -1 - lanes++);
  shared.set(key, new WeakRef(found));
  forget.register(found, key);
  return found;
}
