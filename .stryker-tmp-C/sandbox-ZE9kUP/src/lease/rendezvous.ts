/**
 * Rendezvous (highest random weight) hashing: each worker belongs to the live member whose hash
 * with the worker's name is highest. Every instance computes the same owner from the same member
 * list without talking to the others, the work spreads about evenly, and when a member joins or
 * leaves only the workers it wins or held move (about W/N of them).
 * @module
 */
// @ts-nocheck


/** FNV-1a over the UTF-16 code units, then a final mix (murmur3's fmix32) so that close names spread. */function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
export function hash(text: string): number {
  if (stryMutAct_9fa48("611")) {
    {}
  } else {
    stryCov_9fa48("611");
    let h = 0x811c9dc5;
    for (let i = 0; stryMutAct_9fa48("614") ? i >= text.length : stryMutAct_9fa48("613") ? i <= text.length : stryMutAct_9fa48("612") ? false : (stryCov_9fa48("612", "613", "614"), i < text.length); stryMutAct_9fa48("615") ? i-- : (stryCov_9fa48("615"), i++)) {
      if (stryMutAct_9fa48("616")) {
        {}
      } else {
        stryCov_9fa48("616");
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
      }
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }
}

/**
 * The digest of a set of worker names: instances with the same digest run the same workers, and
 * a worker is owned among the members of its instance's group only (an instance that does not have
 * a worker never owns it: two apps on one store, or a rolling deploy that adds a worker).
 */
export function digest(names: Iterable<string>): string {
  if (stryMutAct_9fa48("617")) {
    {}
  } else {
    stryCov_9fa48("617");
    return hash(stryMutAct_9fa48("618") ? [...names].join("\n") : (stryCov_9fa48("618"), (stryMutAct_9fa48("619") ? [] : (stryCov_9fa48("619"), [...names])).sort().join(stryMutAct_9fa48("620") ? "" : (stryCov_9fa48("620"), "\n")))).toString(36);
  }
}

/** The group part of a member id (`digest.uuid`). */
export function groupOf(member: string): string {
  if (stryMutAct_9fa48("621")) {
    {}
  } else {
    stryCov_9fa48("621");
    return stryMutAct_9fa48("622") ? member : (stryCov_9fa48("622"), member.slice(0, member.indexOf(stryMutAct_9fa48("623") ? "" : (stryCov_9fa48("623"), "."))));
  }
}

/** The member that owns `worker` among `members` (undefined when there is none). Ties go to the smaller id. */
export function owner(worker: string, members: readonly string[]): string | undefined {
  if (stryMutAct_9fa48("624")) {
    {}
  } else {
    stryCov_9fa48("624");
    let best: string | undefined;
    let bestWeight = stryMutAct_9fa48("625") ? +1 : (stryCov_9fa48("625"), -1);
    for (const member of members) {
      if (stryMutAct_9fa48("626")) {
        {}
      } else {
        stryCov_9fa48("626");
        const weight = hash(stryMutAct_9fa48("627") ? `` : (stryCov_9fa48("627"), `${member}\u0000${worker}`));
        if (stryMutAct_9fa48("630") ? weight > bestWeight && weight === bestWeight && best !== undefined && member < best : stryMutAct_9fa48("629") ? false : stryMutAct_9fa48("628") ? true : (stryCov_9fa48("628", "629", "630"), (stryMutAct_9fa48("633") ? weight <= bestWeight : stryMutAct_9fa48("632") ? weight >= bestWeight : stryMutAct_9fa48("631") ? false : (stryCov_9fa48("631", "632", "633"), weight > bestWeight)) || (stryMutAct_9fa48("635") ? weight === bestWeight && best !== undefined || member < best : stryMutAct_9fa48("634") ? false : (stryCov_9fa48("634", "635"), (stryMutAct_9fa48("637") ? weight === bestWeight || best !== undefined : stryMutAct_9fa48("636") ? true : (stryCov_9fa48("636", "637"), (stryMutAct_9fa48("639") ? weight !== bestWeight : stryMutAct_9fa48("638") ? true : (stryCov_9fa48("638", "639"), weight === bestWeight)) && (stryMutAct_9fa48("641") ? best === undefined : stryMutAct_9fa48("640") ? true : (stryCov_9fa48("640", "641"), best !== undefined)))) && (stryMutAct_9fa48("644") ? member >= best : stryMutAct_9fa48("643") ? member <= best : stryMutAct_9fa48("642") ? true : (stryCov_9fa48("642", "643", "644"), member < best)))))) {
          if (stryMutAct_9fa48("645")) {
            {}
          } else {
            stryCov_9fa48("645");
            best = member;
            bestWeight = weight;
          }
        }
      }
    }
    return best;
  }
}