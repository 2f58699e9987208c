import { LuccaValidationError } from "../errors.js";
import type { ParamRule } from "../generated/operations.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RANGES: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** What `rule` accepts, in words, or undefined when `value` is accepted. */
function refusal(value: unknown, rule: ParamRule = {}): string | undefined {
  const { type = "string", format, pattern } = rule;
  const allowed = rule.enum;
  if (allowed) return allowed.includes(value) ? undefined : `one of ${JSON.stringify(allowed)}`;
  if (type === "integer") {
    const [min, max] = RANGES[format ?? ""] ?? RANGES.int64!;
    const ok = Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
    return ok ? undefined : `an ${format ?? "integer"} (${min} to ${max})`;
  }
  if (type === "number") return Number.isFinite(value) ? undefined : "a finite number";
  if (type === "boolean") return typeof value === "boolean" ? undefined : "true or false";
  // Numbers are fine where any string is; an empty string would change which path is called.
  if (typeof value === "number" && Number.isFinite(value) && !format && !pattern) return undefined;
  if (typeof value !== "string" || value === "") return "a non-empty string";
  if (format === "uuid" && !UUID.test(value)) return "a UUID (8-4-4-4-12 hex digits)";
  if (pattern && !new RegExp(pattern, "u").test(value)) return `a string matching /${pattern}/`;
  return undefined;
}

const shown = (value: unknown): string =>
  value === undefined
    ? "nothing"
    : `${typeof value} ${typeof value === "string" ? JSON.stringify(value.slice(0, 40)) : String(value)}`;

/**
 * Checks every `{name}` of a path template against the spec's schema before a request leaves the
 * process: JavaScript callers can pass anything, and `"../../admin"` or `NaN` must never be sent.
 */
export function checkPathParams(
  method: string,
  path: string,
  rules: Readonly<Record<string, ParamRule>> | undefined,
  values: Record<string, unknown> = {},
): void {
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    const value = values[name!];
    const expected = refusal(value, rules?.[name!]);
    if (!expected) continue;
    const where = `params.path.${name}`;
    throw new LuccaValidationError(
      where,
      `${where} of ${method} ${path} must be ${expected}; got ${shown(value)}.`,
    );
  }
}
