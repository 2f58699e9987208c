import { serializeArrayParam, serializeObjectParam, serializePrimitiveParam } from "openapi-fetch";
import type { QueryRule } from "../generated/operations.js";

type Query = Record<string, unknown>;
type ArrayStyle = Parameters<typeof serializeArrayParam>[2]["style"];
type ObjectStyle = Parameters<typeof serializeObjectParam>[2]["style"];

/**
 * openapi-fetch has one query rule for a whole client; the spec declares one per parameter. Declared
 * parameters follow their `style`/`explode` (form + explode false: `a=1,2`), others `fallback`.
 */
export function querySerializerFor(
  rules: Readonly<Record<string, QueryRule>> | undefined,
  fallback: (query: Query) => string,
): (query: Query) => string {
  if (!rules) return fallback;
  return (query) => {
    const parts: string[] = [];
    const rest: Query = {};
    for (const [name, value] of Object.entries(query ?? {})) {
      const rule = rules[name];
      if (!rule) {
        rest[name] = value;
        continue;
      }
      // openapi-fetch leaves out undefined, null and empty arrays: so do declared parameters.
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        if (value.length === 0) continue;
        parts.push(serializeArrayParam(name, value, { ...rule, style: rule.style as ArrayStyle }));
      } else if (typeof value === "object") {
        const style = rule.style as ObjectStyle;
        parts.push(serializeObjectParam(name, value as Query, { ...rule, style }));
      } else {
        parts.push(serializePrimitiveParam(name, String(value), rule));
      }
    }
    const others = fallback(rest);
    if (others !== "") parts.push(others);
    return parts.join("&");
  };
}
