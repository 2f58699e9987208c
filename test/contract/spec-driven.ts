import { sample } from "openapi-sampler";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { JSON_MEDIA, preferredMedia } from "../../scripts/lib/operation-rules.js";
import {
  deref,
  isMapping,
  operationsOf,
  type Mapping,
  type Operation,
} from "../../scripts/lib/spec-walk.js";

/** What the suite needs of a client: `createSpecClient` and `createLuccaInvoicesClient` both fit. */
export interface SpecDrivenClient {
  request(
    method: string,
    path: string,
    init?: Record<string, unknown>,
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

export interface SpecDrivenOptions {
  /** Names the describe block, e.g. "vendored spec". */
  name: string;
  /** The OpenAPI text; its operations are walked when the suite is registered, none is hard-coded. */
  specText: string;
  /** The client under test, asked for at test time (a server may start in a beforeAll). */
  client: () => SpecDrivenClient;
  /**
   * Behind `prism proxy`, which answers 501 to a GET or HEAD with a body (stoplightio/prism#2259):
   * such a call is reported as skipped, by name, instead of sent.
   */
  viaPrismProxy?: boolean;
}

/** A GET or HEAD that declares a request body. */
const bodyOnGet = (spec: Mapping, op: Operation): boolean =>
  /^(get|head)$/.test(op.method) && isMapping(deref(spec, op.operation.requestBody));

const mediaOf = (contentType: string | null): string =>
  (contentType ?? "").split(";")[0]!.trim().toLowerCase();
const is2xx = (code: string): boolean => /^2(\d\d|XX)$/i.test(code);
/** Bytes no UTF-8 decoder would keep as they are: a corrupted upload cannot look right. */
const FILE_BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0a]);

class Unsupported extends Error {}

const schemaOf = (spec: Mapping, holder: Mapping | undefined): Mapping =>
  (isMapping(deref(spec, holder?.schema)) ? deref(spec, holder?.schema) : {}) as Mapping;
const isBinary = (schema: Mapping): boolean =>
  schema.format === "binary" || typeof schema.contentMediaType === "string";
/** The first example a parameter or media type gives, following a `$ref` to components/examples. */
function firstExample(spec: Mapping, holder: Mapping): unknown {
  if ("example" in holder) return holder.example;
  const examples = isMapping(holder.examples) ? Object.values(holder.examples) : [];
  if (examples.length === 0) return undefined;
  const first = deref(spec, examples[0]);
  return isMapping(first) && "value" in first ? first.value : undefined;
}

/** The schemas that may describe one object's properties: itself and its allOf/oneOf/anyOf parts. */
function schemaParts(spec: Mapping, schema: unknown, seen = new Set<unknown>()): Mapping[] {
  const resolved = deref(spec, schema);
  if (!isMapping(resolved) || seen.has(resolved)) return [];
  seen.add(resolved);
  const parts = [resolved];
  for (const key of ["allOf", "oneOf", "anyOf"]) {
    const list = resolved[key];
    if (Array.isArray(list)) parts.push(...list.flatMap((part) => schemaParts(spec, part, seen)));
  }
  return parts;
}

/**
 * `value` without the fields its schema marks `readOnly`, at any depth. openapi-sampler skips them
 * when it draws a value, but not when it copies a schema-level `example`, and Prism refuses a
 * request body carrying one.
 */
export function withoutReadOnly(spec: Mapping, schema: unknown, value: unknown): unknown {
  const parts = schemaParts(spec, schema);
  if (Array.isArray(value)) {
    const items = parts.map((part) => part.items).filter((item) => item !== undefined);
    return value.map((item) => items.reduce((kept, s) => withoutReadOnly(spec, s, kept), item));
  }
  if (!isMapping(value)) return value;
  const kept: Mapping = {};
  for (const [key, field] of Object.entries(value)) {
    const declared = parts
      .map((part) => (isMapping(part.properties) ? part.properties[key] : undefined))
      .filter((property) => property !== undefined);
    const readOnly = declared.some((property) =>
      schemaParts(spec, property).some((part) => part.readOnly === true),
    );
    if (readOnly) continue;
    kept[key] = declared.reduce((next, property) => withoutReadOnly(spec, property, next), field);
  }
  return kept;
}

/** An example the spec gives, else a value openapi-sampler draws from the schema. */
function valueFor(spec: Mapping, holder: Mapping, all: boolean): unknown {
  const example = firstExample(spec, holder);
  const schema = schemaOf(spec, holder);
  if (example === undefined)
    return sample(
      schema as never,
      { skipReadOnly: true, skipNonRequired: !all, quiet: true },
      spec,
    );
  // An example holds every field: the required-only request keeps the required ones.
  const required = schemaParts(spec, holder.schema).flatMap((part) =>
    Array.isArray(part.required) ? (part.required as unknown[]) : [],
  );
  if (all || !isMapping(example) || required.length === 0) return example;
  return Object.fromEntries(Object.entries(example).filter(([key]) => required.includes(key)));
}

/** A request body's value: the spec's example or a drawn one, never with a read-only field. */
const requestValueFor = (spec: Mapping, holder: Mapping, all: boolean): unknown =>
  withoutReadOnly(spec, holder.schema, valueFor(spec, holder, all));

/** The body for the media type the client sends (scripts/lib/operation-rules.ts chooses it). */
function bodyFor(spec: Mapping, content: Mapping, all: boolean): unknown {
  const media = preferredMedia(Object.keys(content))!;
  const holder = (deref(spec, content[media]) ?? {}) as Mapping;
  const schema = schemaOf(spec, holder);
  if (JSON_MEDIA.test(mediaOf(media)) || media === "application/x-www-form-urlencoded") {
    return requestValueFor(spec, holder, all);
  }
  if (media === "multipart/form-data") {
    const value = requestValueFor(spec, holder, all);
    const properties = isMapping(schema.properties) ? schema.properties : {};
    if (!isMapping(value))
      throw new Unsupported(`a multipart/form-data body that is not an object`);
    // A file part is a Blob; the sampler only knows strings.
    const file = (): Blob => new Blob([FILE_BYTES], { type: "application/octet-stream" });
    for (const [key, raw] of Object.entries(properties)) {
      const property = (deref(spec, raw) ?? {}) as Mapping;
      const items = (deref(spec, property.items) ?? {}) as Mapping;
      if (!(key in value)) continue;
      if (isBinary(property)) value[key] = file();
      else if (property.type === "array" && isBinary(items)) value[key] = [file()];
    }
    return value;
  }
  if (/^text\//.test(media)) return String(requestValueFor(spec, holder, all));
  if (Object.keys(schema).length === 0 || isBinary(schema) || schema.type === "string") {
    return new Blob([FILE_BYTES], {
      type: media.includes("*") ? "application/octet-stream" : media,
    });
  }
  throw new Unsupported(`a request body of media type ${media} with a non-binary schema`);
}

/** The call's init: only the required parameters and body, or all of them. */
function initFor(spec: Mapping, { operation, parameters }: Operation, all: boolean) {
  const params: Record<string, Record<string, unknown>> = {};
  for (const param of parameters.values()) {
    const name = String(param.name);
    const where = String(param.in);
    // The client sends its own Authorization: the spec declares it on every operation.
    if (where === "header" && name.toLowerCase() === "authorization") continue;
    if (!["path", "query", "header"].includes(where))
      throw new Unsupported(`parameter ${JSON.stringify(name)} in: ${where}`);
    if (!isMapping(param.schema))
      throw new Unsupported(`parameter ${JSON.stringify(name)} without a schema (content:)`);
    if (!all && param.required !== true) continue;
    (params[where] ??= {})[name] = valueFor(spec, param, all);
  }
  const init: Record<string, unknown> = { params };
  const requestBody = (deref(spec, operation.requestBody) ?? {}) as Mapping;
  if (isMapping(requestBody.content) && (all || requestBody.required === true)) {
    init.body = bodyFor(spec, requestBody.content, all);
  }
  return init;
}

const jsonType = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : typeof value;

/** The top-level JSON type the schema allows ("integer" as "number"), none when it does not say. */
function allowedTypes(schema: Mapping): string[] | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : undefined;
  return types?.map((t) => (t === "integer" ? "number" : String(t)));
}

const labelOf = (op: Operation): string =>
  `${String(op.operation.operationId ?? "(no operationId)")} (${op.method.toUpperCase()} ${op.path})`;

/**
 * The init of the call the suite makes for `op`, with only the required parameters or all of them;
 * throws, naming the operation and the construct, when the suite cannot build it.
 */
export function callFor(spec: Mapping, op: Operation, all: boolean): Record<string, unknown> {
  try {
    return initFor(spec, op, all);
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    throw new Error(
      `${labelOf(op)} declares ${error.message}, which the spec-driven suite cannot exercise yet`,
    );
  }
}

/** What the client's error says, for a failure message: its message and the body it carries. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return JSON.stringify(error) ?? String(error);
  const body = (error as { body?: unknown }).body;
  return typeof body === "string" && body !== ""
    ? `${error.message}; body: ${body}`
    : error.message;
}

/**
 * The 2xx code of `responses` the answer matches. Fails otherwise, with the HTTP status first, then
 * Prism's sl-violations, then the client's error: a 401 or a 422 shows as what it is.
 */
export function expectDeclaredSuccess(
  label: string,
  responses: Mapping,
  { error, response }: { error?: unknown; response: Response },
): string {
  const declared = Object.keys(responses).filter(is2xx);
  const status = String(response.status);
  const code =
    declared.find((c) => c === status) ??
    declared.find((c) => c[0] === status[0] && /XX$/i.test(c));
  const violations = response.headers.get("sl-violations");
  if (code === undefined) {
    const expected = declared.length > 0 ? declared.join(", ") : "none";
    throw new Error(
      `${label}: HTTP ${status}, not a 2xx it declares (${expected}); ` +
        `Prism sl-violations: ${violations ?? "none"}; error: ${describeError(error)}`,
    );
  }
  if (violations !== null) {
    throw new Error(`${label}: HTTP ${status} with Prism sl-violations: ${violations}`);
  }
  expect(error, `${label}: error`).toBeUndefined();
  return code;
}

async function exercise(spec: Mapping, op: Operation, all: boolean, client: SpecDrivenClient) {
  const label = labelOf(op);
  const init = callFor(spec, op, all);
  let sent: Request | undefined;
  const fetchOnce = async (request: Request): Promise<Response> => {
    sent = request.clone();
    return fetch(request);
  };
  // fetch cannot carry a GET's body: the client sends that one over node:http, with no custom fetch.
  const bodyOnGet = /^(get|head)$/.test(op.method) && init.body !== undefined;
  const capture = bodyOnGet ? {} : { fetch: fetchOnce };
  const { data, error, response } = await client
    .request(op.method, op.path, { ...init, ...capture, maxRetries: 0 })
    .catch((thrown: unknown) => {
      throw new Error(`${label}: the client threw ${String(thrown)}`, { cause: thrown });
    });

  const responses = (isMapping(op.operation.responses) ? op.operation.responses : {}) as Mapping;
  const code = expectDeclaredSuccess(label, responses, { error, response });
  const content = (deref(spec, responses[code]) as Mapping | undefined)?.content;
  if (response.status === 204 || !isMapping(content) || Object.keys(content).length === 0) {
    expect(data, `${label}: a response without content has no data`).toBeUndefined();
    return;
  }
  const media = mediaOf(response.headers.get("content-type"));
  const declaredMedia = Object.keys(content).find((m) => {
    const [type, sub] = mediaOf(m).split("/");
    return mediaOf(m) === media || (sub === "*" && (type === "*" || media.startsWith(`${type}/`)));
  });
  expect(
    declaredMedia,
    `${label}: answered Content-Type ${media}, not one it declares`,
  ).toBeDefined();
  // The same request again, without the client: what the server really sends.
  // `signal: null` drops the attempt's timeout signal, which the client is done with.
  const raw = sent ? await fetch(new Request(sent, { signal: null })) : undefined;
  if (raw) expect(raw.status, `${label}: raw replay status`).toBe(response.status);
  const schema = schemaOf(spec, deref(spec, content[declaredMedia!]) as Mapping);
  if (JSON_MEDIA.test(media)) {
    const types = allowedTypes(schema);
    if (types) expect(types, `${label}: JSON body type`).toContain(jsonType(data));
    if (raw) expect(data, `${label}: JSON body`).toEqual(await raw.json());
  } else if (media.startsWith("text/")) {
    expect(typeof data, `${label}: text body`).toBe("string");
    if (raw) expect(data).toBe(await raw.text());
  } else {
    expect(data, `${label}: binary body`).toBeInstanceOf(Blob);
    const bytes = new Uint8Array(await (data as Blob).arrayBuffer());
    if (raw)
      expect(bytes, `${label}: binary bytes`).toEqual(new Uint8Array(await raw.arrayBuffer()));
  }
}

/**
 * Registers, for every operation of the spec, two tests: a call with only the required parameters
 * (and body) and one with all of them, built from the spec's examples or drawn by openapi-sampler.
 * Each must answer a 2xx the operation declares, without Prism `sl-violations`, with a body read as
 * its media type. A construct the suite cannot build fails the operation's tests by name.
 */
export function specDrivenSuite(options: SpecDrivenOptions): void {
  const { name, specText, client, viaPrismProxy = false } = options;
  const spec = parse(specText) as Mapping;
  const operations = operationsOf(spec);
  describe(`spec-driven contract: ${name}`, () => {
    it("finds operations in the spec", () => {
      expect(operations.length).toBeGreaterThan(0);
    });
    for (const op of operations) {
      const label = labelOf(op);
      const proxied = viaPrismProxy && bodyOnGet(spec, op);
      const withBody = (all: boolean) =>
        proxied && (all || (deref(spec, op.operation.requestBody) as Mapping).required === true);
      for (const [all, variant] of [
        [false, "only the required parameters"],
        [true, "all parameters"],
      ] as const) {
        if (withBody(all)) it.skip(`${label}: ${variant} (a GET body cannot pass prism proxy)`);
        else it(`${label}: ${variant}`, () => exercise(spec, op, all, client()));
      }
    }
  });
}
