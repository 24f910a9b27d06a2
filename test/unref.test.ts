/**
 * The manager's `unref` option on real child processes, each runtime spawning its own kind: with
 * it, a process whose workers only wait exits by itself; without it, the manager's timer keeps the
 * process alive (until the test kills it).
 */
import { describe, expect, test } from "vitest";
import { runtime, start } from "./child.ts";

describe(`unref on ${runtime} (real child processes)`, () => {
  test("with unref: true the process exits by itself while its worker waits, after the run on start", async () => {
    const child = start("test/fixtures/unref_child.ts", ["unref"]);
    const exited = await Promise.race([
      child.exited,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20_000)),
    ]);
    if (exited === undefined) child.signal("SIGKILL");
    expect(exited?.code, `stderr: ${child.stderr()}`).toBe(0);
    expect(child.lines).toEqual(["ran", "waiting idle"]);
  }, 30_000);

  test("without unref the manager's timer keeps the process alive", async () => {
    const child = start("test/fixtures/unref_child.ts", ["ref"]);
    await child.waitFor(/^waiting idle$/);
    // Had the timer been unref'd, it would exit right after that line; 2 s is generous for that.
    const exited = await Promise.race([child.exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2_000))]);
    expect(exited).toBeUndefined();
    child.signal("SIGKILL");
    expect((await child.exited).signal ?? (await child.exited).code).toBeTruthy();
  }, 30_000);
});
