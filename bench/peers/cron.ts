/** The `cron` package: one started CronJob per task, on "* * * * * *". */
import { CronJob } from "cron";
import { everySecond, measure } from "./measure.ts";

await measure("cron", (w, tick) => {
  const pattern = everySecond("cron", w);
  for (let i = 0; i < w.count; i++) CronJob.from({ cronTime: pattern, onTick: () => tick(i), start: true });
});
