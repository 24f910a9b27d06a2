/**
 * Every workload of the bench, in the order the document reads them (and `npm run bench` runs the
 * default ones). Adding one: a module in bench/workloads/ that exports a `Workload`, and its line
 * here.
 * @module
 */
import { COLD_START } from "./cold_start.ts";
import { COLD_WINDOW } from "./cold_window.ts";
import { CRON_MODE } from "./cron.ts";
import { LEASE } from "./lease.ts";
import { EVERY_MILLISECOND } from "./millisecond.ts";
import { OTEL } from "./otel.ts";
import { SCALE } from "./scale.ts";
import { SHUTDOWN } from "./shutdown.ts";
import { EVERY_100MS, SECOND_100K, SECOND_10K } from "./tick.ts";
import type { Workload } from "./workload.ts";

export const WORKLOADS: readonly Workload[] = [
  EVERY_100MS,
  SECOND_10K,
  SECOND_100K,
  COLD_WINDOW,
  EVERY_MILLISECOND,
  SHUTDOWN,
  COLD_START,
  CRON_MODE,
  SCALE,
  LEASE,
  OTEL,
];
