import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  isIdempotent,
  parseRetryAfter,
  statusIsRetryable,
} from "../../src/http/retry-policy.js";

// The client's defaults (RETRY_TIMING_RULES), written out: a changed default must be seen here.
const defaults = { initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

describe("retry policy", () => {
  it.each(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"])("retries %s on 408, 429 and 5xx", (m) => {
    expect(isIdempotent(m)).toBe(true);
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(statusIsRetryable(m, status)).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422, 501]) {
      expect(statusIsRetryable(m, status)).toBe(false);
    }
  });

  it.each(["POST", "PATCH"])("retries %s on 429 only: anything else may have acted", (m) => {
    expect(isIdempotent(m)).toBe(false);
    expect(statusIsRetryable(m, 429)).toBe(true);
    for (const status of [408, 500, 502, 503, 504, 400, 401]) {
      expect(statusIsRetryable(m, status)).toBe(false);
    }
  });

  it("backs off about 0.5 s doubling, capped at 8 s, with up to 25 % jitter", () => {
    const none = () => 0;
    const most = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelay(a, defaults, none))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffDelay(1, defaults, most)).toBe(375);
    expect(backoffDelay(6, defaults, most)).toBe(6000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-11-23T10:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Mon, 23 Nov 2026 10:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Mon, 23 Nov 2026 09:59:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("-5", now)).toBeUndefined();
  });
});
