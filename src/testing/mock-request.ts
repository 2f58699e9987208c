import type { IncomingHttpHeaders } from "node:http";

/** One check Prism failed for a request (its `sl-violations`, or the `validation` of its 422). */
export interface PrismViolation {
  /** Where, e.g. `["body", "reason"]` or `["header"]`. */
  location: string[];
  /** `Error` or `Warning`. */
  severity: string;
  code: string | number;
  message: string;
}

/** A request that reached the mock, as the app sent it (the key redacted). */
export interface MockRequest {
  /** e.g. `POST` */
  method: string;
  /** The path as sent, without the query: `/cleemy-procurement/api/invoices/43/confirmations`. */
  path: string;
  /** The query, decoded; a name sent more than once maps to its values in order. */
  query: Record<string, string | string[]>;
  /** Lower-cased names; `authorization` redacted to `lucca application=<redacted>`. */
  headers: Record<string, string>;
  /** The parsed JSON for a JSON content type, else the text; undefined when there was none. */
  body: unknown;
  /**
   * The status answered (or being held back by a `delayMs` override), `"dropped"` when the mock
   * closed the connection instead, `"pending"` until Prism has answered.
   */
  status: number | "dropped" | "pending";
  /** Prism's violations for this request; empty when it kept to the spec. */
  violations: PrismViolation[];
}

export const REDACTED = "<redacted>";

/** Headers as one string each, `authorization` keeping its scheme only. */
export function redactedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  if (result.authorization !== undefined) {
    const scheme = /^lucca application=/i.exec(result.authorization);
    result.authorization = scheme ? `${scheme[0]}${REDACTED}` : REDACTED;
  }
  return result;
}

export function queryRecord(search: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of search) {
    const seen = result[name];
    if (seen === undefined) result[name] = value;
    else result[name] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return result;
}

export function bodyOf(bytes: Buffer, contentType: string | undefined): unknown {
  if (bytes.length === 0) return undefined;
  const text = bytes.toString("utf8");
  if (/^application\/([\w.-]+\+)?json\b/i.test(contentType ?? "")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * Prism's verdict on a request: its `sl-violations` header, or with `--errors` (the mock's mode)
 * the `validation` list of the 422 problem it answers instead of a mocked response.
 */
export function violationsOf(
  headers: IncomingHttpHeaders,
  status: number,
  body: Buffer,
): PrismViolation[] {
  const header = headers["sl-violations"];
  if (typeof header === "string") {
    try {
      const parsed = JSON.parse(header) as unknown;
      if (Array.isArray(parsed)) return parsed as PrismViolation[];
    } catch {
      // Not JSON: fall through to the body.
    }
  }
  if (status !== 422) return [];
  try {
    const problem = JSON.parse(body.toString("utf8")) as { type?: unknown; validation?: unknown };
    const fromPrism = String(problem.type).startsWith("https://stoplight.io/prism/errors#");
    return fromPrism && Array.isArray(problem.validation)
      ? (problem.validation as PrismViolation[])
      : [];
  } catch {
    return [];
  }
}
