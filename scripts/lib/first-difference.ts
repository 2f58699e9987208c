import { isDeepStrictEqual } from "node:util";

export interface Difference {
  /** Dot-joined location, e.g. `components.schemas.confirmation.properties.id.format`. */
  at: string;
  a: unknown;
  b: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The first place where two JSON values differ, or undefined when they are deep-equal.
 * Key order is ignored: YAML mappings are unordered.
 */
export function firstDifference(a: unknown, b: unknown, at: string): Difference | undefined {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (const [index, item] of a.entries()) {
      const found = firstDifference(item, b[index], `${at}.${index}`);
      if (found) return found;
    }
    return undefined;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], `${at}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return isDeepStrictEqual(a, b) ? undefined : { at, a, b };
}
