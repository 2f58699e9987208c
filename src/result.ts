import {
  apiErrorKind,
  LuccaApiError,
  type LuccaApiErrorKind,
  type ProblemDetails,
} from "./errors.js";
import { parseRetryAfter } from "./retry-policy.js";
import type { CallRecord } from "./transport.js";

/** openapi-fetch's `{ data, error, response }`. */
export interface RawResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const REQUEST_ID_HEADERS = ["x-request-id", "x-correlation-id", "request-id"];

/**
 * Turns openapi-fetch's result into the client's contract: any non-2xx has an `error` that is a
 * LuccaApiError (openapi-fetch gives `""` or `undefined` for an empty body), and a 2xx whose body
 * is not JSON is an error too, instead of a SyntaxError from deep inside the parser.
 * `raw.data` is text here: the client asks openapi-fetch for text and parses JSON itself.
 */
export function settle(
  method: string,
  raw: RawResult,
  parseJson: boolean,
  record: CallRecord,
  redact: (text: string) => string,
): RawResult {
  const { response } = raw;
  const fail = (kind: LuccaApiErrorKind, body: string, problem?: ProblemDetails): RawResult => ({
    error: new LuccaApiError({
      status: response.status,
      kind,
      method,
      url: response.url,
      body: redact(body),
      problem,
      requestId: REQUEST_ID_HEADERS.map((h) => response.headers.get(h)).find(Boolean) ?? undefined,
      retryAfterMs: parseRetryAfter(response.headers.get("Retry-After")),
      attempts: record.attempts,
      note: kind === "invalid_response" ? "The body is not valid JSON." : record.note,
    }),
    response,
  });
  if (!response.ok) {
    const { error } = raw;
    if (isObject(error)) {
      const text = redact(JSON.stringify(error));
      return fail(apiErrorKind(response.status), text, JSON.parse(text) as ProblemDetails);
    }
    return fail(apiErrorKind(response.status), error === undefined ? "" : String(error));
  }
  if (!parseJson || typeof raw.data !== "string") return raw;
  if (raw.data === "") return { data: undefined, response };
  try {
    return { data: JSON.parse(raw.data), response };
  } catch {
    return fail("invalid_response", raw.data.slice(0, 10_000));
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
