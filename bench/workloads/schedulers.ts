/**
 * The schedulers compared: each one's file in bench/peers/ (run in a child process) and the name
 * the tables give it.
 * @module
 */

/** A scheduler: its file in bench/peers/ and its labels. */
export interface Scheduler {
  readonly file: string;
  readonly label: string;
  /** On chart axes, where the package name would be cut. */
  readonly short?: string;
  /** Cron peers: at 100,000 tasks they need about the setup limit or longer (16 to 23 s measured on Node). */
  readonly slowSetup?: boolean;
}

export const OURS: Scheduler = { file: "ours", label: "@background/workers", short: "ours" };
export const OURS_CRON: Scheduler = { file: "ours_cron", label: "@background/workers (cron)", short: "ours (cron)" };
export const TOAD: Scheduler = { file: "toad", label: "toad-scheduler" };
export const INTERVAL: Scheduler = { file: "set_interval", label: "setInterval" };
export const CHAIN: Scheduler = { file: "set_timeout", label: "setTimeout chain" };
export const CRONER: Scheduler = { file: "croner", label: "croner", slowSetup: true };
export const CRON: Scheduler = { file: "cron", label: "cron", slowSetup: true };
export const NODE_CRON: Scheduler = { file: "node_cron", label: "node-cron", slowSetup: true };
export const NODE_SCHEDULE: Scheduler = { file: "node_schedule", label: "node-schedule", slowSetup: true };

/** Schedulers with a millisecond interval. */
export const MILLISECOND: readonly Scheduler[] = [OURS, TOAD, INTERVAL, CHAIN];
/** Everyone: the cron peers run `* * * * * *`, so they only take part at a 1 s period. */
export const EVERY_SECOND: readonly Scheduler[] = [OURS, OURS_CRON, TOAD, INTERVAL, CHAIN, CRONER, CRON, NODE_CRON, NODE_SCHEDULE];

/** The name a chart gives a scheduler. */
export const short = (s: Scheduler): string => s.short ?? s.label;
