/**
 * The seed example of ABP's background workers, in this library: a periodic worker that marks users
 * passive when they have not logged in for a while. The repository is in memory so the demo needs
 * nothing installed; a real one would take `signal` down to its database driver.
 * @module
 */
// @ts-nocheck

import { PeriodicBackgroundWorker, type WorkerContext } from "../mod.ts";

/** A user as the repository keeps it. */
export interface User {
  readonly id: number;
  readonly name: string;
  lastLoginAt: number;
  passive: boolean;
}

/** The part of a user repository that the worker needs. */
export interface UserRepository {
  updateInactiveUserStatuses(options: { signal: AbortSignal; olderThan: number }): Promise<number>;
}

/** A user repository in memory: the default for the demo and for tests. */
export class InMemoryUserRepository implements UserRepository {
  readonly users: User[];

  constructor(users: User[] = []) {
    this.users = users;
  }

  updateInactiveUserStatuses({ signal, olderThan }: { signal: AbortSignal; olderThan: number }): Promise<number> {
    signal.throwIfAborted();
    let changed = 0;
    for (const user of this.users) {
      if (!user.passive && user.lastLoginAt < olderThan) {
        user.passive = true;
        changed++;
      }
    }
    return Promise.resolve(changed);
  }
}

/** Marks users passive after `inactiveMs` without a login. */
export class PassiveUserCheckerWorker extends PeriodicBackgroundWorker {
  readonly #users: UserRepository;
  readonly #inactiveMs: number;
  readonly #log: (line: string) => void;

  constructor(users: UserRepository, options: { period?: number; inactiveMs?: number; log?: (line: string) => void } = {}) {
    super({ period: options.period ?? 5_000, runOnStart: true });
    this.#users = users;
    this.#inactiveMs = options.inactiveMs ?? 30 * 24 * 3_600_000;
    this.#log = options.log ?? console.log;
  }

  protected override async doWork({ signal, run, startedAt }: WorkerContext): Promise<void> {
    const changed = await this.#users.updateInactiveUserStatuses({ signal, olderThan: startedAt - this.#inactiveMs });
    this.#log(`${new Date(startedAt).toISOString()} ${this.name} run ${run}: ${changed} user(s) marked passive`);
  }
}
