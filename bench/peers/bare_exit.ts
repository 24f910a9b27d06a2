/** The floor for the shutdown bench: a process that does nothing but exit on SIGTERM. */
import process from "node:process";

process.on("SIGTERM", () => {
  console.log(JSON.stringify({ bench: "result" }));
  process.exit(0);
});
// Keeps the event loop alive until the signal.
setInterval(() => {}, 60_000);
console.log(JSON.stringify({ bench: "ready" }));
