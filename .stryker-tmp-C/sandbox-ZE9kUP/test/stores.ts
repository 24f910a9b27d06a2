/**
 * Private stores for tests and benches that restart, kill or count a store: a redis-server and a
 * PostgreSQL cluster (initdb) of their own, on free ports of 127.0.0.1, so that the shared ones on
 * 6379 and 5432 are never touched. Whatever is still running when the process exits is killed and
 * its data deleted.
 * @module
 */
// @ts-nocheck

import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import pg from "pg";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir !== "" && existsSync(join(dir, binary))) return join(dir, binary);
  }
  return undefined;
}

/** Polls `ready` every 50 ms until it resolves true, at most `ms`; rejects with `what` otherwise. */
async function until(what: string, ms: number, ready: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (await ready().catch(() => false)) return;
    await sleep(50);
  }
  throw new Error(`${what} not ready within ${ms} ms`);
}

/** Every store process still alive, so that an exit or a crash of this process takes them along. */
const live = new Set<Tracked>();
process.on("exit", () => {
  for (const { proc, dir, hard } of live) {
    try {
      proc.kill(hard);
    } catch {
      // gone already
    }
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
});

interface Tracked {
  proc: ChildProcess;
  /** A temp folder to delete with it. */
  dir: string | undefined;
  /** The signal that ends it at once with nothing left behind. */
  hard: NodeJS.Signals;
  exited: Promise<void>;
}

function track(proc: ChildProcess, dir: string | undefined, hard: NodeJS.Signals): Tracked {
  let exit!: () => void;
  const entry: Tracked = { proc, dir, hard, exited: new Promise<void>((resolve) => (exit = resolve)) };
  live.add(entry);
  proc.once("exit", () => (live.delete(entry), exit()));
  proc.stdout?.resume();
  proc.stderr?.resume();
  return entry;
}

/** Sends `signal`, waits up to `ms` for the exit, then the hard signal. */
async function end({ proc, exited, hard }: Tracked, signal: NodeJS.Signals, ms: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill(signal);
  if (await Promise.race([exited.then(() => true), sleep(ms).then(() => false)])) return;
  proc.kill(hard);
  await exited;
}

/** Why a private Redis cannot be started here, or undefined when it can. */
export function redisMissing(): string | undefined {
  return onPath("redis-server") === undefined ? "redis-server is not on PATH (apt-get install redis-server)" : undefined;
}

/** A redis-server of our own: no persistence, so a restart loses every key, as the fault needs. */
export class PrivateRedis {
  #proc: Tracked | undefined;
  port = 0;

  /** Starts it (on a free port the first time, on the same port after kill()). */
  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    const args = ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"];
    this.#proc = track(spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] }), undefined, "SIGKILL");
    await until(`redis-server on port ${this.port}`, 10_000, () => redisPing(this.port));
  }

  /** Kills it at once (SIGKILL by default), as a crash would. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const proc = this.#proc;
    this.#proc = undefined;
    if (proc !== undefined) await end(proc, signal, 5_000);
  }

  /** A crash and a restart without persistence: every key, fencing counters too, is gone. */
  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }

  /** Stops it for good. */
  stop(): Promise<void> {
    return this.kill("SIGTERM");
  }
}

/** Resolves true when a PING on 127.0.0.1:port gets PONG. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(1_000, () => (socket.destroy(), resolve(false)));
    socket.once("error", () => resolve(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => (socket.end(), resolve(String(data).startsWith("+PONG"))));
  });
}

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql, or the one of initdb on PATH. */
function postgresBin(): string | undefined {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, "bin/initdb"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (newest !== undefined) return join(base, newest, "bin");
  const initdb = onPath("initdb");
  return initdb === undefined ? undefined : join(initdb, "..");
}

/** PostgreSQL refuses to run as root: as root, run its binaries as the `postgres` user. */
function asPostgres(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string): number => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

/** Why a private PostgreSQL cluster cannot be started here, or undefined when it can. */
export function postgresMissing(): string | undefined {
  if (postgresBin() === undefined) return "initdb is not under /usr/lib/postgresql/*/bin nor on PATH (apt-get install postgresql)";
  if (process.getuid?.() === 0 && asPostgres() === undefined) return "running as root and there is no postgres user to run initdb as";
  return undefined;
}

/** A PostgreSQL cluster of our own in a temp folder: trust auth, no fsync, pg_stat_statements loaded. */
export class PrivatePostgres {
  #proc: Tracked | undefined;
  #dir = "";
  port = 0;
  /** The database the tests use (created by start()). */
  readonly database = "test";
  readonly user = "postgres";

  async start(): Promise<void> {
    const bin = postgresBin();
    if (bin === undefined) throw new Error(postgresMissing());
    const user = asPostgres();
    // setpriv execs the binary itself (no forking wrapper), so signals reach the postmaster.
    const command = (file: string, args: string[]): [string, string[]] =>
      user === undefined
        ? [join(bin, file), args]
        : ["setpriv", [`--reuid=${user.uid}`, `--regid=${user.gid}`, "--clear-groups", join(bin, file), ...args]];
    this.#dir = mkdtempSync(join(tmpdir(), "bgw-pg-"));
    if (user !== undefined) chownSync(this.#dir, user.uid, user.gid);
    const data = join(this.#dir, "data");
    const [initdb, initArgs] = command("initdb", ["-D", data, "-A", "trust", "-U", this.user, "-E", "UTF8", "--no-sync"]);
    execFileSync(initdb, initArgs, { stdio: "pipe" });
    this.port = await freePort();
    const [postgres, args] = command("postgres", [
      "-D", data, "-p", String(this.port), "-k", this.#dir, "-c", "listen_addresses=127.0.0.1",
      "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=400",
      "-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.max=1000",
    ]); // deno-fmt-ignore
    // SIGQUIT is its immediate shutdown: SIGKILL would leave its backends running.
    this.#proc = track(spawn(postgres, args, { stdio: ["ignore", "pipe", "pipe"] }), this.#dir, "SIGQUIT");
    await until(`PostgreSQL on port ${this.port}`, 30_000, () => this.query("SELECT 1", [], "postgres").then(() => true));
    await this.query(`CREATE DATABASE ${this.database}`, [], "postgres");
    // In both: the bench reads it from "postgres", so that its own reads are not counted in "test".
    for (const db of [this.database, "postgres"]) await this.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", [], db);
  }

  /** Connection settings for a pg client or postgres.js. */
  connection(database: string = this.database): { host: string; port: number; database: string; user: string } {
    return { host: "127.0.0.1", port: this.port, database, user: this.user };
  }

  /** One statement on a fresh connection (the admin's, not a tested client's); resolves with its rows. */
  async query(text: string, params: unknown[] = [], database: string = this.database): Promise<Record<string, unknown>[]> {
    const client = new pg.Client({ ...this.connection(database), connectionTimeoutMillis: 2_000 });
    client.on("error", () => {});
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Stops the cluster (fast shutdown) and deletes its folder. */
  async stop(): Promise<void> {
    const proc = this.#proc;
    this.#proc = undefined;
    // SIGINT is its fast shutdown: running backends are told to end, then it exits.
    if (proc !== undefined) await end(proc, "SIGINT", 10_000);
    if (this.#dir !== "") rmSync(this.#dir, { recursive: true, force: true });
  }
}
