/**
 * Makes the README's picture of the dashboard from a real run: a manager with a few workers (one
 * that fails now and then, one paused, one on cron) behind `statusHandler`, served on 127.0.0.1,
 * run for a few seconds, then shot by headless Chromium (Debian's package, driven by
 * playwright-core) into docs/dashboard.png.
 *
 *   deno run -A scripts/screenshot_dashboard.ts [--out docs/dashboard.png] [--seconds 8]
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import "../src/cron/mod.ts";
import { BackgroundWorkerManager, periodic } from "../mod.ts";
import { statusHandler } from "../src/http/mod.ts";
import { chromiumMissing, launch, serve } from "../test/browser/harness.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { out: { type: "string", default: "docs/dashboard.png" }, seconds: { type: "string", default: "8" } } });
const missing = chromiumMissing();
if (missing !== undefined) throw new Error(`cannot take the screenshot: ${missing}`);

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((done) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), done()), { once: true });
  });

const manager = new BackgroundWorkerManager({ logger: { debug() {}, info() {}, warn() {}, error() {} } });
manager.add(periodic("PassiveUserChecker", { period: 2_000, runOnStart: true }, ({ signal }) => sleep(40 + Math.random() * 30, signal)));
manager.add(periodic("MetricsFlusher", { period: 1_000, runOnStart: true }, ({ signal }) => sleep(300, signal)));
let mails = 0;
manager.add(periodic("InvoiceMailer", { period: 700, runOnStart: true }, async ({ signal }) => {
  await sleep(15, signal);
  if (++mails % 3 === 0) throw new Error("SMTP 451 <mx.example.com>: try again later");
}));
manager.add(periodic("ReportBuilder", { period: 1_500, runOnStart: true }, ({ signal }) => sleep(120, signal)));
manager.add(periodic("NightlyCleanup", { cron: "0 0 3 * * *", timezone: "UTC" }, () => {}));

const handler = statusHandler(manager, { refreshMs: 500, title: "Background workers: billing-api", actions: { authorize: () => true } });
const server = await serve(handler);
await manager.start();
const { browser, close } = await launch();
try {
  await sleep(2_000);
  await manager.pause("ReportBuilder");
  await sleep(Number(values.seconds) * 1_000 - 2_000);
  const page = await browser.newPage({ viewport: { width: 1280, height: 420 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('tr[data-worker="NightlyCleanup"]');
  await sleep(600);
  const out = resolve(root, values.out);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await close();
  await server.close();
  handler[Symbol.dispose]();
  await manager.stop();
}
