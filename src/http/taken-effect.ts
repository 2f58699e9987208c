import type { Failure } from "./fetch-failure.js";

/** Methods that never change the server's state (RFC 9110, 9.2.1): nothing of theirs takes effect. */
const SAFE = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/**
 * Whether the server may have acted on a request it answered with `status`: a 2xx did, a 5xx, a 408
 * or any status that is not a refusal (1xx, 3xx) may have; a 4xx other than 408 (429 included) is
 * a refusal before acting. A safe method never takes effect, whatever the answer.
 */
export function answerMayHaveTakenEffect(method: string, status: number): boolean {
  if (SAFE.has(method)) return false;
  if (status === 408) return true;
  return status < 400 || status > 499;
}

/** Whether a request that got no answer may have taken effect: yes, unless nothing was sent. */
export function failureMayHaveTakenEffect(method: string, failure: Failure): boolean {
  return !SAFE.has(method) && !failure.nothingSent;
}
