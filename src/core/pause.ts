/**
 * Pause and resume of one periodic worker, on this instance. A paused worker's slots keep coming
 * due on its schedule and are skipped (counted as "paused"), so that resume() finds the next one on
 * time, as the schedule says, with no rebasing. With a lease the paused worker steps aside: once
 * its run in flight settled it gives the lease up and claims none, so the other instances run it;
 * resume() takes part again (a cluster store's check-in included).
 * @module
 */
import type { WorkerHost } from "./host.ts";
import { isClusterStore } from "./lease.ts";
import { workerLease } from "./lease_gate.ts";
import type { PeriodicState } from "./periodic_state.ts";
import { registerOnEngine } from "./engine_run.ts";
import { queueAt } from "./run_end.ts";
import { leaseLost } from "./run_path.ts";

type State = PeriodicState<unknown>;

/** Opens the lease of a start (or of a resume) when the worker has one; true for a cluster store. */
export function openLease(s: State): boolean {
  const host = s.host as WorkerHost;
  const config = s.config;
  const name = s.name;
  const lease = config.lease === undefined ? host.lease : config.lease || undefined;
  s.gate = lease === undefined ? undefined : workerLease(host, lease, {
    name: (lease.prefix ?? "") + name,
    period: s.schedule.period,
    everySlot: config.missed === "all",
  }, {
    lost: (error) => leaseLost(s, error),
    fault: (error) => s.host?.report(error, { worker: name, run: s.run, phase: "lease" }),
    changed: (held, fencingToken) => s.host?.observer?.lease?.({ worker: name, held, fencingToken }),
  });
  return lease !== undefined && isClusterStore(lease.store);
}

/** Pauses: no new run starts; resolves once the run in flight settled and the lease was given up. */
export function pauseWorker(s: State): Promise<void> {
  s.pauses++;
  if (s.paused) return s.pausing ?? Promise.resolve();
  s.paused = true;
  s.triggers?.reject(new Error(`${s.name}: paused before the triggered run began`));
  const gate = s.gate;
  const registration = s.engineReg;
  if (gate === undefined && registration === undefined && s.inFlight === undefined) return Promise.resolve();
  const gen = s.gen;
  const pausing = (async () => {
    await s.inFlight?.catch(() => {});
    if (registration !== undefined && gen === s.gen && s.paused) {
      // On an engine: take no more jobs here; the others go on.
      s.engineReg = undefined;
      await registration.stop(Infinity);
      return;
    }
    await gate?.pending;
    // Stopped (which closes the lease itself) or resumed meanwhile: nothing more to give up.
    if (gen !== s.gen || !s.paused || s.gate !== gate) return;
    s.gate = undefined;
    await gate?.close(true);
  })();
  s.pausing = pausing;
  void pausing.finally(() => {
    if (s.pausing === pausing) s.pausing = undefined;
  });
  return pausing;
}

/** Resumes: runs start again on the worker's schedule (its next slot is queued already). */
export async function resumeWorker(s: State): Promise<void> {
  if (!s.paused) return;
  const pauses = s.pauses;
  // A lease being given up is given up first: then taken part in again, fresh.
  await s.pausing;
  // Resumed meanwhile, or paused again after this resume() was called: the later call wins.
  if (!s.paused || s.pauses !== pauses) return;
  s.paused = false;
  if (s.state !== "idle" && s.state !== "running") return;
  if (s.host?.engine !== undefined) return registerOnEngine(s);
  if (s.gate === undefined && openLease(s) && s.state === "idle" && s.host?.queue.has(s.entry)) {
    // A cluster store: check in with the cluster at once, as a start does.
    s.checkIn = true;
    queueAt(s, (s.host as WorkerHost).queue.now(), false);
  }
}
