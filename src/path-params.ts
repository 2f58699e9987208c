import { LuccaValidationError } from "./errors.js";
import { integerPathParams } from "./generated/path-params.js";

/**
 * Fills a path template's `{name}` placeholders. JavaScript callers can pass anything, so a value
 * the spec forbids (an id that is not an int32, a missing one) is refused here, before a request
 * leaves the process, rather than becoming `/invoices/NaN/...` or a 422.
 */
export function fillPath(
  method: string,
  path: string,
  values: Record<string, unknown> = {},
): string {
  const formats = integerPathParams[path]?.[method.toLowerCase()];
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    const format = formats?.[name];
    const int32 = format === "int32";
    // (v | 0) === v holds exactly for numbers that are int32 integers.
    const ok = format
      ? typeof value === "number" && (int32 ? (value | 0) === value : Number.isSafeInteger(value))
      : value != null;
    if (ok) return encodeURIComponent(String(value));
    const where = `params.path.${name}`;
    throw new LuccaValidationError(
      where,
      `${where} of ${method} ${path} must be ` +
        (!format
          ? "given"
          : `an ${format} (${int32 ? "-2147483648 to 2147483647" : "a safe integer"})`) +
        `; got ${typeof value} ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value)}.`,
    );
  });
}
