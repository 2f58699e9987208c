import {
  apiErrorKind,
  LuccaApiError,
  type LuccaApiErrorKind,
  type ProblemDetails,
} from "./errors.js";
import type { CallRecord } from "./transport.js";

/** The client's `{ data, error, response }`. */
export interface Result {
  data?: unknown;
  error?: LuccaApiError;
  response: Response;
}

export type ParseAs = "json" | "text";

/**
 * Reads a response into the client's contract: any non-2xx has an `error` that is a
 * LuccaApiError, whatever its body (empty, HTML, truncated JSON), and a 2xx whose body is not
 * JSON is an `invalid_response` error, not a SyntaxError from deep inside a parser.
 */
export function settle(
  method: string,
  url: string,
  response: Response,
  parseAs: ParseAs,
  record: CallRecord,
  redact: (text: string) => string,
): Result {
  const { headers, status, ok } = response;
  // The transport has read the body already, within the attempt's timeout.
  const { body: text = "" } = record;
  if (ok && parseAs === "text") return { data: text, response };
  const fail = (kind: LuccaApiErrorKind, problem?: ProblemDetails): Result => ({
    error: new LuccaApiError({
      status,
      kind,
      method,
      url,
      body: redact(text.slice(0, 10_000)),
      problem,
      requestId: headers.get("x-request-id") ?? undefined,
      retryAfterMs: record.retryAfterMs,
      attempts: record.attempts,
      note: ok ? "The body is not valid JSON." : record.note,
    }),
    response,
  });
  if (ok) {
    try {
      return { data: text ? JSON.parse(text) : undefined, response };
    } catch {
      return fail("invalid_response");
    }
  }
  let problem: unknown;
  try {
    problem = JSON.parse(redact(text));
  } catch {}
  // Only a JSON object can be problem details (not an array, a string or null).
  const isObject = (problem as object | undefined)?.constructor === Object;
  return fail(apiErrorKind(status), isObject ? (problem as ProblemDetails) : undefined);
}
