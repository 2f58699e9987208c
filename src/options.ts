import { invalidOption } from "./errors.js";

/** Throws unless `value` is undefined or an integer in [min, max]; returns it or the default. */
export function option<T extends number | undefined>(
  name: string,
  value: number | undefined,
  min: number,
  max: number,
  fallback: T,
): number | T {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidOption(name, value, `an integer from ${min} to ${max}`);
  }
  return value;
}
