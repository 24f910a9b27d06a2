/**
 * A cluster of lease_instance.ts children for the fault tests: each one started on this runtime
 * with its stdin open, read as one {@link Observed}, and every one of them SIGKILLed at dispose
 * (also a SIGSTOPped one), so that no test leaves a process behind.
 * @module
 */
// @ts-nocheck

import { type Child, start } from "./child.ts";
import type { InstanceArgs } from "./fixtures/lease_instance.ts";
import { Observed } from "./instance_events.ts";

export class Cluster {
  readonly children: Child[] = [];
  #observed: Observed | undefined;

  /** Starts one instance; its index in `children` is its `instance` in runs. */
  add(args: Omit<InstanceArgs, "id">): Child {
    const child = start("test/fixtures/lease_instance.ts", [JSON.stringify({ id: String(this.children.length), ...args })], {}, { stdin: true });
    this.children.push(child);
    this.#observed = undefined;
    return child;
  }

  /** What the instances said so far (runs, errors), read afresh. */
  get observed(): Observed {
    this.#observed ??= new Observed(this.children);
    return this.#observed.update();
  }

  /** SIGKILLs every instance still alive and waits for their exits. */
  async dispose(): Promise<void> {
    for (const c of this.children) c.signal("SIGKILL");
    await Promise.all(this.children.map((c) => c.exited));
  }
}
