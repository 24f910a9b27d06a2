/** A bare setTimeout chain per task: the next timer is set when the tick has run (fixed delay, like ours). */
import { measure } from "./measure.ts";

await measure("setTimeout chain", ({ count, period }, tick) => {
  for (let i = 0; i < count; i++) {
    const run = (): void => {
      tick(i);
      setTimeout(run, period);
    };
    setTimeout(run, period);
  }
});
