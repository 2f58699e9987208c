import { LuccaValidationError } from "./errors.js";
import { integerPathParams, type IntegerFormat } from "./generated/path-params.js";

const RANGES: Record<IntegerFormat, readonly [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  integer: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/**
 * JavaScript callers can pass anything as a path id: refuse what the spec forbids before a request
 * leaves the process, rather than letting it become `/invoices/NaN/...` or a 422.
 */
export function checkPathParams(method: string, path: string, values: unknown): void {
  const formats = integerPathParams[path]?.[method.toLowerCase()];
  if (!formats) return;
  for (const [name, format] of Object.entries(formats)) {
    const value = (values as Record<string, unknown> | undefined)?.[name];
    const [min, max] = RANGES[format];
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
      continue;
    }
    const where = `params.path.${name}`;
    throw new LuccaValidationError(
      where,
      `${where} of ${method.toUpperCase()} ${path} must be an ${format} (an integer from ${min} to ${max}); got ${describe(value)}.`,
    );
  }
}

function describe(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === "number") return String(value);
  if (value === undefined) return "nothing";
  return `a value of type ${value === null ? "null" : typeof value}`;
}
