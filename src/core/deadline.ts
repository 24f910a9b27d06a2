/**
 * Waiting with a limit, for stop().
 * @module
 */

/**
 * Resolves true when `promise` settles within `ms`, false otherwise. The timer is cleared as soon as
 * the promise settles, so a stop leaves no timer behind.
 */
export function settlesWithin(promise: PromiseLike<unknown>, ms: number): Promise<boolean> {
  const settled = Promise.resolve(promise).then(() => true, () => true);
  if (ms === Infinity) return settled;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    settled.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
