/** The runtime's own setInterval, one per task: the floor any scheduler on timers builds on. */
import { measure } from "./measure.ts";

await measure("setInterval", ({ count, period }, tick) => {
  for (let i = 0; i < count; i++) setInterval(() => tick(i), period);
});
