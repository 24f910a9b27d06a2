/**
 * Checks of user input. Every message names who got the value (a worker or the manager), the
 * option and the value, so that the error points at the line that passed it.
 * @module
 */
// @ts-nocheck


/** Shows a value in an error message. */function stryNS_9fa48() {
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
export function show(value: unknown): string {
  if (stryMutAct_9fa48("78")) {
    {}
  } else {
    stryCov_9fa48("78");
    if (stryMutAct_9fa48("81") ? typeof value !== "string" : stryMutAct_9fa48("80") ? false : stryMutAct_9fa48("79") ? true : (stryCov_9fa48("79", "80", "81"), typeof value === (stryMutAct_9fa48("82") ? "" : (stryCov_9fa48("82"), "string")))) return JSON.stringify(value);
    if (stryMutAct_9fa48("85") ? typeof value !== "bigint" : stryMutAct_9fa48("84") ? false : stryMutAct_9fa48("83") ? true : (stryCov_9fa48("83", "84", "85"), typeof value === (stryMutAct_9fa48("86") ? "" : (stryCov_9fa48("86"), "bigint")))) return stryMutAct_9fa48("87") ? `` : (stryCov_9fa48("87"), `${value}n`);
    if (stryMutAct_9fa48("90") ? typeof value !== "function" : stryMutAct_9fa48("89") ? false : stryMutAct_9fa48("88") ? true : (stryCov_9fa48("88", "89", "90"), typeof value === (stryMutAct_9fa48("91") ? "" : (stryCov_9fa48("91"), "function")))) return stryMutAct_9fa48("92") ? "" : (stryCov_9fa48("92"), "a function");
    if (stryMutAct_9fa48("95") ? value !== null || typeof value === "object" : stryMutAct_9fa48("94") ? false : stryMutAct_9fa48("93") ? true : (stryCov_9fa48("93", "94", "95"), (stryMutAct_9fa48("97") ? value === null : stryMutAct_9fa48("96") ? true : (stryCov_9fa48("96", "97"), value !== null)) && (stryMutAct_9fa48("99") ? typeof value !== "object" : stryMutAct_9fa48("98") ? true : (stryCov_9fa48("98", "99"), typeof value === (stryMutAct_9fa48("100") ? "" : (stryCov_9fa48("100"), "object")))))) {
      if (stryMutAct_9fa48("101")) {
        {}
      } else {
        stryCov_9fa48("101");
        try {
          if (stryMutAct_9fa48("102")) {
            {}
          } else {
            stryCov_9fa48("102");
            return stryMutAct_9fa48("103") ? JSON.stringify(value) && String(value) : (stryCov_9fa48("103"), JSON.stringify(value) ?? String(value));
          }
        } catch {
          if (stryMutAct_9fa48("104")) {
            {}
          } else {
            stryCov_9fa48("104");
            return String(value);
          }
        }
      }
    }
    return String(value);
  }
}

/** Throws a TypeError naming the first key of `options` that is not in `known`. */
export function checkKeys(owner: string, options: object, known: readonly string[]): void {
  if (stryMutAct_9fa48("105")) {
    {}
  } else {
    stryCov_9fa48("105");
    for (const key of Object.keys(options)) {
      if (stryMutAct_9fa48("106")) {
        {}
      } else {
        stryCov_9fa48("106");
        if (stryMutAct_9fa48("109") ? false : stryMutAct_9fa48("108") ? true : stryMutAct_9fa48("107") ? known.includes(key) : (stryCov_9fa48("107", "108", "109"), !known.includes(key))) {
          if (stryMutAct_9fa48("110")) {
            {}
          } else {
            stryCov_9fa48("110");
            throw new TypeError((stryMutAct_9fa48("111") ? `` : (stryCov_9fa48("111"), `${owner}: unknown option "${key}" (value ${show((options as Record<string, unknown>)[key])}); `)) + (stryMutAct_9fa48("112") ? `` : (stryCov_9fa48("112"), `known options: ${known.join(stryMutAct_9fa48("113") ? "" : (stryCov_9fa48("113"), ", "))}`)));
          }
        }
      }
    }
  }
}

/** Throws a RangeError unless `value` is a finite number > 0. */
export function checkPositive(owner: string, option: string, value: unknown): number {
  if (stryMutAct_9fa48("114")) {
    {}
  } else {
    stryCov_9fa48("114");
    if (stryMutAct_9fa48("117") ? (typeof value !== "number" || !Number.isFinite(value)) && value <= 0 : stryMutAct_9fa48("116") ? false : stryMutAct_9fa48("115") ? true : (stryCov_9fa48("115", "116", "117"), (stryMutAct_9fa48("119") ? typeof value !== "number" && !Number.isFinite(value) : stryMutAct_9fa48("118") ? false : (stryCov_9fa48("118", "119"), (stryMutAct_9fa48("121") ? typeof value === "number" : stryMutAct_9fa48("120") ? false : (stryCov_9fa48("120", "121"), typeof value !== (stryMutAct_9fa48("122") ? "" : (stryCov_9fa48("122"), "number")))) || (stryMutAct_9fa48("123") ? Number.isFinite(value) : (stryCov_9fa48("123"), !Number.isFinite(value))))) || (stryMutAct_9fa48("126") ? value > 0 : stryMutAct_9fa48("125") ? value < 0 : stryMutAct_9fa48("124") ? false : (stryCov_9fa48("124", "125", "126"), value <= 0)))) {
      if (stryMutAct_9fa48("127")) {
        {}
      } else {
        stryCov_9fa48("127");
        throw new RangeError(stryMutAct_9fa48("128") ? `` : (stryCov_9fa48("128"), `${owner}: option "${option}" must be a finite number > 0, got ${show(value)}`));
      }
    }
    return value;
  }
}

/** Throws a RangeError unless `value` is a finite number ≥ 0 (or Infinity when `infinite`). */
export function checkNonNegative(owner: string, option: string, value: unknown, infinite = stryMutAct_9fa48("129") ? true : (stryCov_9fa48("129"), false)): number {
  if (stryMutAct_9fa48("130")) {
    {}
  } else {
    stryCov_9fa48("130");
    if (stryMutAct_9fa48("133") ? (typeof value !== "number" || Number.isNaN(value) || value < 0) && !infinite && value === Infinity : stryMutAct_9fa48("132") ? false : stryMutAct_9fa48("131") ? true : (stryCov_9fa48("131", "132", "133"), (stryMutAct_9fa48("135") ? (typeof value !== "number" || Number.isNaN(value)) && value < 0 : stryMutAct_9fa48("134") ? false : (stryCov_9fa48("134", "135"), (stryMutAct_9fa48("137") ? typeof value !== "number" && Number.isNaN(value) : stryMutAct_9fa48("136") ? false : (stryCov_9fa48("136", "137"), (stryMutAct_9fa48("139") ? typeof value === "number" : stryMutAct_9fa48("138") ? false : (stryCov_9fa48("138", "139"), typeof value !== (stryMutAct_9fa48("140") ? "" : (stryCov_9fa48("140"), "number")))) || Number.isNaN(value))) || (stryMutAct_9fa48("143") ? value >= 0 : stryMutAct_9fa48("142") ? value <= 0 : stryMutAct_9fa48("141") ? false : (stryCov_9fa48("141", "142", "143"), value < 0)))) || (stryMutAct_9fa48("145") ? !infinite || value === Infinity : stryMutAct_9fa48("144") ? false : (stryCov_9fa48("144", "145"), (stryMutAct_9fa48("146") ? infinite : (stryCov_9fa48("146"), !infinite)) && (stryMutAct_9fa48("148") ? value !== Infinity : stryMutAct_9fa48("147") ? true : (stryCov_9fa48("147", "148"), value === Infinity)))))) {
      if (stryMutAct_9fa48("149")) {
        {}
      } else {
        stryCov_9fa48("149");
        const what = infinite ? stryMutAct_9fa48("150") ? "" : (stryCov_9fa48("150"), "a number ≥ 0 (or Infinity)") : stryMutAct_9fa48("151") ? "" : (stryCov_9fa48("151"), "a finite number ≥ 0");
        throw new RangeError(stryMutAct_9fa48("152") ? `` : (stryCov_9fa48("152"), `${owner}: option "${option}" must be ${what}, got ${show(value)}`));
      }
    }
    return value;
  }
}

/** Throws a TypeError unless `value` is a boolean. */
export function checkBoolean(owner: string, option: string, value: unknown): boolean {
  if (stryMutAct_9fa48("153")) {
    {}
  } else {
    stryCov_9fa48("153");
    if (stryMutAct_9fa48("156") ? typeof value === "boolean" : stryMutAct_9fa48("155") ? false : stryMutAct_9fa48("154") ? true : (stryCov_9fa48("154", "155", "156"), typeof value !== (stryMutAct_9fa48("157") ? "" : (stryCov_9fa48("157"), "boolean")))) {
      if (stryMutAct_9fa48("158")) {
        {}
      } else {
        stryCov_9fa48("158");
        throw new TypeError(stryMutAct_9fa48("159") ? `` : (stryCov_9fa48("159"), `${owner}: option "${option}" must be true or false, got ${show(value)}`));
      }
    }
    return value;
  }
}

/** Throws a TypeError unless `value` is a function. */
export function checkFunction(owner: string, option: string, value: unknown): void {
  if (stryMutAct_9fa48("160")) {
    {}
  } else {
    stryCov_9fa48("160");
    if (stryMutAct_9fa48("163") ? typeof value === "function" : stryMutAct_9fa48("162") ? false : stryMutAct_9fa48("161") ? true : (stryCov_9fa48("161", "162", "163"), typeof value !== (stryMutAct_9fa48("164") ? "" : (stryCov_9fa48("164"), "function")))) {
      if (stryMutAct_9fa48("165")) {
        {}
      } else {
        stryCov_9fa48("165");
        throw new TypeError(stryMutAct_9fa48("166") ? `` : (stryCov_9fa48("166"), `${owner}: option "${option}" must be a function, got ${show(value)}`));
      }
    }
  }
}

/** Throws a TypeError unless `value` is a plain options object (or undefined). */
export function checkObject(owner: string, what: string, value: unknown): void {
  if (stryMutAct_9fa48("167")) {
    {}
  } else {
    stryCov_9fa48("167");
    if (stryMutAct_9fa48("170") ? value !== undefined || value === null || typeof value !== "object" || Array.isArray(value) : stryMutAct_9fa48("169") ? false : stryMutAct_9fa48("168") ? true : (stryCov_9fa48("168", "169", "170"), (stryMutAct_9fa48("172") ? value === undefined : stryMutAct_9fa48("171") ? true : (stryCov_9fa48("171", "172"), value !== undefined)) && (stryMutAct_9fa48("174") ? (value === null || typeof value !== "object") && Array.isArray(value) : stryMutAct_9fa48("173") ? true : (stryCov_9fa48("173", "174"), (stryMutAct_9fa48("176") ? value === null && typeof value !== "object" : stryMutAct_9fa48("175") ? false : (stryCov_9fa48("175", "176"), (stryMutAct_9fa48("178") ? value !== null : stryMutAct_9fa48("177") ? false : (stryCov_9fa48("177", "178"), value === null)) || (stryMutAct_9fa48("180") ? typeof value === "object" : stryMutAct_9fa48("179") ? false : (stryCov_9fa48("179", "180"), typeof value !== (stryMutAct_9fa48("181") ? "" : (stryCov_9fa48("181"), "object")))))) || Array.isArray(value))))) {
      if (stryMutAct_9fa48("182")) {
        {}
      } else {
        stryCov_9fa48("182");
        throw new TypeError(stryMutAct_9fa48("183") ? `` : (stryCov_9fa48("183"), `${owner}: ${what} must be an object, got ${show(value)}`));
      }
    }
  }
}