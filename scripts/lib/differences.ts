import { isDeepStrictEqual } from "node:util";

export interface Difference {
  /** JSON pointer (RFC 6901) of the place, e.g. `/components/schemas/confirmation/properties/id/format`. */
  at: string;
  a: unknown;
  b: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** One JSON pointer reference token: `~` and `/` escaped as RFC 6901 says. */
export const pointerToken = (key: string | number): string =>
  String(key).replaceAll("~", "~0").replaceAll("/", "~1");

/**
 * Every place where two JSON values differ, in document order, empty when they are deep-equal.
 * Key order is ignored (YAML mappings are unordered); arrays of different lengths differ as a whole.
 */
export function differences(a: unknown, b: unknown, at: string): Difference[] {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((item, index) => differences(item, b[index], `${at}/${index}`));
  }
  if (isObject(a) && isObject(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((key) =>
      differences(a[key], b[key], `${at}/${pointerToken(key)}`),
    );
  }
  return isDeepStrictEqual(a, b) ? [] : [{ at, a, b }];
}
