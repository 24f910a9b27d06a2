/** Our scheduler: one manager, one periodic worker per task (fixed delay, the default). */
import { BackgroundWorkerManager, periodic } from "../../mod.ts";
import { measure } from "./measure.ts";

await measure("ours", async ({ count, period }, tick) => {
  const manager = new BackgroundWorkerManager();
  for (let i = 0; i < count; i++) manager.add(periodic(`t${i}`, { period }, () => tick(i)));
  await manager.start();
});
