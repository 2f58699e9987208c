import { differences, pointerToken } from "./differences.js";
import type { OpenApiDocument } from "./parse-page.js";
import { SpecAssemblyError } from "./spec-assembly-error.js";

export interface Page {
  file: string;
  doc: OpenApiDocument;
}

interface Owned {
  value: unknown;
  file: string;
}

/** Canonical method order of the OpenAPI path item object. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const TOP_LEVEL_ORDER = [
  ...["openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "externalDocs"],
  ...["paths", "webhooks", "components"],
];

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const show = (value: unknown): string => {
  const text = value === undefined ? "absent" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/**
 * Records `value` under `key`, or, when another page holds a different one there, one conflict per
 * place they differ, naming both pages.
 */
function claim(
  owners: Map<string, Owned>,
  key: string,
  at: string,
  value: unknown,
  file: string,
  conflicts: string[],
) {
  const owner = owners.get(key);
  if (!owner) {
    owners.set(key, { value, file });
    return;
  }
  for (const diff of differences(owner.value, value, at)) {
    conflicts.push(
      `${owner.file} and ${file} disagree at ${diff.at} ` +
        `(${owner.file}: ${show(diff.a)}, ${file}: ${show(diff.b)})`,
    );
  }
}

function mapping(value: unknown, at: string, file: string): Record<string, unknown> {
  if (!isMapping(value)) throw new SpecAssemblyError(`${file}: ${at} is not a mapping`);
  return value;
}

const values = (owners: Map<string, Owned>, keys: string[]) =>
  Object.fromEntries(keys.map((key) => [key, owners.get(key)?.value]));

/**
 * Union of the pages' paths (per path and per key of the path item) and components (per section
 * and name); every other top-level field must be the same in all pages. Pages are sorted by file
 * name first and keys are emitted in a canonical order, so the result does not depend on the
 * order the pages were read in.
 */
export function mergePages(pages: Page[]): OpenApiDocument {
  if (pages.length === 0) throw new SpecAssemblyError("no pages to merge");
  const sorted = [...pages].sort((a, b) => byCodeUnit(a.file, b.file));
  const shared = new Map<string, Owned>();
  const paths = new Map<string, Map<string, Owned>>();
  const components = new Map<string, Map<string, Owned>>();
  const operationIds = new Map<string, { file: string; at: string }>();
  const conflicts: string[] = [];

  const sharedKeys = new Set(sorted.flatMap((p) => Object.keys(p.doc)));
  sharedKeys.delete("paths");
  sharedKeys.delete("components");
  for (const { file, doc } of sorted) {
    for (const key of sharedKeys) {
      claim(shared, key, `/${pointerToken(key)}`, doc[key], file, conflicts);
    }

    for (const [path, item] of Object.entries(doc.paths)) {
      const owners = paths.get(path) ?? new Map<string, Owned>();
      paths.set(path, owners);
      for (const [key, value] of Object.entries(
        mapping(item, `/paths/${pointerToken(path)}`, file),
      )) {
        const at = `/paths/${pointerToken(path)}/${pointerToken(key)}`;
        claim(owners, key, at, value, file, conflicts);
        const id = HTTP_METHODS.includes(key) && isMapping(value) ? value.operationId : undefined;
        if (typeof id !== "string") continue;
        const seen = operationIds.get(id);
        if (seen === undefined) operationIds.set(id, { file, at });
        else if (seen.at !== at) {
          conflicts.push(`${seen.file} and ${file} both use operationId ${id} (${seen.at}, ${at})`);
        }
      }
    }

    if (doc.components === undefined) continue;
    for (const [section, named] of Object.entries(mapping(doc.components, "/components", file))) {
      const owners = components.get(section) ?? new Map<string, Owned>();
      components.set(section, owners);
      for (const [name, value] of Object.entries(
        mapping(named, `/components/${pointerToken(section)}`, file),
      )) {
        const at = `/components/${pointerToken(section)}/${pointerToken(name)}`;
        claim(owners, name, at, value, file, conflicts);
      }
    }
  }

  if (conflicts.length > 0) {
    const count = conflicts.length === 1 ? "1 conflict" : `${conflicts.length} conflicts`;
    throw new SpecAssemblyError(
      `${count} between pages (each at a JSON pointer):\n${conflicts.map((c) => `  - ${c}`).join("\n")}`,
    );
  }

  const merged: Record<string, unknown> = values(shared, [...shared.keys()]);
  merged.paths = Object.fromEntries(
    [...paths.keys()].sort(byCodeUnit).map((path) => {
      const owners = paths.get(path) ?? new Map<string, Owned>();
      const keys = [...owners.keys()];
      const pathKeys = keys.filter((key) => !HTTP_METHODS.includes(key));
      const methods = HTTP_METHODS.filter((method) => owners.has(method));
      return [path, values(owners, [...pathKeys, ...methods])];
    }),
  );
  if (components.size > 0) {
    merged.components = Object.fromEntries(
      [...components.keys()].sort(byCodeUnit).map((section) => {
        const owners = components.get(section) ?? new Map<string, Owned>();
        return [section, values(owners, [...owners.keys()].sort(byCodeUnit))];
      }),
    );
  }
  const known = TOP_LEVEL_ORDER.filter((key) => key in merged);
  const others = Object.keys(merged)
    .filter((key) => !TOP_LEVEL_ORDER.includes(key))
    .sort(byCodeUnit);
  return Object.fromEntries(
    [...known, ...others].map((key) => [key, merged[key]]),
  ) as OpenApiDocument;
}
