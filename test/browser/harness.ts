/**
 * What the browser test and the screenshot script share: Debian's Chromium driven by
 * playwright-core (no browser download), and a real manager behind `statusHandler` on 127.0.0.1
 * through `node:http`.
 */
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, chromium } from "playwright-core";
import type { BackgroundWorkerManager } from "../../mod.ts";
import { nodeListener, type StatusHandler } from "../../src/http/mod.ts";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Why the browser cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (Debian's chromium package; scripts/install_test_tools.sh installs it)`;
}

/**
 * Launches headless Chromium. Its profile is fresh: Playwright starts the browser with a
 * `--user-data-dir` of its own in a new temporary folder (it refuses one passed in `args`) and
 * removes it at close.
 */
export async function launch(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** A node:http server on 127.0.0.1 (a free port) for a fetch handler. */
export async function serve(handler: (request: Request) => Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(nodeListener(handler));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

/** A status handler that also records the answer to every action request, for the test to check. */
export function recording(handler: StatusHandler): { handler: (r: Request) => Promise<Response>; actions: { path: string; origin: string | null; status: number }[] } {
  const actions: { path: string; origin: string | null; status: number }[] = [];
  return {
    actions,
    handler: async (request) => {
      const response = await handler(request);
      const path = new URL(request.url).pathname;
      if (path.includes("/api/workers/")) actions.push({ path, origin: request.headers.get("origin"), status: response.status });
      return response;
    },
  };
}

/** Every worker of the manager stopped and the servers closed, whatever failed before. */
export async function shutDown(manager: BackgroundWorkerManager, ...closers: (() => Promise<void>)[]): Promise<void> {
  await Promise.allSettled(closers.map((close) => close()));
  await manager.stop();
}
