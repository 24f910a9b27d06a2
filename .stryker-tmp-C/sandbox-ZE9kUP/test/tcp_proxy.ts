/**
 * A TCP proxy on 127.0.0.1 in front of a store, for the fault tests: it can cut the network (drop
 * every connection and refuse new ones), and stall it (requests still reach the store, its replies
 * are held back), which is how an acquire succeeds on the server while the client gives up on it.
 * @module
 */
// @ts-nocheck

import { createConnection, createServer, type Server, type Socket } from "node:net";

export class TcpProxy {
  #server: Server | undefined;
  readonly #pairs = new Set<{ client: Socket; upstream: Socket; held: Uint8Array[] }>();
  #stalled = false;
  /** The port to connect to; fixed at the first open(), kept by later ones. */
  port = 0;
  constructor(readonly target: number) {}

  /** Accepts connections (again, on the same port after cut()). */
  async open(): Promise<void> {
    const server = createServer((client) => this.#pair(client));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
  }

  /** Refuses new connections and drops the open ones, with any replies held by stall(). */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#stalled = false;
    for (const { client, upstream } of this.#pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.#pairs.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** From now on the store's replies are held back; requests still go through. */
  stall(): void {
    this.#stalled = true;
  }

  /** Delivers the held replies, late, and forwards again. */
  resume(): void {
    this.#stalled = false;
    for (const pair of this.#pairs) {
      for (const chunk of pair.held.splice(0)) pair.client.write(chunk);
    }
  }

  #pair(client: Socket): void {
    const upstream = createConnection({ host: "127.0.0.1", port: this.target });
    const pair = { client, upstream, held: [] as Uint8Array[] };
    this.#pairs.add(pair);
    const close = (): void => {
      this.#pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const s of [client, upstream]) {
      s.on("error", () => {});
      s.on("close", close);
    }
    client.on("data", (chunk: Uint8Array) => upstream.write(chunk));
    upstream.on("data", (chunk: Uint8Array) => (this.#stalled ? pair.held.push(chunk) : client.write(chunk)));
  }
}
