/**
 * A fixed-size histogram of non-negative millisecond values, allocated once up front so that
 * recording a tick allocates nothing: an allocation per tick would show up as the scheduler's
 * garbage-collection cost. Log-linear buckets (HdrHistogram's layout): exact to 1 µs below
 * 1.024 ms, then 512 buckets per power of two, so a quantile is off by at most 0.2 %, up to
 * about 71 minutes. The maximum is kept exactly.
 * @module
 */

const LINEAR = 1024;
const SUB = 512;
const SUB_BITS = 9;
// 2^32 µs, past which values are clamped: far beyond any interval a 10 s run can see.
const TOP_EXPONENT = 31;
const BUCKETS = LINEAR + (TOP_EXPONENT - 9) * SUB;

/** Counts of values, bucketed; record() is allocation-free. */
export class Histogram {
  readonly #counts = new Float64Array(BUCKETS);
  #total = 0;
  #max = 0;

  /** Adds one value in ms (negative values count as 0). */
  record(ms: number): void {
    if (ms > this.#max) this.#max = ms;
    this.#counts[bucketOf(ms)]! += 1;
    this.#total += 1;
  }

  /** How many values were recorded. */
  get count(): number {
    return this.#total;
  }

  /** The largest value recorded, exactly; NaN when empty. */
  get max(): number {
    return this.#total === 0 ? NaN : this.#max;
  }

  /** The value at quantile q (0..1), as the middle of its bucket; NaN when empty. */
  quantile(q: number): number {
    if (this.#total === 0) return NaN;
    const rank = Math.min(this.#total, Math.max(1, Math.ceil(q * this.#total)));
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += this.#counts[b]!;
      if (seen >= rank) return Math.min(middleOf(b), this.#max);
    }
    return this.#max;
  }
}

function bucketOf(ms: number): number {
  const us = Math.min(2 ** 32 - 1, Math.max(0, Math.round(ms * 1_000)));
  if (us < LINEAR) return us;
  const exponent = 31 - Math.clz32(us);
  const shift = exponent - SUB_BITS;
  return LINEAR + (exponent - 10) * SUB + ((us >>> shift) - SUB);
}

function middleOf(bucket: number): number {
  if (bucket < LINEAR) return bucket / 1_000;
  const exponent = 10 + Math.floor((bucket - LINEAR) / SUB);
  const shift = exponent - SUB_BITS;
  const low = (((bucket - LINEAR) % SUB) + SUB) * 2 ** shift;
  return (low + 2 ** shift / 2) / 1_000;
}
