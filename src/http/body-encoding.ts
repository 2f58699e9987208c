import type { HeadersOptions } from "openapi-fetch";

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
