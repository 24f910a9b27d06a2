/**
 * A fetch handler as a `node:http` request listener. Typed by the shape it uses rather than by
 * `node:http`'s types, so that this entry point imports nothing of Node and works with
 * `http.createServer`, `https.createServer`, Express or Fastify's raw request and response alike.
 * The handler's routes read no request body, so none is passed on; the response is sent whole
 * (the dashboard polls: no stream needs to stay open).
 * @module
 */

/**
 * What {@link nodeListener} reads of a Node request (`http.IncomingMessage` is one).
 *
 * @example
 * ```ts
 * import type { NodeRequestLike } from "@background/workers/http";
 *
 * const request: NodeRequestLike = { method: "GET", url: "/health", headers: { host: "localhost:3000" } };
 * ```
 */
export interface NodeRequestLike {
  /** The method, e.g. `"GET"`. */
  readonly method?: string | undefined;
  /** The request target, e.g. `"/health?x=1"`. */
  readonly url?: string | undefined;
  /** The headers, lower-cased. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The socket (a TLS one has `encrypted: true`). */
  readonly socket?: object | undefined;
}

/**
 * What {@link nodeListener} calls on a Node response (`http.ServerResponse` is one).
 *
 * @example
 * ```ts
 * import type { NodeResponseLike } from "@background/workers/http";
 *
 * const sink: NodeResponseLike = { writeHead: () => sink, end: () => sink };
 * ```
 */
export interface NodeResponseLike {
  /** Sends the status line and headers. */
  writeHead(status: number, headers: Record<string, string | string[]>): unknown;
  /** Sends the body and ends the response. */
  end(body?: Uint8Array): unknown;
}

/**
 * A `node:http` request listener.
 *
 * @example
 * ```ts
 * import type { NodeListener } from "@background/workers/http";
 *
 * const log = (listener: NodeListener): NodeListener => (req, res) => (console.log(req.url), listener(req, res));
 * ```
 */
export type NodeListener = (request: NodeRequestLike, response: NodeResponseLike) => void;

/**
 * Serves a fetch handler (such as `statusHandler(manager)`) from `node:http`. A handler that
 * throws answers 500.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { BackgroundWorkerManager } from "@background/workers";
 * import { nodeListener, statusHandler } from "@background/workers/http";
 *
 * const manager = new BackgroundWorkerManager();
 * createServer(nodeListener(statusHandler(manager))).listen(3000);
 * ```
 */
export function nodeListener(handler: (request: Request) => Promise<Response>): NodeListener {
  if (typeof handler !== "function") throw new TypeError(`nodeListener: expected a fetch handler function, got ${typeof handler}`);
  return (req, res) => {
    void serve(handler, req, res);
  };
}

async function serve(handler: (request: Request) => Promise<Response>, req: NodeRequestLike, res: NodeResponseLike): Promise<void> {
  let response: Response;
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      // HTTP/2 pseudo-headers (":path") are no header names for the fetch API.
      if (value === undefined || name.startsWith(":")) continue;
      if (typeof value === "string") headers.append(name, value);
      else for (const each of value) headers.append(name, each);
    }
    const host = headers.get("host") ?? "localhost";
    const scheme = (req.socket as { encrypted?: unknown } | undefined)?.encrypted === true ? "https" : "http";
    response = await handler(new Request(`${scheme}://${host}${req.url ?? "/"}`, { method: req.method ?? "GET", headers }));
  } catch {
    response = new Response("internal server error", { status: 500 });
  }
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    out[name] = value;
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length > 0) out["set-cookie"] = cookies;
  try {
    const body = response.body === null ? undefined : new Uint8Array(await response.arrayBuffer());
    res.writeHead(response.status, out);
    res.end(body);
  } catch {
    // The client went away, or the body failed mid-way: nothing is left to answer.
  }
}
