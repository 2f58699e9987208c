import type { Failure } from "./fetch-failure.js";

/** Whether to retry, and how long to wait first. Pure functions only. */

/** The `retry` option; each field 0 to 2^31 - 1 ms. */
export interface RetryTiming {
  /** First backoff delay; doubles each attempt. Default: 500. */
  initialDelayMs: number;
  /** Backoff ceiling. Default: 8 000. */
  maxDelayMs: number;
  /**
   * Longest `Retry-After` the client will wait; beyond it the call fails with the wait asked for.
   * Default: 60 000.
   */
  maxRetryAfterMs: number;
}

// Methods whose repetition has the effect of one request (RFC 9110, 9.2.2).
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);
// Answers to retry when a resend is safe: the server timed out, failed, or was not reached.
const RETRYABLE_WHEN_IDEMPOTENT = new Set([408, 500, 502, 503, 504]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method);
}

/**
 * Whether a response may be retried. A POST or PATCH is retried only on 429 (the server refused
 * before acting): after a 5xx or 408 it may have confirmed the invoice, and a resend could approve twice.
 */
export function statusIsRetryable(method: string, status: number): boolean {
  if (status === 429) return true;
  return isIdempotent(method) && RETRYABLE_WHEN_IDEMPOTENT.has(status);
}

/** Exponential backoff with jitter: initial * 2^(attempt-1), capped, less up to 25 %. */
export function backoffDelay(attempt: number, timing: RetryTiming, random = Math.random): number {
  return Math.round(
    Math.min(timing.maxDelayMs, timing.initialDelayMs * 2 ** (attempt - 1)) * (1 - random() / 4),
  );
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const text = value?.trim() ?? "";
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(+text * 1000);
  // An HTTP date names its day and month; Date.parse would also read "-5" as a year.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface Outcome {
  /** Set when the client retries: the wait first. */
  retryInMs?: number | undefined;
  /** Why the client did not retry, or gave up. */
  note?: string | undefined;
  /** The answer's `Retry-After`, in ms. */
  retryAfterMs?: number | undefined;
}

/** Retry or not after one attempt, which either answered or failed as `failure` says. */
export function decide(
  method: string,
  answer: Response | undefined,
  failure: Failure | undefined,
  attempt: number,
  maxAttempts: number,
  timing: RetryTiming,
): Outcome {
  const asked = answer && parseRetryAfter(answer.headers.get("Retry-After"));
  const retryableStatus = !!answer && statusIsRetryable(method, answer.status);
  const tooLong = retryableStatus && asked !== undefined && asked > timing.maxRetryAfterMs;
  // A failure before sending that will not pass by itself (a forbidden port) is never retried.
  const retryable = answer
    ? retryableStatus && !tooLong
    : failure!.transient || (isIdempotent(method) && !failure!.nothingSent);
  const retryInMs =
    retryable && attempt < maxAttempts ? (asked ?? backoffDelay(attempt, timing)) : undefined;
  let note: string | undefined;
  if (tooLong) {
    note = `Not retried: Retry-After ${asked / 1000} s is over the ${timing.maxRetryAfterMs / 1000} s limit.`;
  } else if (retryable) {
    if (retryInMs === undefined && maxAttempts > 1) note = `Gave up after ${attempt} attempts.`;
  } else if (failure?.nothingSent) {
    note = `Not retried: nothing was sent (${failure.cause}).`;
  } else if (!answer || statusIsRetryable("GET", answer.status)) {
    note = `Not retried: the ${method} may have taken effect; check before resending.`;
  }
  return { retryInMs, note, retryAfterMs: asked };
}
