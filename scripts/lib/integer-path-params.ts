import { HTTP_METHODS } from "./merge-pages.js";

export type IntegerFormat = "int32" | "int64" | "integer";
/** path template → lower-case method → path parameter name → integer format. */
export type IntegerPathParams = Record<string, Record<string, Record<string, IntegerFormat>>>;

type Mapping = Record<string, unknown>;
const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Follows local `$ref`s (`#/components/...`) until a plain value. */
function deref(spec: Mapping, value: unknown, seen = new Set<string>()): unknown {
  if (!isMapping(value) || typeof value.$ref !== "string") return value;
  const ref = value.$ref;
  if (!ref.startsWith("#/") || seen.has(ref)) throw new Error(`cannot resolve $ref ${ref}`);
  let target: unknown = spec;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    target = isMapping(target) ? target[key] : undefined;
  }
  if (target === undefined) throw new Error(`cannot resolve $ref ${ref}`);
  return deref(spec, target, seen.add(ref));
}

function integerFormat(spec: Mapping, schema: unknown): IntegerFormat | undefined {
  const resolved = deref(spec, schema);
  if (!isMapping(resolved)) return undefined;
  const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
  if (!types.includes("integer")) return undefined;
  return resolved.format === "int32" || resolved.format === "int64" ? resolved.format : "integer";
}

/** Parameters keyed by `in` and name, so operation-level ones replace path-level ones. */
function collect(spec: Mapping, list: unknown, into: Map<string, Mapping>): void {
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    const param = deref(spec, entry);
    if (isMapping(param)) into.set(`${String(param.in)}:${String(param.name)}`, param);
  }
}

/** The integer path parameters of every operation in the spec, sorted by path, method, name. */
export function integerPathParams(spec: Mapping): IntegerPathParams {
  const table: IntegerPathParams = {};
  const paths = isMapping(spec.paths) ? spec.paths : {};
  for (const path of Object.keys(paths).sort(byCodeUnit)) {
    const item = deref(spec, paths[path]);
    if (!isMapping(item)) continue;
    for (const method of [...HTTP_METHODS].sort(byCodeUnit)) {
      const operation = item[method];
      if (!isMapping(operation)) continue;
      const params = new Map<string, Mapping>();
      collect(spec, item.parameters, params);
      collect(spec, operation.parameters, params);
      const formats: Record<string, IntegerFormat> = {};
      const pathParams = [...params.values()].filter((param) => param.in === "path");
      for (const param of pathParams.sort((a, b) => byCodeUnit(String(a.name), String(b.name)))) {
        const format = integerFormat(spec, param.schema);
        if (format) formats[String(param.name)] = format;
      }
      if (Object.keys(formats).length > 0) (table[path] ??= {})[method] = formats;
    }
  }
  return table;
}

/** Source of src/generated/path-params.ts, before formatting. */
export function renderPathParams(table: IntegerPathParams): string {
  return [
    `export type IntegerFormat = "int32" | "int64" | "integer";`,
    "",
    "/** Integer path parameters per path template and lower-case method, path-level and operation-level merged (operation wins). */",
    "export const integerPathParams: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, IntegerFormat>>>>>> = " +
      `${JSON.stringify(table)};`,
    "",
  ].join("\n");
}
