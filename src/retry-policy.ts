/** How long to wait before retrying, and whether to retry at all. Pure functions only. */

export interface RetryTiming {
  /** First backoff delay; doubles each attempt. */
  initialDelayMs: number;
  /** Backoff ceiling. */
  maxDelayMs: number;
  /** Longest `Retry-After` the client will wait; beyond it the call fails with the wait asked for. */
  maxRetryAfterMs: number;
}

export const defaultRetryTiming: RetryTiming = {
  initialDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method);
}

/**
 * Whether a response may be retried. A POST or PATCH is retried only on 429 (the server refused
 * before acting): after a 5xx or 408 it may have confirmed the invoice, so sending it again could
 * approve twice.
 */
export function statusIsRetryable(method: string, status: number): boolean {
  return isIdempotent(method) ? RETRYABLE_STATUS.has(status) : status === 429;
}

/** Exponential backoff with jitter: about initial * 2^(attempt-1), capped, less up to 25 %. */
export function backoffDelay(attempt: number, timing: RetryTiming, random = Math.random): number {
  const base = Math.min(timing.maxDelayMs, timing.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(base * (1 - random() * 0.25));
}

/** `Retry-After` in ms: delta-seconds or an HTTP date; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // An HTTP date names its day and month; Date.parse would also read "-5" as a year.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
