/**
 * What a run measures and saves: one cell of runs per workload, scheduler and runtime, with the
 * machine, versions and settings they came from, written to a results file so that `--render` can
 * rewrite the document later without running again.
 * @module
 */
import type { Cell } from "./report.ts";
import { bun, root } from "./runtimes.ts";
import type { ChildRun } from "./spawn.ts";

/** The bundle sizes the cold-start workload measures. */
export type Bundle = { minified: number; gzip: number; bun: string; croner?: { version: string; gzip: number } } | undefined;

/** A results file. Files saved before the workload registry lack `cores`; nothing else changed. */
export interface Saved {
  readonly date: string;
  readonly elapsedMs: number;
  readonly machine: string;
  /** Cores of the machine (the scale section names them). */
  readonly cores?: number;
  readonly versions: Record<string, string>;
  readonly checkout: string;
  readonly settings: { seconds: number; scale: number; setupLimitMs: number; memoryCapBytes: number; only: string[] };
  /** Runs per workload id. */
  readonly runs: Record<string, number>;
  readonly bundle: Bundle;
  readonly cells: Cell[];
}

/** Collects the cells of a run and reports progress on stderr. */
export class Recorder {
  readonly #cells = new Map<string, Cell>();
  readonly #began: number;

  constructor(began: number) {
    this.#began = began;
  }

  /** Every cell so far, in the order they were first recorded. */
  get cells(): Cell[] {
    return [...this.#cells.values()];
  }

  /** A child's result line (plus `extra` and its peak memory), or why it has none. */
  recordChild(workload: string, scheduler: string, runtime: string, run: ChildRun, extra: Record<string, unknown> = {}): void {
    const result = run.lines.find((l) => l.bench === "result");
    this.record(
      workload,
      scheduler,
      runtime,
      run.failure !== undefined || result === undefined ? { failure: run.failure ?? "no result" } : { result: { ...result, ...extra, peakRssBytes: run.peakRssBytes } },
    );
  }

  /** One run's result, or why it has none. */
  record(workload: string, scheduler: string, runtime: string, outcome: { result: Record<string, unknown> } | { failure: string }): void {
    const key = `${workload}/${scheduler}/${runtime}`;
    if (!this.#cells.has(key)) this.#cells.set(key, { workload, scheduler, runtime, results: [], failures: [] });
    const c = this.#cells.get(key)!;
    if ("failure" in outcome) c.failures.push(outcome.failure);
    else c.results.push(outcome.result);
  }

  progress(what: string, failure: string | undefined, wallMs: number): void {
    console.error(`[${minutes(performance.now() - this.#began)}] ${what}: ${failure ?? "ok"} (${(wallMs / 1_000).toFixed(1)} s)`);
  }
}

/**
 * Writes the results into bench/results/ (git ignores it), one file per run named by its time and
 * workloads: a short `--only lease` after a 40-minute `npm run bench` must not overwrite the
 * results the document was made from. Returns the path, for `--render`.
 */
export async function saveResults(saved: Saved): Promise<string> {
  const dir = `${root}bench/results`;
  await Deno.mkdir(dir, { recursive: true });
  const stamp = new Date().toISOString().slice(0, 19).replaceAll(":", "-");
  const path = `${dir}/${stamp}_${saved.settings.only.join("+")}.json`;
  await Deno.writeTextFile(path, JSON.stringify(saved, null, 1));
  return path;
}

export async function loadResults(path: string): Promise<Saved> {
  return JSON.parse(await Deno.readTextFile(path)) as Saved;
}

/** The machine in one line, for the document's head. */
export async function machine(): Promise<string> {
  const cpu = /model name\s*:\s*(.+)/.exec(await Deno.readTextFile("/proc/cpuinfo").catch(() => ""))?.[1]?.trim() ?? "unknown CPU";
  const gib = (Deno.systemMemoryInfo().total / 1024 ** 3).toFixed(1);
  return `${cpu}, ${navigator.hardwareConcurrency} cores, ${gib} GiB RAM, ${Deno.build.os}`;
}

/** The runtimes' and the compared packages' versions. */
export async function versions(): Promise<Record<string, string>> {
  const out = async (cmd: string, args: string[]): Promise<string> => new TextDecoder().decode((await new Deno.Command(cmd, { args }).output()).stdout).trim();
  const pkg = async (dir: string): Promise<string> => (JSON.parse(await Deno.readTextFile(`${root}${dir}/package.json`)) as { version: string }).version;
  return {
    node: await out("node", ["--version"]),
    deno: Deno.version.deno,
    bun: await out(bun, ["--version"]),
    ours: await pkg("."),
    "toad-scheduler": await pkg("node_modules/toad-scheduler"),
    croner: await pkg("node_modules/croner"),
    cron: await pkg("node_modules/cron"),
    luxon: await pkg("node_modules/luxon"),
    "node-cron": await pkg("node_modules/node-cron"),
    "node-schedule": await pkg("node_modules/node-schedule"),
  };
}

/** The commit measured, and whether the library had uncommitted changes. */
export async function checkout(): Promise<string> {
  const git = async (...args: string[]): Promise<string> => new TextDecoder().decode((await new Deno.Command("git", { args, cwd: root }).output()).stdout).trim();
  const head = await git("rev-parse", "--short", "HEAD");
  const dirty = (await git("status", "--porcelain", "--", "src", "mod.ts")) !== "";
  return dirty ? `checkout ${head} with uncommitted changes in src/` : `checkout ${head}`;
}

export function minutes(msTotal: number): string {
  const s = Math.round(msTotal / 1_000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}
