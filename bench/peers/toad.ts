/** toad-scheduler: one SimpleIntervalJob per task in one ToadScheduler. */
import { SimpleIntervalJob, Task, ToadScheduler } from "toad-scheduler";
import { measure } from "./measure.ts";

await measure("toad-scheduler", ({ count, period }, tick) => {
  const scheduler = new ToadScheduler();
  for (let i = 0; i < count; i++) {
    scheduler.addSimpleIntervalJob(new SimpleIntervalJob({ milliseconds: period }, new Task(`t${i}`, () => tick(i)), { id: `t${i}` }));
  }
});
