/** croner: one Cron job per task, on "* * * * * *" (croner has no millisecond interval). */
import { Cron } from "croner";
import { everySecond, measure } from "./measure.ts";

await measure("croner", (w, tick) => {
  const pattern = everySecond("croner", w);
  for (let i = 0; i < w.count; i++) new Cron(pattern, () => tick(i));
});
