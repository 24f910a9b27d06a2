/**
 * "Schedulers compared": the frame that holds the compared workloads' sections, and its head (how
 * the peers were run, on what, what the columns mean) with the verdict.
 * @module
 */
import type { Section } from "../harness/document.ts";
import { minutes } from "../harness/results.ts";
import { fill } from "../harness/template.ts";
import { SECOND_10K } from "./tick.ts";
import { verdict } from "./verdict.ts";
import type { Rendering, Workload } from "./workload.ts";

/** The empty frame, a "not run yet" section per compared workload in registry order. */
export function frame(workloads: readonly Workload[]): Section {
  const parts = workloads.filter((w) => w.compared).map((w) => fill("comparison", "not-run", { name: `peers-${w.id}`, title: w.title, id: w.id }));
  return { name: "peers", body: fill("comparison", "frame", { parts: parts.join("\n\n") }) };
}

/** The head of the comparison: how it was run, and the verdict. */
export function head(doc: Rendering): Section {
  const s = doc.saved;
  const v = s.versions;
  // The command that made the figures: the 10 s workloads' run count says whether --runs was given.
  const runs = s.runs[SECOND_10K.id] ?? 1;
  const text = fill("comparison", "head", {
    command: runs === 1 ? "npm run bench" : `npm run bench -- --runs ${runs}`,
    date: s.date,
    elapsed: minutes(s.elapsedMs),
    only: s.settings.only.join(", "),
    machine: s.machine,
    node: v.node!,
    deno: v.deno!,
    bun: v.bun!,
    ours: v.ours!,
    checkout: s.checkout,
    toad: v["toad-scheduler"]!,
    croner: v.croner!,
    cron: v.cron!,
    luxon: v.luxon!,
    nodeCron: v["node-cron"]!,
    nodeSchedule: v["node-schedule"]!,
    memoryCap: s.settings.memoryCapBytes / 1024 ** 3,
    setupLimit: s.settings.setupLimitMs / 1_000,
    seconds: s.settings.seconds,
  });
  return { name: "peers-head", body: `${text}\n\n${verdict(doc)}` };
}
