import { LuccaValidationError } from "./errors.js";
import { integerPathParams } from "./generated/path-params.js";

/**
 * JavaScript callers can pass anything as a path id: refuse what the spec forbids before a request
 * leaves the process, rather than letting it become `/invoices/NaN/...` or a 422.
 */
export function checkPathParams(method: string, path: string, values: unknown): void {
  const formats = integerPathParams[path]?.[method.toLowerCase()] ?? {};
  for (const [name, format] of Object.entries(formats)) {
    const value = (values as Record<string, unknown> | undefined)?.[name];
    const int32 = format === "int32";
    // (v | 0) === v holds exactly for numbers that are int32 integers.
    if (
      typeof value === "number" &&
      (int32 ? (value | 0) === value : Number.isSafeInteger(value))
    ) {
      continue;
    }
    const where = `params.path.${name}`;
    throw new LuccaValidationError(
      where,
      `${where} of ${method} ${path} must be an ${format} (an integer from ` +
        (int32 ? "-2147483648 to 2147483647" : "-(2^53-1) to 2^53-1") +
        `); got ${typeof value} ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value)}.`,
    );
  }
}
