/** node-cron: one scheduled task per task, on "* * * * * *", default options. */
import cron from "node-cron";
import { everySecond, measure } from "./measure.ts";

await measure("node-cron", (w, tick) => {
  const pattern = everySecond("node-cron", w);
  for (let i = 0; i < w.count; i++) cron.schedule(pattern, () => tick(i));
});
