/**
 * What a workload is to the bench: a registered case with its title, its estimate, its run and
 * its render, as a tinybench case is a name and a function given to `bench.add`; the orchestration
 * is bench/run.ts, the document bench/harness/document.ts. Adding one is a module that exports a
 * `Workload` and one line in bench/workloads/registry.ts.
 * @module
 */
import type { Section } from "../harness/document.ts";
import type { Summary } from "../harness/report.ts";
import type { Bundle, Recorder, Saved } from "../harness/results.ts";
import type { Runtime } from "../harness/runtimes.ts";
import type { Settings } from "../harness/settings.ts";
import type { ChildRun, Line } from "../harness/spawn.ts";

/** One workload of the bench. */
export interface Workload {
  /** Its name for `--only` and in the results file. */
  readonly id: string;
  /** The heading of its section at full size, as the document shows it before a first run. */
  readonly title: string;
  /** Part of `npm run bench` without `--only`. */
  readonly byDefault: boolean;
  /** Its section sits under "Schedulers compared", below the head that bench/workloads/comparison.ts writes. */
  readonly compared: boolean;
  /** Files it runs in child processes, relative to bench/ and without `.ts`: Node runs bundles of them. */
  readonly children: readonly string[];
  /** How many runs of each case make a figure. */
  runs(settings: Settings): number;
  /** Rough wall time, ms. */
  estimateMs(settings: Settings): number;
  /** Measures, recording into `bench.recorder`; the cold-start workload also hands back the bundle size. */
  run(bench: Bench): Promise<{ readonly bundle: Bundle } | void>;
  /** Its section from saved results, or undefined when they hold nothing of it. */
  render(doc: Rendering): Section | undefined;
}

/** What a workload's run is given. */
export interface Bench {
  readonly settings: Settings;
  /** This workload's `runs(settings)`. */
  readonly runs: number;
  readonly recorder: Recorder;
  /**
   * Runs `file` (relative to bench/, without `.ts`) on `runtime` under the settings' setup limit
   * and memory cap; `doneWithinMs` from its ready line to its exit.
   */
  child(
    runtime: Runtime,
    file: string,
    args: readonly string[],
    doneWithinMs: number,
    onLine?: (line: Line, signal: (s: Deno.Signal) => void) => void,
  ): Promise<ChildRun>;
}

/** A workload's summary for one scheduler on one runtime, if it ran. */
export type Lookup = (workload: string, scheduler: string, runtime: string) => Summary | undefined;

/** What a workload's render is given. */
export interface Rendering {
  readonly saved: Saved;
  /** This invocation's settings (the counts a section falls back on when its results hold none). */
  readonly settings: Settings;
  readonly get: Lookup;
  /**
   * What the first result of workload `id` says it ran: its counts are those of that run's
   * --scale, which this invocation's may not be.
   */
  first(id: string): { readonly count?: number; readonly seconds?: number } & Readonly<Record<string, unknown>> | undefined;
  /** Whether the results hold any cell of workload `id`. */
  ran(id: string): boolean;
  /** The runtimes, in table order, of the cells of these workloads. */
  runtimes(...ids: string[]): readonly string[];
}
