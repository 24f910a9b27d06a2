/**
 * From raw runs to what BENCHMARKS.md shows: medians per scheduler and runtime, Markdown tables
 * and the formats of their figures.
 * @module
 */

/** Every run of one scheduler on one runtime in one workload. */
export interface Cell {
  readonly workload: string;
  readonly scheduler: string;
  readonly runtime: string;
  readonly results: Record<string, unknown>[];
  readonly failures: string[];
}

/** A cell reduced to one figure per metric, or to why it has none. */
export type Summary =
  | { readonly ok: true; readonly median: Readonly<Record<string, number>>; readonly runs: number; readonly failedRuns: string[] }
  | { readonly ok: false; readonly failure: string; readonly runs: number };

/** The median of each numeric metric over the runs that succeeded; a cell fails only if all its runs did. */
export function summarize(cell: Cell): Summary {
  const runs = cell.results.length + cell.failures.length;
  if (cell.results.length === 0) return { ok: false, failure: mostCommon(cell.failures) ?? "not run", runs };
  const median: Record<string, number> = {};
  for (const key of Object.keys(cell.results[0]!)) {
    const xs = cell.results.map((r) => r[key]).filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    if (xs.length > 0) median[key] = medianOf(xs);
  }
  return { ok: true, median, runs, failedRuns: cell.failures };
}

/** The middle value (the lower middle of an even count, so it is always a measured value). */
export function medianOf(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

function mostCommon(xs: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** A Markdown table; cells are already formatted. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

/** Fixed decimals, or a dash for a missing value. */
export function fixed(v: number | undefined, digits: number): string {
  return v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(digits);
}

/** Rounded with thousands separators, or a dash. */
export function whole(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? "–" : Math.round(v).toLocaleString("en-US");
}

/** Fewer decimals as values grow: errors and CPU range from microseconds to seconds. */
export function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return "–";
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : whole(v);
}

/** A ratio as a percentage with one decimal. */
export function percent(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? "–" : `${(v * 100).toFixed(1)}%`;
}

/** How a figure was made: "one run" or "the median of n runs". */
export function runsLine(runs: Readonly<Record<string, number>>, id: string): string {
  const n = runs[id] ?? 1;
  return n === 1 ? "one run" : `the median of ${n} runs (each metric on its own)`;
}

/** The runs left out of the medians of cells that still have a figure. */
export function failureNotes(cells: readonly Summary[]): string {
  const notes = cells.flatMap((c) => (c.ok && c.failedRuns.length > 0 ? [c.failedRuns] : []));
  return notes.length === 0 ? "" : `\n\nSome runs failed and are left out of the medians: ${notes.flat().join("; ")}.`;
}
