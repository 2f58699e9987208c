/** What one call's attempts left behind, for its result. */
export interface CallRecord {
  attempts: number;
  /** Some attempt may have reached the server (it answered, or failed once sent). */
  mayHaveReachedServer: boolean;
  /** Some attempt may have taken effect on the server (see taken-effect.ts). */
  mayHaveTakenEffect: boolean;
  /** The URL the transport called: path parameters filled, query included. */
  url?: string;
  /** The Response handed to openapi-fetch, to tell it from one a middleware made. */
  answer?: Response;
  /** Its body, read within the last attempt's timeout (not for a stream). */
  bytes?: Uint8Array;
  /** A successful `stream` answer was handed over unread: the caller's signal still cancels it. */
  streamed?: boolean;
  /** The last response's `Retry-After`, in ms. */
  retryAfterMs?: number | undefined;
  /** Why the client did not retry, or gave up. */
  note?: string | undefined;
}

/** Statuses whose Response must have a null body. */
export const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A Response like `response` over `body`, keeping its url and redirected flag. */
function sameAnswer(response: Response, body: BodyInit | null): Response {
  const { status, statusText, headers } = response;
  const answer = new Response(body, { status, statusText, headers });
  Object.defineProperties(answer, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  });
  return answer;
}

/**
 * Reads the answer's body within the attempt (its timeout covers a stalled or reset body) and hands
 * openapi-fetch an equal Response over those bytes. A successful `stream` is handed over unread:
 * its body belongs to the caller, and `onStreamEnd` runs once the caller has read it to its end.
 */
export async function readAnswer(
  method: string,
  response: Response,
  call: { parseAs: string; record: CallRecord },
  onStreamEnd: () => void,
): Promise<Response> {
  const { status, headers } = response;
  const empty = NULL_BODY.has(status) || method === "HEAD" || headers.get("Content-Length") === "0";
  if (response.ok && call.parseAs === "stream" && !empty && response.body) {
    const body = response.body.pipeThrough(new TransformStream({ flush: onStreamEnd }));
    const answer = sameAnswer(response, body);
    call.record.bytes = undefined;
    call.record.streamed = true;
    call.record.answer = answer;
    return answer;
  }
  const bytes = empty ? undefined : new Uint8Array(await response.arrayBuffer());
  const answer = sameAnswer(response, NULL_BODY.has(status) ? null : (bytes ?? null));
  call.record.bytes = bytes;
  call.record.streamed = false;
  call.record.answer = answer;
  return answer;
}

const decoder = new TextDecoder();

/** The final body as text ("" when there was none). */
export const bodyText = (record: CallRecord): string =>
  record.bytes ? decoder.decode(record.bytes) : "";
