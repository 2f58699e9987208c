import { preferredMedia } from "./operation-rules.js";
import { byCodeUnit, deref, isMapping, operationsOf, type Mapping } from "./spec-walk.js";

/** One exported type alias of src/generated/schemas.ts. */
export interface SchemaAlias {
  name: string;
  /** The aliased type, as TypeScript source over `components` and `paths`. */
  type: string;
  /** Doc comment lines. */
  doc: string[];
}

/** Names used inside the generated file itself: an alias must not shadow them. */
const RESERVED = new Set(["NonNullable"]);

/**
 * Names the package exported by hand before they were generated, kept while the operation exists:
 * the alias name and the operationId whose request body it names.
 */
const FORMER_BODY_NAMES: readonly { name: string; operationId: string }[] = [
  { name: "PurchaseClosing", operationId: "post-purchase-closing" },
];

/**
 * PascalCase of a spec name: split on anything that cannot continue an identifier and on `_`, each
 * word's first letter upper-cased. A name that cannot start an identifier gets `prefix` in front.
 */
export function pascalCase(name: string, prefix: string): string {
  const words = name.split(/[^\p{ID_Continue}]+|_+/u).filter((word) => word !== "");
  let id = words
    .map((word) => {
      const [first = "", ...rest] = word;
      return first.toUpperCase() + rest.join("");
    })
    .join("");
  // Every word is made of ID_Continue characters: only the first may need a prefix.
  return /^\p{ID_Start}/u.test(id) ? id : prefix + id;
}

/** `*\/` would end the comment early. */
const docLines = (text: unknown): string[] =>
  typeof text === "string" && text.trim() !== ""
    ? text
        .trim()
        .replaceAll("*/", "*\\/")
        .split(/\r?\n/)
        .map((line) => line.trimEnd())
    : [];

const code = (text: string): string => `\`${text.replaceAll("`", "'")}\``;

/**
 * The aliases of a spec, in a deterministic order: one per component schema (PascalCase of its
 * name, its description as doc), then one per operation whose request body is not a `$ref` to a
 * schema (PascalCase of the operationId, or of method and path, plus `Body`), then the former
 * hand-written names. A name already taken gets the first free `2`, `3`... suffix, first come first
 * served in that order, and says so in its doc.
 */
export function schemaAliases(spec: Mapping): SchemaAlias[] {
  const taken = new Set(RESERVED);
  const aliases: SchemaAlias[] = [];
  const add = (wanted: string, type: string, doc: string[]): string => {
    let name = wanted;
    for (let suffix = 2; taken.has(name); suffix++) name = `${wanted}${suffix}`;
    taken.add(name);
    const renamed = name === wanted ? [] : [`Named ${name}: ${wanted} was taken first.`];
    aliases.push({ name, type, doc: [...doc, ...renamed] });
    return name;
  };

  const components = isMapping(spec.components) ? spec.components : {};
  const schemas = isMapping(components.schemas) ? components.schemas : {};
  for (const key of Object.keys(schemas).sort(byCodeUnit)) {
    const schema = schemas[key];
    const described = isMapping(schema) ? docLines(schema.description ?? schema.title) : [];
    const doc = described.length > 0 ? described : [`The spec's schema ${code(key)}.`];
    add(pascalCase(key, "Schema"), `components["schemas"][${JSON.stringify(key)}]`, doc);
  }

  const bodies = new Map<string, string>();
  for (const { path, method, operation } of operationsOf(spec)) {
    const requestBody = deref(spec, operation.requestBody);
    if (!isMapping(requestBody) || !isMapping(requestBody.content)) continue;
    const media = preferredMedia(Object.keys(requestBody.content));
    const holder = media === undefined ? undefined : deref(spec, requestBody.content[media]);
    if (!isMapping(holder) || holder.schema === undefined) continue;
    if (isMapping(holder.schema) && typeof holder.schema.$ref === "string") continue;
    const id = typeof operation.operationId === "string" ? operation.operationId : undefined;
    const type =
      `NonNullable<paths[${JSON.stringify(path)}][${JSON.stringify(method)}]["requestBody"]>` +
      `["content"][${JSON.stringify(media)}]`;
    const doc = [
      `Request body of ${code(`${method.toUpperCase()} ${path}`)} (${code(String(media))}).`,
      ...docLines(requestBody.description),
    ];
    const name = add(`${pascalCase(id ?? `${method} ${path}`, "Operation")}Body`, type, doc);
    if (id !== undefined) bodies.set(id, name);
  }

  for (const { name, operationId } of FORMER_BODY_NAMES) {
    const body = bodies.get(operationId);
    if (body === undefined || taken.has(name)) continue;
    add(name, body, [`@deprecated The former name of {@link ${body}}.`]);
  }
  return aliases;
}

/** Source of src/generated/schemas.ts, before formatting and header. */
export function renderSchemaAliases(aliases: SchemaAlias[]): string {
  const uses = (word: string) =>
    aliases.some((alias) => new RegExp(`\\b${word}\\[`).test(alias.type));
  const imported = ["components", "paths"].filter(uses);
  const lines =
    imported.length > 0
      ? [`import type { ${imported.join(", ")} } from "./lucca-invoices.js";`, ""]
      : [];
  for (const { name, type, doc } of aliases) {
    lines.push("/**", ...doc.map((line) => (line === "" ? " *" : ` * ${line}`)), " */");
    lines.push(`export type ${name} = ${type};`, "");
  }
  if (aliases.length === 0) lines.push("export {};", "");
  return lines.join("\n");
}
