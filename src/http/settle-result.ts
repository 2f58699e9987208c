import { bodyText, type CallRecord } from "./read-answer.js";
import { answerMayHaveTakenEffect } from "./taken-effect.js";
import { apiErrorKind, LuccaApiError, type LuccaApiErrorKind } from "../errors.js";

/** The client's `{ data, error, response }`. */
export interface Result {
  data?: unknown;
  error?: LuccaApiError<unknown>;
  response: Response;
}

interface Settling {
  method: string;
  /** The path template, for an answer no request was sent for (a middleware's). */
  url: string;
  record: CallRecord;
  /** A server that echoes the header must not carry the key into an error. */
  redact: (text: string) => string;
}

/**
 * Turns openapi-fetch's result into the client's contract: any non-2xx has an `error` that is a
 * LuccaApiError, whatever its body (openapi-fetch gives `""` for an empty one), and a 2xx whose
 * body is not JSON is an `invalid_response` error, not a SyntaxError from inside a parser.
 */
export async function settle(
  pending: Promise<{ data?: unknown; error?: unknown; response: Response }>,
  { method, url, record, redact }: Settling,
): Promise<Result> {
  const fail = (
    response: Response,
    kind: LuccaApiErrorKind,
    text: string,
    note?: string,
    cause?: unknown,
  ) => {
    let problem: unknown;
    try {
      problem = JSON.parse(redact(text));
    } catch {}
    const { status, headers } = response;
    // Only a JSON object can be problem details (not an array, a string or null).
    const isObject = (problem as object | undefined)?.constructor === Object;
    const error = new LuccaApiError<unknown>(
      {
        status,
        kind,
        method,
        // The URL called (path filled, query included); the template only if no request left.
        url: record.url ?? (response.url || url),
        body: redact(text.slice(0, 10_000)),
        problem: isObject && kind !== "invalid_response" ? problem : undefined,
        requestId: headers.get("x-request-id") ?? undefined,
        retryAfterMs: record.retryAfterMs,
        attempts: record.attempts,
        // A response a middleware made had no attempt behind it: its status alone tells.
        mayHaveTakenEffect: record.mayHaveTakenEffect || answerMayHaveTakenEffect(method, status),
        note,
      },
      cause === undefined ? undefined : { cause },
    );
    return { error, response };
  };
  let result;
  try {
    result = await pending;
  } catch (error) {
    const { answer } = record;
    if (error instanceof SyntaxError && answer?.ok) {
      const note = "The body is not valid JSON.";
      return fail(answer, "invalid_response", bodyText(record), note, error);
    }
    throw error;
  }
  const { response, data } = result;
  if (response.ok) return { data, response };
  // A response a middleware made was read by openapi-fetch only: take its text back.
  let text: string;
  if (response === record.answer) text = bodyText(record);
  else if (typeof result.error === "string") text = result.error;
  else text = JSON.stringify(result.error) ?? "";
  return fail(response, apiErrorKind(response.status), text, record.note);
}
