/** Our scheduler in cron mode: the same workers, each on the pattern "* * * * * *". */
import { BackgroundWorkerManager, periodic } from "../../mod.ts";
import "../../src/cron/mod.ts";
import { everySecond, measure } from "./measure.ts";

await measure("ours-cron", async (w, tick) => {
  const cron = everySecond("ours-cron", w);
  const manager = new BackgroundWorkerManager();
  for (let i = 0; i < w.count; i++) manager.add(periodic(`t${i}`, { cron }, () => tick(i)));
  await manager.start();
});
