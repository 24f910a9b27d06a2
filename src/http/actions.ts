/**
 * The dashboard's buttons: `POST {base}/api/workers/{name}/{trigger|pause|resume}`. Off unless the
 * handler has `actions: { authorize }`; then a request must be a POST, come from the page's own
 * origin (its `Origin` header, which browsers send with every POST, equals the request's origin or
 * one of `origins`), and be authorized. Anything short of that is 403 and changes nothing: a forged
 * form or fetch from another site cannot pause a worker, even with the user's cookies.
 * @module
 */
import type { BackgroundWorkerManager } from "../core/manager.ts";
import { checkFunction, checkKeys, checkObject, show } from "../core/options.ts";

/**
 * Who may trigger, pause and resume workers from the dashboard.
 *
 * @example
 * ```ts
 * import type { ActionOptions } from "@background/workers/http";
 *
 * const actions: ActionOptions = {
 *   // A cookie set by your login, a header added by your proxy: whatever says "operator".
 *   authorize: (request) => request.headers.get("authorization") === "Bearer let-me-in",
 * };
 * ```
 */
export interface ActionOptions {
  /** True when the request may act; also decides whether the page shows the buttons. */
  authorize(request: Request): boolean | Promise<boolean>;
  /**
   * Origins (`https://ops.example.com`) that may post besides the request's own: for a dashboard
   * behind a proxy that changes the host the handler sees.
   */
  readonly origins?: readonly string[];
}

/** The actions, resolved once. */
export interface ActionRules {
  readonly authorize: (request: Request) => boolean | Promise<boolean>;
  readonly origins: ReadonlySet<string>;
}

/** The three actions. */
export type ActionName = "trigger" | "pause" | "resume";

/** How long an action waits for a refusal before it answers 202: the core refuses at once. */
const REFUSAL_WAIT_MS = 50;

const ACTIONS: readonly ActionName[] = ["trigger", "pause", "resume"];

/** Checks and resolves the `actions` option; undefined keeps the dashboard read-only. */
export function actionRules(owner: string, options: ActionOptions | undefined): ActionRules | undefined {
  checkObject(owner, 'option "actions"', options);
  if (options === undefined) return undefined;
  checkKeys(`${owner}: option "actions"`, options, ["authorize", "origins"]);
  checkFunction(owner, "actions.authorize", options.authorize);
  const origins = options.origins ?? [];
  if (!Array.isArray(origins)) throw new TypeError(`${owner}: option "actions.origins" must be an array of origins, got ${show(origins)}`);
  for (const origin of origins) {
    if (typeof origin !== "string" || URL.canParse(origin) === false || new URL(origin).origin !== origin) {
      throw new TypeError(`${owner}: option "actions.origins" must hold origins like "https://ops.example.com", got ${show(origin)}`);
    }
  }
  const authorize = options.authorize.bind(options);
  return { authorize, origins: new Set(origins) };
}

/** True when `rules` allow this request to act (never throws: an authorize that throws says no). */
export async function authorized(rules: ActionRules | undefined, request: Request): Promise<boolean> {
  if (rules === undefined) return false;
  try {
    return (await rules.authorize(request)) === true;
  } catch {
    return false;
  }
}

function json(body: unknown, status: number): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store" } });
}

/** The action named by a path's rest (`{name}/{action}`), or undefined when it names none. */
export function parseAction(rest: string): { worker: string; action: ActionName } | undefined {
  const slash = rest.lastIndexOf("/");
  if (slash <= 0) return undefined;
  const action = rest.slice(slash + 1) as ActionName;
  if (!ACTIONS.includes(action)) return undefined;
  try {
    return { worker: decodeURIComponent(rest.slice(0, slash)), action };
  } catch {
    return undefined;
  }
}

/** Answers an action request: 403 unless allowed, 404 for an unknown worker, 409 when it cannot, else 202. */
export async function act(
  manager: BackgroundWorkerManager,
  rules: ActionRules | undefined,
  request: Request,
  target: { worker: string; action: ActionName },
): Promise<Response> {
  if (request.method !== "POST") {
    return new Response("method not allowed", { status: 405, headers: { allow: "POST" } });
  }
  if (rules === undefined) return json({ error: "actions are not enabled on this dashboard" }, 403);
  const origin = request.headers.get("origin");
  if (origin === null || (origin !== new URL(request.url).origin && !rules.origins.has(origin))) {
    return json({ error: "cross-origin request refused" }, 403);
  }
  if (!(await authorized(rules, request))) return json({ error: "not authorized" }, 403);
  const worker = manager.get(target.worker);
  if (worker === undefined) return json({ error: `no worker named ${show(target.worker)}` }, 404);
  let done: Promise<unknown>;
  try {
    // Called through the manager, so that its checks and errors are the ones users know.
    done = target.action === "trigger"
      ? manager.trigger(target.worker)
      : target.action === "pause"
      ? manager.pause(target.worker)
      : manager.resume(target.worker);
  } catch (error) {
    return json({ error: error instanceof Error ? error.message : String(error) }, 409);
  }
  // A refusal (paused, stopped) comes at once; a run or the pause's wait for a run may take long,
  // and the page sees its end in the status it polls.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refused = await Promise.race([
    done.then(() => undefined, (error: unknown) => error instanceof Error ? error.message : String(error)),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), REFUSAL_WAIT_MS))),
  ]);
  clearTimeout(timer);
  if (refused !== undefined) return json({ error: refused }, 409);
  return json({ worker: target.worker, action: target.action, accepted: true }, 202);
}
