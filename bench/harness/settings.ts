/**
 * The command line of bench/run.ts, read once into one frozen object that every workload is
 * handed: no workload reads flags or globals of its own.
 * @module
 */
import { parseArgs } from "node:util";
import { type Runtime, RUNTIMES } from "./runtimes.ts";

/** What one invocation asked for. */
export interface Settings {
  /** Workload ids, in the order given (the default set in registry order). */
  readonly only: readonly string[];
  readonly runtimes: readonly Runtime[];
  /** `--seconds`; undefined: each workload's own window (10 s; the lease one 5 s). */
  readonly seconds: number | undefined;
  /** `--runs`; undefined: each workload's own count. */
  readonly runs: number | undefined;
  /** `--scale`: multiplies the task counts. */
  readonly scale: number;
  readonly setupLimitMs: number;
  readonly memoryCapBytes: number;
  /** `--period` and `--ttl` of the lease workload, ms. */
  readonly leasePeriod: number;
  readonly leaseTtl: number;
  readonly dryRun: boolean;
  readonly estimate: boolean;
  /** `--render <file>`: no runs, the document from a saved results file. */
  readonly render: string | undefined;
}

/** The workload ids that `--only` accepts, and the ones it means when absent. */
export interface Known {
  readonly ids: readonly string[];
  readonly byDefault: readonly string[];
}

/** Reads `args`; throws on an unknown workload or runtime. */
export function parseSettings(args: readonly string[], known: Known): Settings {
  const { values: flags } = parseArgs({
    args: [...args],
    options: {
      only: { type: "string" },
      runtimes: { type: "string", default: "node,deno,bun" },
      seconds: { type: "string" },
      runs: { type: "string" },
      scale: { type: "string", default: "1" },
      "setup-limit": { type: "string", default: "10" },
      "memory-cap": { type: "string", default: "4" },
      period: { type: "string", default: "50" },
      ttl: { type: "string", default: "3000" },
      "dry-run": { type: "boolean", default: false },
      estimate: { type: "boolean", default: false },
      render: { type: "string" },
    },
  });
  const only = flags.only === undefined ? known.byDefault : flags.only.split(",").map((s) => s.trim());
  for (const id of only) {
    if (!known.ids.includes(id)) throw new Error(`--only: unknown workload "${id}" (known: ${known.ids.join(" ")})`);
  }
  const runtimes = flags.runtimes.split(",").map((id) => {
    const r = RUNTIMES.find((x) => x.id === id.trim());
    if (r === undefined) throw new Error(`--runtimes: unknown runtime "${id}" (known: ${RUNTIMES.map((x) => x.id).join(" ")})`);
    return r;
  });
  return Object.freeze({
    only,
    runtimes,
    seconds: flags.seconds === undefined ? undefined : Number(flags.seconds),
    runs: flags.runs === undefined ? undefined : Number(flags.runs),
    scale: Number(flags.scale),
    setupLimitMs: Number(flags["setup-limit"]) * 1_000,
    memoryCapBytes: Number(flags["memory-cap"]) * 1024 ** 3,
    leasePeriod: Number(flags.period),
    leaseTtl: Number(flags.ttl),
    dryRun: flags["dry-run"],
    estimate: flags.estimate,
    render: flags.render,
  });
}

/** The measured window of the workloads whose default is 10 s, as the saved results record it. */
export const DEFAULT_SECONDS = 10;

/** A task count under `--scale`, never below one. */
export function scaled(settings: Settings, n: number): number {
  return Math.max(1, Math.round(n * settings.scale));
}
