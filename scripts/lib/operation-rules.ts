import { deref, isMapping, operationsOf, type Mapping } from "./spec-walk.js";

/** What a path parameter must be, checked before a request leaves the process. */
export interface ParamRule {
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
}
/** How a query parameter is serialized (OpenAPI `style`/`explode`/`allowReserved`). */
export interface QueryRule {
  style: string;
  explode: boolean;
  allowReserved?: true;
}
export interface OperationRule {
  path?: Record<string, ParamRule>;
  query?: Record<string, QueryRule>;
  /** The request body's media type, when it is not JSON. */
  body?: string;
  /** How a 2xx body is read by default, when it is not JSON. */
  parseAs?: "text" | "blob";
}
/** path template → lower-case method → rule; every operation has an entry, even an empty one. */
export type OperationRules = Record<string, Record<string, OperationRule>>;

export const JSON_MEDIA = /^application\/(?:[\w.+-]+\+)?json(?:;|$)/i;
const nonNull = (type: unknown): string | undefined =>
  (Array.isArray(type) ? type : [type]).find((t) => typeof t === "string" && t !== "null");

function pathRule(spec: Mapping, schema: unknown): ParamRule | undefined {
  const s = deref(spec, schema);
  if (!isMapping(s)) return undefined;
  const rule: ParamRule = {};
  const type = nonNull(s.type);
  if (type && type !== "string") rule.type = type;
  if (typeof s.format === "string" && /^(int32|int64|uuid)$/.test(s.format)) rule.format = s.format;
  if (Array.isArray(s.enum)) rule.enum = s.enum;
  else if ("const" in s) rule.enum = [s.const];
  if (typeof s.pattern === "string") rule.pattern = s.pattern;
  return Object.keys(rule).length > 0 ? rule : undefined;
}

function queryRule(spec: Mapping, param: Mapping): QueryRule | undefined {
  const s = deref(spec, param.schema);
  const type = isMapping(s) ? nonNull(s.type) : undefined;
  const allowReserved = param.allowReserved === true ? ({ allowReserved: true } as const) : {};
  if (type !== "array" && type !== "object")
    return param.allowReserved ? { style: "form", explode: true, ...allowReserved } : undefined;
  const style = typeof param.style === "string" ? param.style : "form";
  const explode = typeof param.explode === "boolean" ? param.explode : style === "form";
  // An exploded form array is openapi-fetch's own default: no rule needed.
  if (type === "array" && style === "form" && explode && !param.allowReserved) return undefined;
  return { style, explode, ...allowReserved };
}

const mediaTypes = (spec: Mapping, holder: unknown): string[] => {
  const resolved = deref(spec, holder);
  return isMapping(resolved) && isMapping(resolved.content) ? Object.keys(resolved.content) : [];
};

/** The media type the client sends a body in: JSON when offered, else multipart, form, the first. */
export const preferredMedia = (types: string[]): string | undefined =>
  types.find((t) => JSON_MEDIA.test(t)) ??
  types.find((t) => t === "multipart/form-data") ??
  types.find((t) => t === "application/x-www-form-urlencoded") ??
  types[0];

function bodyMedia(spec: Mapping, requestBody: unknown): string | undefined {
  const media = preferredMedia(mediaTypes(spec, requestBody));
  return media && !JSON_MEDIA.test(media) ? media : undefined;
}

function defaultParseAs(spec: Mapping, responses: unknown): OperationRule["parseAs"] {
  if (!isMapping(responses)) return undefined;
  const types = Object.keys(responses)
    .filter((code) => /^2(\d\d|XX)$/i.test(code))
    .flatMap((code) => mediaTypes(spec, responses[code]));
  if (types.length === 0 || types.some((t) => JSON_MEDIA.test(t))) return undefined;
  return types.every((t) => /^text\//i.test(t)) ? "text" : "blob";
}

/** The runtime rules of every operation: what the types cannot carry. */
export function operationRules(spec: Mapping): OperationRules {
  const table: OperationRules = {};
  for (const { path, method, operation, parameters } of operationsOf(spec)) {
    const rule: OperationRule = {};
    for (const param of [...parameters.values()].sort((a, b) =>
      String(a.name) < String(b.name) ? -1 : 1,
    )) {
      const name = String(param.name);
      if (param.in === "path") {
        const found = pathRule(spec, param.schema);
        if (found) (rule.path ??= {})[name] = found;
      } else if (param.in === "query") {
        const found = queryRule(spec, param);
        if (found) (rule.query ??= {})[name] = found;
      }
    }
    const body = bodyMedia(spec, operation.requestBody);
    if (body) rule.body = body;
    const parseAs = defaultParseAs(spec, operation.responses);
    if (parseAs) rule.parseAs = parseAs;
    (table[path] ??= {})[method] = rule;
  }
  return table;
}

/** Source of src/generated/operations.ts, before formatting: self-contained, no imports. */
export function renderOperationRules(table: OperationRules): string {
  return [
    "export interface ParamRule { type?: string; format?: string; enum?: readonly unknown[]; pattern?: string }",
    "export interface QueryRule { style: string; explode: boolean; allowReserved?: true }",
    'export interface OperationRule { path?: Readonly<Record<string, ParamRule>>; query?: Readonly<Record<string, QueryRule>>; body?: string; parseAs?: "text" | "blob" }',
    "export type OperationRules = Readonly<Record<string, Readonly<Record<string, OperationRule>>>>;",
    "",
    "/** Per path template and lower-case method: path-parameter checks, query styles, body media type, default parseAs. */",
    `export const operationRules: OperationRules = ${JSON.stringify(table)};`,
    "",
  ].join("\n");
}
