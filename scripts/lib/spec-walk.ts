import { HTTP_METHODS } from "./merge-pages.js";

export type Mapping = Record<string, unknown>;

export const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Follows local `$ref`s (`#/components/...`) until a plain value. */
export function deref(spec: Mapping, value: unknown, seen = new Set<string>()): unknown {
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

export interface Operation {
  path: string;
  method: string;
  operation: Mapping;
  /** Path-level and operation-level parameters merged (operation wins), keyed `in:name`. */
  parameters: Map<string, Mapping>;
}

function collect(spec: Mapping, list: unknown, into: Map<string, Mapping>): void {
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    const param = deref(spec, entry);
    if (isMapping(param)) into.set(`${String(param.in)}:${String(param.name)}`, param);
  }
}

/** Every operation of the spec, sorted by path then method, so outputs are deterministic. */
export function operationsOf(spec: Mapping): Operation[] {
  const found: Operation[] = [];
  const paths = isMapping(spec.paths) ? spec.paths : {};
  for (const path of Object.keys(paths).sort(byCodeUnit)) {
    const item = deref(spec, paths[path]);
    if (!isMapping(item)) continue;
    for (const method of [...HTTP_METHODS].sort(byCodeUnit)) {
      const operation = item[method];
      if (!isMapping(operation)) continue;
      const parameters = new Map<string, Mapping>();
      collect(spec, item.parameters, parameters);
      collect(spec, operation.parameters, parameters);
      found.push({ path, method, operation, parameters });
    }
  }
  return found;
}
