/**
 * Starting one worker of a manager. Our workers start synchronously and say so (`STARTED`): the
 * manager then keeps no promise of their start. At 100,000 workers a promise, a map entry and an
 * async function per start were most of `start()`'s time and garbage.
 * @module
 */
import { STARTED } from "./host.ts";
import type { BackgroundWorker } from "./types.ts";

/**
 * Calls `worker.start()`; undefined when it started synchronously, else a promise that settles
 * when its start did (never rejects: `failed` hears of a failure). `underWay` holds the starts
 * still pending, so that a stop can wait for them.
 */
export function startWorker(
  worker: BackgroundWorker,
  underWay: Map<BackgroundWorker, Promise<void>>,
  failed: (worker: BackgroundWorker, error: unknown) => void,
): Promise<void> | undefined {
  let starting: Promise<void>;
  try {
    starting = worker.start();
  } catch (error) {
    failed(worker, error);
    return undefined;
  }
  if (starting === STARTED) return;
  underWay.set(worker, starting);
  const done = (): void => {
    if (underWay.get(worker) === starting) underWay.delete(worker);
  };
  return Promise.resolve(starting).then(done, (error: unknown) => {
    done();
    failed(worker, error);
  });
}
