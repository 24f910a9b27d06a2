/**
 * The dashboard in a real browser (`npm run test:browser`): headless Chromium (Debian's package,
 * driven by playwright-core) against a real manager served on 127.0.0.1. The page lists the
 * workers and updates live; "trigger" runs one and its count goes up; "pause" shows paused and no
 * run starts; without authorization there are no buttons and a forged POST gets 403, as does a
 * POST from another origin even with the operator's cookie; a worker named
 * `<img src=x onerror=alert(1)>` and an HTML error message show as text, and no script of theirs runs.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, Page } from "playwright-core";
import { BackgroundWorkerManager, periodic } from "../../mod.ts";
import { statusHandler } from "../../src/http/mod.ts";
import { silentLogger } from "../helpers.ts";
import { chromiumMissing, launch, recording, serve, shutDown } from "./harness.ts";

const missing = chromiumMissing();
if (missing) console.log(`skipping the browser tests: ${missing}`);

const EVIL_NAME = "<img src=x onerror=alert(1)>";
const EVIL_MESSAGE = "<script>window.__pwned = true</script><b>not bold</b>";
const TOKEN = "operator-secret";

describe.skipIf(missing !== undefined)("the dashboard in Chromium", () => {
  let manager: BackgroundWorkerManager;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let app: { url: string; close(): Promise<void> };
  let other: { url: string; close(): Promise<void> };
  let log: ReturnType<typeof recording>["actions"];
  const dialogs: string[] = [];

  beforeAll(async () => {
    manager = new BackgroundWorkerManager({ logger: silentLogger() });
    manager.add(periodic("Ticker", { period: 300, runOnStart: true }, () => {}));
    manager.add(periodic("Manual", { period: 3_600_000 }, () => {}));
    manager.add(periodic(EVIL_NAME, { period: 300, runOnStart: true }, () => {
      throw new Error(EVIL_MESSAGE);
    }));
    const status = statusHandler(manager, {
      refreshMs: 200,
      actions: { authorize: (request) => (request.headers.get("cookie") ?? "").split(/;\s*/).includes(`dashboard=${TOKEN}`) },
    });
    const recorded = recording(status);
    log = recorded.actions;
    app = await serve(recorded.handler);
    // Another origin (another port: same site, so the operator's cookie goes along) with a page that posts to the dashboard.
    other = await serve(() =>
      Promise.resolve(new Response(`<!doctype html><title>elsewhere</title><script>
        fetch(${JSON.stringify(app.url)} + "/api/workers/Manual/trigger", { method: "POST", mode: "no-cors", credentials: "include" })
          .finally(() => { document.title = "posted"; });
      </script>`, { headers: { "content-type": "text/html" } }))
    );
    await manager.start();
    ({ browser, close: closeBrowser } = await launch());
  }, 60_000);

  afterAll(async () => {
    await shutDown(manager, ...(closeBrowser ? [closeBrowser] : []), ...(app ? [app.close] : []), ...(other ? [other.close] : []));
  }, 60_000);

  async function open(authorized: boolean): Promise<Page> {
    const context = await browser.newContext();
    if (authorized) await context.addCookies([{ name: "dashboard", value: TOKEN, url: app.url }]);
    const page = await context.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(app.url + "/");
    await page.waitForSelector("tr[data-worker]");
    return page;
  }

  const cell = (page: Page, worker: string, field: string) =>
    page.locator(`tr[data-worker="${worker.replace(/["\\]/g, "\\$&")}"] td[data-field="${field}"]`);
  const runsOnPage = async (page: Page, worker: string) => Number(await cell(page, worker, "runs").textContent());

  test("lists the workers and updates live: the run count goes up without a reload", async () => {
    const page = await open(false);
    const names = await page.locator("tr[data-worker] td[data-field=name]").allTextContents();
    expect(names.map((n) => n.split("failed")[0])).toEqual(["Ticker", "Manual", EVIL_NAME]);
    const first = await runsOnPage(page, "Ticker");
    await expect.poll(() => runsOnPage(page, "Ticker"), { timeout: 10_000 }).toBeGreaterThan(first + 1);
    await page.context().close();
  });

  test("a worker named <img onerror> and an HTML error message show as text; none of their script runs", async () => {
    const page = await open(false);
    await expect.poll(() => cell(page, EVIL_NAME, "lastError").textContent(), { timeout: 10_000 }).toBe(`Error: ${EVIL_MESSAGE}`);
    expect(await cell(page, EVIL_NAME, "name").textContent()).toMatch(/^<img src=x onerror=alert\(1\)>failed \d+ times? in a row$/);
    expect(await page.locator("#workers img, #workers b, #workers script").count()).toBe(0);
    // Runs come and go (the page redraws every 200 ms): give an injected handler the time to fire.
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => (globalThis as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The row is marked unhealthy, and the summary says why.
    expect(await page.locator("#summary").textContent()).toContain(`Unhealthy: ${EVIL_NAME} (failed`);
    await page.context().close();
  });

  test("without authorization: no buttons, and a forged POST from the page gets 403 and runs nothing", async () => {
    const page = await open(false);
    expect(await page.locator("button").count()).toBe(0);
    const before = manager.status()[1]!.runs;
    const status = await page.evaluate(async (url) => (await fetch(url, { method: "POST" })).status, app.url + "/api/workers/Manual/trigger");
    expect(status).toBe(403);
    expect(manager.status()[1]!.runs).toBe(before);
    await page.context().close();
  });

  test("a POST from another origin is refused (403) even with the operator's cookie", async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "dashboard", value: TOKEN, url: app.url }]);
    const page = await context.newPage();
    const before = manager.status()[1]!.runs;
    await page.goto(other.url + "/");
    await page.waitForFunction('document.title === "posted"', undefined, { timeout: 10_000 });
    const forged = log.filter((a) => a.origin === other.url);
    expect(forged).toEqual([{ path: "/api/workers/Manual/trigger", origin: other.url, status: 403 }]);
    expect(manager.status()[1]!.runs).toBe(before);
    await context.close();
  });

  test("authorized: trigger runs a worker (its count goes up on the page); pause shows paused and no run starts; resume", async () => {
    const page = await open(true);
    await page.waitForSelector('tr[data-worker="Manual"] button[data-action=trigger]');
    const manual = await runsOnPage(page, "Manual");
    await page.click('tr[data-worker="Manual"] button[data-action=trigger]');
    await expect.poll(() => runsOnPage(page, "Manual"), { timeout: 10_000 }).toBe(manual + 1);

    await page.click('tr[data-worker="Ticker"] button[data-action=pause]');
    await expect.poll(() => cell(page, "Ticker", "state").textContent(), { timeout: 10_000 }).toBe("paused");
    const paused = await runsOnPage(page, "Ticker");
    // Five periods of 300 ms: a running worker would have started runs.
    await page.waitForTimeout(1_500);
    expect(await runsOnPage(page, "Ticker")).toBe(paused);
    expect(manager.status()[0]).toMatchObject({ state: "paused", runs: paused });
    expect(manager.status()[0]!.skipped.paused).toBeGreaterThan(0);
    expect(await page.locator('tr[data-worker="Ticker"] button[data-action=pause]').isHidden()).toBe(true);

    await page.click('tr[data-worker="Ticker"] button[data-action=resume]');
    await expect.poll(() => runsOnPage(page, "Ticker"), { timeout: 10_000 }).toBeGreaterThan(paused);
    expect(log.filter((a) => a.origin === app.url).map((a) => [a.path, a.status])).toEqual([
      ["/api/workers/Manual/trigger", 403], // the forged one, from the unauthorized page
      ["/api/workers/Manual/trigger", 202],
      ["/api/workers/Ticker/pause", 202],
      ["/api/workers/Ticker/resume", 202],
    ]);
    await page.context().close();
  });
});
