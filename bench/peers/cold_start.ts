/**
 * Cold start: how long importing one module takes in a fresh process, `mod.ts` (or its Node
 * bundle) or a peer for reference. The parent passes the module's file URL.
 *
 *   node_modules/.bin/deno run -A bench/peers/cold_start.ts file:///…/mod.ts
 */
import process from "node:process";

const url = process.argv[2];
if (url === undefined) throw new Error("usage: cold_start.ts <module URL>");
const t0 = performance.now();
await import(url);
const importMs = performance.now() - t0;
console.log(JSON.stringify({ bench: "ready" }));
console.log(JSON.stringify({ bench: "result", importMs }));
