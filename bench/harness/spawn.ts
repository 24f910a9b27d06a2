/**
 * Runs one measured child process and watches it: a child that passes the memory cap, does not
 * finish its setup in time, or does not end its window in time is killed and reported with the
 * reason, so that one scheduler that cannot cope costs minutes of nobody's bench and still shows up
 * in the tables.
 * @module
 */

/** One JSON line a child printed (lines that are not JSON, like a peer's warnings, are skipped). */
export type Line = Record<string, unknown> & { bench: string };

/** What a child did: its JSON lines, and why it failed if it did. */
export interface ChildRun {
  readonly lines: Line[];
  /** Undefined when the child printed a result and exited 0. */
  readonly failure: string | undefined;
  /** Wall time from spawn to exit, ms. */
  readonly wallMs: number;
  /** performance.now() when the exit was seen. */
  readonly exitedAt: number;
  /** The largest resident set size seen (sampled every 100 ms), bytes. */
  readonly peakRssBytes: number;
}

/** Limits of one child. */
export interface Limits {
  /** From spawn to its `{"bench":"ready"}` line, ms. */
  readonly readyWithinMs: number;
  /** From the ready line to exit, ms. */
  readonly doneWithinMs: number;
  /** Resident set size at which the child is killed as out of memory, bytes. */
  readonly memoryCapBytes: number;
  /** Called for every JSON line, with a way to signal the child (the shutdown bench sends SIGTERM). */
  readonly onLine?: (line: Line, signal: (signal: Deno.Signal) => void) => void;
}

const GIB = 1024 ** 3;

/** Spawns `cmd args` in `cwd` and waits for it under `limits`. */
export async function runChild(cmd: string, args: string[], cwd: string, limits: Limits): Promise<ChildRun> {
  const started = performance.now();
  const child = new Deno.Command(cmd, { args, cwd, stdin: "null", stdout: "piped", stderr: "piped" }).spawn();
  const lines: Line[] = [];
  let failure: string | undefined;
  let ready = false;
  let peakRssBytes = 0;
  const kill = (reason: string): void => {
    failure ??= reason;
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  };
  const signal = (s: Deno.Signal): void => child.kill(s);

  // The resident size goes with a timeout, so that a setup that was still eating memory says so.
  const resident = (): string => `${(Math.max(peakRssBytes, residentBytes(child.pid)) / GIB).toFixed(1)} GiB resident`;
  let deadline = setTimeout(() => kill(`no setup within ${limits.readyWithinMs / 1_000} s (${resident()})`), limits.readyWithinMs);
  const watchdog = setInterval(() => {
    const rss = residentBytes(child.pid);
    peakRssBytes = Math.max(peakRssBytes, rss);
    if (rss > limits.memoryCapBytes) kill(`out of memory (over ${limits.memoryCapBytes / GIB} GiB resident)`);
  }, 100);

  const onText = (text: string): void => {
    if (!text.startsWith("{")) return;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      return;
    }
    if (typeof line.bench !== "string") return;
    lines.push(line);
    if (line.bench === "ready" && !ready) {
      ready = true;
      clearTimeout(deadline);
      deadline = setTimeout(() => kill(`stalled: no result ${limits.doneWithinMs / 1_000} s after its setup (${resident()})`), limits.doneWithinMs);
    }
    limits.onLine?.(line, signal);
  };
  // Both pipes are drained to the end: a child blocked on a full pipe would look like a slow scheduler.
  const [, stderr, status] = await Promise.all([
    forEachLine(child.stdout, onText),
    tail(child.stderr, 4_000),
    child.status,
  ]);
  const exitedAt = performance.now();
  clearTimeout(deadline);
  clearInterval(watchdog);

  if (failure === undefined && !status.success) {
    if (/out of memory|heap limit|allocation failed/i.test(stderr)) failure = "out of memory (heap limit)";
    else if (status.signal !== null) failure = `killed by ${status.signal}`;
    else failure = `crashed: ${lastLine(stderr)}`;
  }
  if (failure === undefined && !lines.some((l) => l.bench === "result")) failure = `no result: ${lastLine(stderr)}`;
  return { lines, failure, wallMs: exitedAt - started, exitedAt, peakRssBytes };
}

/** VmRSS of a process from /proc, bytes; 0 when it is gone or /proc is not there. */
function residentBytes(pid: number): number {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}

async function forEachLine(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts) onLine(part.trim());
  }
  if (rest.trim() !== "") onLine(rest.trim());
}

async function tail(stream: ReadableStream<Uint8Array>, keep: number): Promise<string> {
  let text = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) text = (text + chunk).slice(-keep);
  return text;
}

/** The line that names the error if there is one (a stack's last line says little), else the last line. */
function lastLine(text: string): string {
  const lines = text.trim().split("\n").filter((l) => l.trim() !== "");
  const line = lines.findLast((l) => /error/i.test(l)) ?? lines.at(-1) ?? "no output";
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}
