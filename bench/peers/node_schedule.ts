/** node-schedule: one job per task, on "* * * * * *". */
import schedule from "node-schedule";
import { everySecond, measure } from "./measure.ts";

await measure("node-schedule", (w, tick) => {
  const pattern = everySecond("node-schedule", w);
  for (let i = 0; i < w.count; i++) schedule.scheduleJob(pattern, () => tick(i));
});
