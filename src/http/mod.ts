/**
 * Health, Prometheus metrics and a live dashboard over HTTP: `statusHandler(manager)` is a
 * web-standard fetch handler, `(request: Request) => Promise<Response>`, that `Bun.serve`,
 * `Deno.serve`, Hono (`app.mount`) and Node (`node:http` through {@link nodeListener}) serve as
 * it is. Under an optional base path:
 *
 * - `GET /health`: every worker's status as JSON; 200 while healthy, 503 when a worker failed
 *   `failingAfter` times in a row, is late by more than `lateAfterMs`, or the manager is not running;
 * - `GET /metrics`: the Prometheus text format, with the telemetry entry point's metric names;
 * - `GET /`: the dashboard page, which polls `GET /api/status`;
 * - `POST /api/workers/{name}/{trigger|pause|resume}`: only with `actions: { authorize }`, from the
 *   same origin; 403 otherwise.
 *
 * Anything else is 404. The handler watches runs through `manager.observe()` (recent runs and the
 * histograms); dispose it to stop watching.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager, periodic } from "@background/workers";
 * import { statusHandler } from "@background/workers/http";
 *
 * const manager = new BackgroundWorkerManager();
 * manager.add(periodic("CacheWarmer", { period: 60_000 }, async ({ signal }) => {
 *   await fetch("https://example.com/warm", { signal });
 * }));
 * const status = statusHandler(manager, { basePath: "/workers" });
 * Deno.serve({ port: 3000 }, status); // /workers/health, /workers/metrics, /workers/
 * await manager.start();
 * ```
 * @module
 */
import type { BackgroundWorkerManager } from "../core/manager.ts";
import { checkKeys, checkObject, checkPositive, show } from "../core/options.ts";
import { act, type ActionOptions, actionRules, authorized, parseAction } from "./actions.ts";
import { dashboardPage, dashboardPolicy } from "./dashboard.ts";
import { healthBody, type HealthOptions, healthRules, type WorkerHealth } from "./health.ts";
import { exposition } from "./metrics.ts";
import { type RecentRun, RunLog } from "./run_log.ts";

export type { ActionOptions } from "./actions.ts";
export type { HealthBody, HealthOptions, WorkerHealth } from "./health.ts";
export type { ErrorLine, RecentRun } from "./run_log.ts";
export { type NodeListener, nodeListener, type NodeRequestLike, type NodeResponseLike } from "./node_listener.ts";

const OWNER = "statusHandler";

/**
 * Options of {@link statusHandler}.
 *
 * @example
 * ```ts
 * import type { StatusHandlerOptions } from "@background/workers/http";
 *
 * const options: StatusHandlerOptions = {
 *   basePath: "/ops/workers",
 *   health: { failingAfter: 5 },
 *   actions: { authorize: (request) => request.headers.get("x-operator") === "yes" },
 * };
 * ```
 */
export interface StatusHandlerOptions {
  /** Where the routes live: `"/ops"` serves `/ops/health`, `/ops/metrics`, `/ops/`. Default: the root. */
  readonly basePath?: string;
  /** When `/health` answers 503 (see {@link HealthOptions}). */
  readonly health?: HealthOptions;
  /** Settled runs kept per worker for the dashboard (an integer ≥ 0). Default 20. */
  readonly history?: number;
  /** Lets the dashboard trigger, pause and resume; without it the page is read-only. */
  readonly actions?: ActionOptions;
  /** The page's title and heading. Default "Background workers". */
  readonly title?: string;
  /** How often the page polls, in ms. Default 2,000. */
  readonly refreshMs?: number;
  /**
   * The time (epoch ms) that lateness and `checkedAt` are judged at. Default `Date.now`; for a
   * manager on a `TestClock`, `() => clock.now`, the time its `nextRunAt` values are read against.
   */
  readonly now?: () => number;
}

/**
 * What {@link statusHandler} returns: a fetch handler, and a Disposable that stops its watching of
 * the manager's runs.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { type StatusHandler, statusHandler } from "@background/workers/http";
 *
 * const handler: StatusHandler = statusHandler(new BackgroundWorkerManager());
 * const response = await handler(new Request("http://localhost/health"));
 * handler[Symbol.dispose]();
 * ```
 */
export interface StatusHandler {
  /** Answers one request. */
  (request: Request): Promise<Response>;
  /** Stops observing the manager's runs. */
  [Symbol.dispose](): void;
}

/** One worker as `GET /api/status` gives it to the page: its health line and recent runs. */
interface PageWorker extends WorkerHealth {
  readonly recent: readonly RecentRun[];
}

const COMMON = { "cache-control": "no-store", "x-content-type-options": "nosniff" } as const;

function basePathOf(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value !== "string" || !/^(\/[^/?#]+)*\/?$/.test(value)) {
    throw new TypeError(`${OWNER}: option "basePath" must be a path like "/ops/workers", got ${show(value)}`);
  }
  return value.endsWith("/") ? value.slice(0, -1) : value;
}

function nonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * A fetch handler for the manager's health, metrics and dashboard (see the module doc for the routes).
 * @throws {TypeError | RangeError} for a bad option, naming it and the value.
 *
 * @example
 * ```ts
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { statusHandler } from "@background/workers/http";
 *
 * const manager = new BackgroundWorkerManager();
 * const handler = statusHandler(manager);
 * const health = await handler(new Request("http://localhost/health"));
 * console.log(health.status, await health.json());
 * ```
 */
export function statusHandler(manager: BackgroundWorkerManager, options: StatusHandlerOptions = {}): StatusHandler {
  if (manager === null || typeof manager !== "object" || typeof manager.status !== "function" || typeof manager.observe !== "function") {
    throw new TypeError(`${OWNER}: expected a BackgroundWorkerManager, got ${show(manager)}`);
  }
  checkObject(OWNER, "options", options);
  checkKeys(OWNER, options, ["basePath", "health", "history", "actions", "title", "refreshMs", "now"]);
  const base = basePathOf(options.basePath);
  const rules = healthRules(OWNER, options.health);
  const actions = actionRules(OWNER, options.actions);
  const history = options.history ?? 20;
  if (typeof history !== "number" || !Number.isInteger(history) || history < 0) {
    throw new RangeError(`${OWNER}: option "history" must be an integer ≥ 0, got ${show(history)}`);
  }
  const title = options.title ?? "Background workers";
  if (typeof title !== "string") throw new TypeError(`${OWNER}: option "title" must be a string, got ${show(title)}`);
  const refreshMs = options.refreshMs === undefined ? 2_000 : checkPositive(OWNER, "refreshMs", options.refreshMs);
  const page = { base, title, refreshMs };
  const now = options.now ?? Date.now;
  if (typeof now !== "function") throw new TypeError(`${OWNER}: option "now" must be a function, got ${show(now)}`);

  const log = new RunLog(history);
  const observing = manager.observe(log.observer);

  const statuses = () => {
    const lines = manager.status();
    log.keepOnly(new Set(lines.map((s) => s.name)));
    return lines;
  };

  const get = async (route: string, request: Request): Promise<Response> => {
    switch (route) {
      case "/health": {
        const body = healthBody(manager, statuses(), rules, now());
        return Response.json(body, { status: body.status === "ok" ? 200 : 503, headers: COMMON });
      }
      case "/metrics":
        return new Response(exposition(manager, statuses(), log, rules, now()), {
          headers: { ...COMMON, "content-type": "text/plain; version=0.0.4; charset=utf-8" },
        });
      case "/api/status": {
        const body = healthBody(manager, statuses(), rules, now());
        const workers: PageWorker[] = body.workers.map((w) => ({ ...w, recent: log.get(w.name)?.recent ?? [] }));
        return Response.json({ ...body, workers, actions: await authorized(actions, request) }, { headers: COMMON });
      }
      default: {
        const n = nonce();
        return new Response(dashboardPage(page, n), {
          headers: {
            ...COMMON,
            "content-type": "text/html; charset=utf-8",
            "content-security-policy": dashboardPolicy(n),
            "referrer-policy": "no-referrer",
            "x-frame-options": "DENY",
          },
        });
      }
    }
  };

  const handler = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    if (path !== base && !path.startsWith(`${base}/`)) return notFound();
    const route = path.slice(base.length) || "/";
    if (route.startsWith("/api/workers/")) {
      const target = parseAction(route.slice("/api/workers/".length));
      return target === undefined ? notFound() : act(manager, actions, request, target);
    }
    if (route !== "/" && route !== "/health" && route !== "/metrics" && route !== "/api/status") return notFound();
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("method not allowed", { status: 405, headers: { ...COMMON, allow: "GET, HEAD" } });
    }
    const response = await get(route, request);
    return request.method === "HEAD" ? new Response(null, { status: response.status, headers: response.headers }) : response;
  };
  return Object.assign(handler, { [Symbol.dispose]: (): void => observing[Symbol.dispose]() });
}

function notFound(): Response {
  return new Response("not found", { status: 404, headers: { ...COMMON, "content-type": "text/plain; charset=utf-8" } });
}
