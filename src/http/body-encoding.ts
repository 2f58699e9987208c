import { defaultBodySerializer, mergeHeaders, type HeadersOptions } from "openapi-fetch";

const entries = (body: unknown): [string, unknown][] =>
  Object.entries(body as object).flatMap(([key, value]) =>
    Array.isArray(value) ? value.map((item): [string, unknown] => [key, item]) : [[key, value]],
  );

const text = (value: unknown): string =>
  typeof value === "object" ? JSON.stringify(value) : String(value);

function toFormData(body: unknown): FormData {
  if (body instanceof FormData) return body;
  const form = new FormData();
  for (const [key, value] of entries(body)) {
    if (value instanceof Blob) form.append(key, value);
    else if (value != null) form.append(key, text(value));
  }
  return form;
}

function toUrlEncoded(body: unknown): string {
  if (body instanceof URLSearchParams || typeof body === "string") return String(body);
  const params = new URLSearchParams();
  for (const [key, value] of entries(body)) if (value != null) params.append(key, text(value));
  return params.toString();
}

export interface BodyEncoding {
  serializer?: (body: unknown) => unknown;
  /** The Content-Type to send unless the caller sets one (multipart sets its own boundary). */
  headers?: HeadersOptions;
}

/** How a body of the operation's declared media type is sent; JSON is openapi-fetch's default. */
export function bodyEncodingFor(media: string | undefined): BodyEncoding {
  if (!media) return {};
  if (media === "multipart/form-data") return { serializer: toFormData };
  if (media === "application/x-www-form-urlencoded") {
    return { serializer: toUrlEncoded, headers: { "Content-Type": media } };
  }
  // Files and text go as they are (Blob, ArrayBuffer, typed array, string).
  return {
    serializer: (body) => body,
    headers: media.includes("*") ? {} : { "Content-Type": media },
  };
}

/** A body fetch sends as it is and labels itself, or not at all: never JSON. */
function isRawBody(body: unknown): boolean {
  return (
    body instanceof URLSearchParams ||
    body instanceof Blob ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof ReadableStream
  );
}

// Its types omit the headers it reads at run time (a form Content-Type turns an object into a form).
const openapiFetchDefault = defaultBodySerializer as (
  body: unknown,
  headers?: HeadersOptions,
) => unknown;

/**
 * The serializer of a JSON operation and of `raw()`: openapi-fetch's default (FormData as it is,
 * JSON otherwise), except that a string and a raw body (URLSearchParams, Blob, ArrayBuffer, typed
 * array, stream) go as they are instead of as `{}`.
 */
export function serializeAsIs(body: unknown, headers?: HeadersOptions): unknown {
  if (typeof body === "string" || isRawBody(body)) return body;
  return openapiFetchDefault(body, headers);
}

/**
 * The call's headers for its body, or undefined to leave them as given: the operation's declared
 * Content-Type under the caller's headers; for a raw body, no Content-Type rather than
 * openapi-fetch's JSON default (fetch then sets the body's own: a form, a Blob's type, none for
 * bytes), unless the caller or the operation names one.
 */
export function bodyHeaders(
  body: unknown,
  declared: HeadersOptions | undefined,
  given: HeadersOptions | undefined,
): HeadersOptions | undefined {
  const raw = isRawBody(body);
  if (!raw && declared === undefined) return undefined;
  const merged = mergeHeaders(declared, given);
  if (!raw || merged.has("Content-Type")) return merged;
  const plain: Record<string, string | null> = { "Content-Type": null };
  merged.forEach((value, name) => {
    plain[name] = value;
  });
  return plain;
}
