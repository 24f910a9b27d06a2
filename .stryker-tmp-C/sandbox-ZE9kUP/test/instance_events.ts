/**
 * Reading a cluster of lease_instance.ts children from outside: their JSON lines as events, their
 * runs across instances, and the checks every lease scenario makes (no two runs of one worker at
 * once on two instances; tokens that only grow, and grow when the lease changes hands).
 * @module
 */
// @ts-nocheck

import type { Child } from "./child.ts";

/** One line of a lease_instance.ts child. */
export interface InstanceEvent {
  e: string;
  /** Epoch ms when the child printed it. */
  at: number;
  w?: string;
  token?: number;
  aborted?: boolean;
  phase?: string;
  message?: string;
  trips?: number;
  slot?: number;
  report?: { ok: boolean; unsettled: { worker: string; run: number }[] };
}

/** The child's events from its line `from` on (lines that are not JSON are skipped). */
export function events(child: Child, from = 0): InstanceEvent[] {
  const list: InstanceEvent[] = [];
  for (let i = from; i < child.lines.length; i++) {
    const line = child.lines[i] as string;
    if (line.startsWith("{")) list.push(JSON.parse(line) as InstanceEvent);
  }
  return list;
}

/** A run as seen from outside: which instance, which worker, when, with which token. */
export interface Run {
  instance: number;
  w: string;
  start: number;
  /** Infinity while it goes on. */
  end: number;
  token: number;
  /** Its scheduledAt (epoch ms). */
  slot: number;
  /** Its signal's state when it ended. */
  aborted: boolean | undefined;
}

/** What the instances said so far, read incrementally (a 32-instance cluster prints thousands of lines a second). */
export class Observed {
  readonly runs: Run[] = [];
  /** Store errors, with the instance that reported each. */
  readonly errors: (InstanceEvent & { instance: number })[] = [];
  /** When an instance was SIGKILLed: its runs in flight ended then, not never. */
  readonly deaths: Map<number, number> = new Map();
  readonly #read: number[];
  readonly #open: Map<string, Run>[];
  constructor(readonly instances: Child[]) {
    this.#read = instances.map(() => 0);
    this.#open = instances.map(() => new Map());
  }

  /** Reads what the instances printed since the last update. */
  update(): this {
    this.instances.forEach((child, instance) => {
      const open = this.#open[instance] as Map<string, Run>;
      for (const e of events(child, this.#read[instance])) {
        if (e.e === "start") {
          const run = { instance, w: e.w as string, start: e.at, end: Infinity, token: e.token ?? 0, slot: e.slot ?? 0, aborted: undefined };
          open.set(run.w, run);
          this.runs.push(run);
        } else if (e.e === "end") {
          const run = open.get(e.w as string);
          if (run !== undefined) [run.end, run.aborted] = [e.at, e.aborted];
        } else if (e.e === "error") {
          this.errors.push({ ...e, instance });
        }
      }
      this.#read[instance] = child.lines.length;
    });
    return this;
  }

  /** The runs of one worker in the order they started. */
  of(worker: string): Run[] {
    return this.runs.filter((r) => r.w === worker).sort((a, b) => a.start - b.start);
  }
}

/** Pairs of runs of one worker on two instances that overlap in time (a run of a dead instance ends at its death). */
export function overlaps({ runs, deaths }: Observed): [Run, Run][] {
  const ended = runs.map((r) => ({ ...r, end: Math.min(r.end, deaths.get(r.instance) ?? Infinity) }));
  const byWorker = new Map<string, Run[]>();
  // Not Map.groupBy: Node 20 lacks it.
  for (const run of ended) {
    const list = byWorker.get(run.w);
    if (list === undefined) byWorker.set(run.w, [run]);
    else list.push(run);
  }
  const found: [Run, Run][] = [];
  for (const list of byWorker.values()) {
    list.sort((a, b) => a.start - b.start);
    let latest: Run | undefined;
    for (const run of list) {
      if (latest !== undefined && run.start < latest.end && run.instance !== latest.instance) found.push([latest, run]);
      if (latest === undefined || run.end > latest.end) latest = run;
    }
  }
  return found;
}

/** What is wrong with one worker's tokens: one goes down, or stays when another instance takes over. */
export function tokenFaults(runs: Run[]): string[] {
  const faults: string[] = [];
  for (let i = 1; i < runs.length; i++) {
    const [prev, cur] = [runs[i - 1] as Run, runs[i] as Run];
    if (cur.token < prev.token || (cur.instance !== prev.instance && cur.token === prev.token)) {
      faults.push(`${cur.w}: token ${prev.token} (instance ${prev.instance}) then ${cur.token} (instance ${cur.instance})`);
    }
  }
  return faults;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` every 20 ms until it gives something other than undefined or false, at most `ms`
 * (a generous bound: a condition, not a timing); rejects naming `what` and, if given, the state.
 */
export async function until<T>(
  what: string,
  ms: number,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  state?: () => string,
): Promise<T> {
  for (const deadline = Date.now() + ms; ;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`no ${what} within ${ms} ms${state === undefined ? "" : `; ${state()}`}`);
    await sleep(20);
  }
}
