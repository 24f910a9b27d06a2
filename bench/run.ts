/**
 * Our scheduler beside its peers, on Node, Deno and Bun: each workload of bench/workloads/ runs its
 * cases in child processes, one process at a time, and its medians go into BENCHMARKS.md (between
 * marked sections) with SVG charts in bench/charts/.
 *
 *   npm run bench                  # the comparison, about 16 minutes on 2 cores (--runs 3: about 40)
 *   npm run bench:cron             # only ours (periodic and cron mode), croner and cron at 10,000 tasks
 *   npm run bench:scale            # 100,000 of our workers beside a setTimeout chain (--only scale)
 *   npm run bench:lease            # what a lease costs per run, per store (--only lease; Redis and PostgreSQL)
 *   npm run bench:otel             # telemetry's cost per run at 10,000 workers: off, API only, SDK (--only otel)
 *   node_modules/.bin/deno run -A bench/run.ts --only 100ms,1ms --runtimes node,deno --seconds 2 --runs 1
 *
 * Flags:
 *   --only <list>       workloads, comma-separated: 100ms 10k 100k 100k-cold 1ms shutdown cold cron scale lease otel
 *                       (default: the first seven, the comparison; the cron section is then made from the 10k runs)
 *   --runtimes <list>   node,deno,bun (default: all three; the lease workload runs in this Deno process)
 *   --seconds <n>       measured window (default 10, the lease workload 5; the 1 ms one uses at most 0.5, 100k-cold at most 5)
 *   --runs <n>          median of n runs everywhere (default: 1 for the 10 s workloads and lease, 3 for the short ones and scale)
 *   --scale <x>         multiplies the task counts, for quick runs (default 1)
 *   --setup-limit <s>   a scheduler that has not set up its tasks by then is reported as too slow (default 10)
 *   --memory-cap <GiB>  a process whose resident memory passes this is reported out of memory (default 4)
 *   --period <ms>       the lease workload's worker period (default 50)
 *   --ttl <ms>          the lease workload's lease TTL (default 3000)
 *   --dry-run           print the sections, write nothing
 *   --estimate          print how long these settings take, run nothing
 *   --render <file>     no runs: rewrite the sections and charts from a results file an earlier run saved
 *                       (each run saves one in bench/results/, named by its time and workloads)
 */
import { writeDocument } from "./harness/document.ts";
import { summarize } from "./harness/report.ts";
import { checkout, loadResults, machine, minutes, Recorder, type Saved, saveResults, versions } from "./harness/results.ts";
import { bundleForNode, root, RUNTIMES } from "./harness/runtimes.ts";
import { DEFAULT_SECONDS, parseSettings, type Settings } from "./harness/settings.ts";
import { runChild } from "./harness/spawn.ts";
import { frame, head } from "./workloads/comparison.ts";
import { WORKLOADS } from "./workloads/registry.ts";
import type { Bench, Rendering, Workload } from "./workloads/workload.ts";

/** Runs bench/run.ts with `args` (bench/lease.ts passes its own). */
export async function main(args: readonly string[]): Promise<void> {
  const settings = parseSettings(args, { ids: WORKLOADS.map((w) => w.id), byDefault: WORKLOADS.filter((w) => w.byDefault).map((w) => w.id) });
  const selected = settings.only.map((id) => WORKLOADS.find((w) => w.id === id)!);
  if (settings.estimate) {
    for (const w of selected) console.error(`  ${w.id} (${w.title}): ${minutes(w.estimateMs(settings))}`);
    console.log(`${settings.only.join(", ")} on ${settings.runtimes.map((r) => r.label).join(", ")}: about ${minutes(estimateMs(selected, settings))}`);
    return;
  }
  const saved = settings.render === undefined ? await runAll(selected, settings) : await loadResults(settings.render);
  const doc = rendering(saved, settings);
  // The comparison's head and frame come with any of its workloads, and only then.
  const compared = saved.settings.only.some((id) => WORKLOADS.find((w) => w.id === id)?.compared === true);
  const sections = [...(compared ? [head(doc)] : []), ...WORKLOADS.flatMap((w) => w.render(doc) ?? [])];
  await writeDocument(sections, { frame: compared ? frame(WORKLOADS) : undefined, dryRun: settings.dryRun });
}

function estimateMs(selected: readonly Workload[], settings: Settings): number {
  return selected.reduce((total, w) => total + w.estimateMs(settings), 0);
}

async function runAll(selected: readonly Workload[], settings: Settings): Promise<Saved> {
  const began = performance.now();
  const estimate = estimateMs(selected, settings);
  console.error(`bench: ${settings.only.join(", ")} on ${settings.runtimes.map((r) => r.label).join(", ")}; about ${minutes(estimate)}`);
  if (settings.runtimes.some((r) => r.id === "node")) await bundleForNode(selected.flatMap((w) => w.children));
  const recorder = new Recorder(began);
  const child: Bench["child"] = (runtime, file, args, doneWithinMs, onLine) => {
    const [cmd, argv] = runtime.command(file, args);
    return runChild(cmd, argv, root, {
      readyWithinMs: settings.setupLimitMs,
      doneWithinMs,
      memoryCapBytes: settings.memoryCapBytes,
      ...(onLine === undefined ? {} : { onLine }),
    });
  };
  const runs: Record<string, number> = {};
  let bundle: Saved["bundle"];
  for (const w of selected) {
    const n = w.runs(settings);
    runs[w.id] = n;
    const out = await w.run({ settings, runs: n, recorder, child });
    if (out !== undefined) bundle = out.bundle;
  }
  const result: Saved = {
    date: new Date().toISOString().slice(0, 10),
    elapsedMs: performance.now() - began,
    machine: await machine(),
    cores: navigator.hardwareConcurrency,
    versions: await versions(),
    checkout: await checkout(),
    settings: {
      seconds: settings.seconds ?? DEFAULT_SECONDS,
      scale: settings.scale,
      setupLimitMs: settings.setupLimitMs,
      memoryCapBytes: settings.memoryCapBytes,
      only: [...settings.only],
    },
    runs,
    bundle,
    cells: recorder.cells,
  };
  const path = await saveResults(result);
  console.error(`bench: done in ${minutes(result.elapsedMs)} (estimate was ${minutes(estimate)}); results in ${path}`);
  return result;
}

/** What the workloads' renders read: summaries by workload, scheduler and runtime. */
function rendering(saved: Saved, settings: Settings): Rendering {
  const summaries = new Map(saved.cells.map((c) => [`${c.workload}/${c.scheduler}/${c.runtime}`, summarize(c)]));
  return {
    saved,
    settings,
    get: (w, scheduler, runtime) => summaries.get(`${w}/${scheduler}/${runtime}`),
    first: (id) => saved.cells.find((c) => c.workload === id && c.results.length > 0)?.results[0],
    ran: (id) => saved.cells.some((c) => c.workload === id),
    runtimes: (...ids) => RUNTIMES.map((r) => r.label).filter((label) => saved.cells.some((c) => ids.includes(c.workload) && c.runtime === label)),
  };
}

if (import.meta.main) await main(Deno.args);
