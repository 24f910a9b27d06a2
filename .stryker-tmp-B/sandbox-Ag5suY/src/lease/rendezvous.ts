/**
 * Rendezvous (highest random weight) hashing: each worker belongs to the live member whose hash
 * with the worker's name is highest. Every instance computes the same owner from the same member
 * list without talking to the others, the work spreads about evenly, and when a member joins or
 * leaves only the workers it wins or held move (about W/N of them).
 * @module
 */
// @ts-nocheck


/** FNV-1a over the UTF-16 code units, then a final mix (murmur3's fmix32) so that close names spread. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The digest of a set of worker names: instances with the same digest run the same workers, and
 * a worker is owned among the members of its instance's group only (an instance that does not have
 * a worker never owns it: two apps on one store, or a rolling deploy that adds a worker).
 */
export function digest(names: Iterable<string>): string {
  return hash([...names].sort().join("\n")).toString(36);
}

/** The group part of a member id (`digest.uuid`). */
export function groupOf(member: string): string {
  return member.slice(0, member.indexOf("."));
}

/** The member that owns `worker` among `members` (undefined when there is none). Ties go to the smaller id. */
export function owner(worker: string, members: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1;
  for (const member of members) {
    const weight = hash(`${member}\u0000${worker}`);
    if (weight > bestWeight || (weight === bestWeight && best !== undefined && member < best)) {
      best = member;
      bestWeight = weight;
    }
  }
  return best;
}
