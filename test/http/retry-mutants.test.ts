import { afterEach, describe, expect, it, vi } from "vitest";
import type { Failure } from "../../src/http/fetch-failure.js";
import { decide, isIdempotent, parseRetryAfter } from "../../src/http/retry-policy.js";

// decide() and parseRetryAfter() with exact outcomes: the wait, the note and the Retry-After, for
// answers and failures, at the limits of maxAttempts and maxRetryAfterMs.

const timing = { initialDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };
const answer = (status: number, retryAfter?: string): Response =>
  new Response(null, {
    status,
    headers: retryAfter === undefined ? {} : { "Retry-After": retryAfter },
  });
const failed = (nothingSent: boolean, transient: boolean, cause = "ECONNRESET"): Failure => ({
  cause,
  nothingSent,
  transient,
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("decide", () => {
  it("retries a GET on 503 after the backoff (random fixed at 0), until maxAttempts", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(decide("GET", answer(503), undefined, 1, 3, timing)).toEqual({
      retryInMs: 500,
      note: undefined,
      retryAfterMs: undefined,
    });
    expect(decide("GET", answer(503), undefined, 2, 3, timing)).toEqual({
      retryInMs: 1_000,
      note: undefined,
      retryAfterMs: undefined,
    });
    expect(decide("GET", answer(503), undefined, 3, 3, timing)).toEqual({
      retryInMs: undefined,
      note: "Gave up after 3 attempts.",
      retryAfterMs: undefined,
    });
  });

  it("says nothing about giving up when retries are off (maxAttempts 1)", () => {
    expect(decide("GET", answer(503), undefined, 1, 1, timing)).toEqual({
      retryInMs: undefined,
      note: undefined,
      retryAfterMs: undefined,
    });
  });

  it("waits the Retry-After asked, up to maxRetryAfterMs included", () => {
    expect(decide("POST", answer(429, "60"), undefined, 1, 3, timing)).toEqual({
      retryInMs: 60_000,
      note: undefined,
      retryAfterMs: 60_000,
    });
    expect(decide("GET", answer(503, "61"), undefined, 1, 3, timing)).toEqual({
      retryInMs: undefined,
      note: "Not retried: Retry-After 61 s is over the 60 s limit.",
      retryAfterMs: 61_000,
    });
  });

  it("a Retry-After on an answer that is not retried is reported, never waited", () => {
    expect(decide("POST", answer(400, "120"), undefined, 1, 3, timing)).toEqual({
      retryInMs: undefined,
      note: undefined,
      retryAfterMs: 120_000,
    });
    expect(decide("GET", answer(404, "1"), undefined, 1, 3, timing)).toEqual({
      retryInMs: undefined,
      note: undefined,
      retryAfterMs: 1_000,
    });
  });

  it("a POST answered 500 is not resent and the note says why", () => {
    expect(decide("POST", answer(500), undefined, 1, 3, timing)).toEqual({
      retryInMs: undefined,
      note: "Not retried: the POST may have taken effect; check before resending.",
      retryAfterMs: undefined,
    });
  });

  it("failures: resent when nothing was sent and it may pass, or when the method is idempotent", () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    expect(decide("POST", undefined, failed(true, true, "ECONNREFUSED"), 1, 3, timing)).toEqual({
      retryInMs: 500,
      note: undefined,
      retryAfterMs: undefined,
    });
    expect(decide("GET", undefined, failed(false, false), 2, 3, timing)).toEqual({
      retryInMs: 1_000,
      note: undefined,
      retryAfterMs: undefined,
    });
    expect(decide("POST", undefined, failed(false, false), 1, 3, timing)).toEqual({
      retryInMs: undefined,
      note: "Not retried: the POST may have taken effect; check before resending.",
      retryAfterMs: undefined,
    });
    expect(decide("GET", undefined, failed(true, false, "bad port"), 1, 3, timing)).toEqual({
      retryInMs: undefined,
      note: "Not retried: nothing was sent (bad port).",
      retryAfterMs: undefined,
    });
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds, whole or decimal, rounded up to the ms", () => {
    expect(parseRetryAfter("12")).toBe(12_000);
    expect(parseRetryAfter(" 3 ")).toBe(3_000);
    expect(parseRetryAfter("1.25")).toBe(1_250);
    expect(parseRetryAfter("0.0004")).toBe(1);
  });

  it("refuses what is neither delta-seconds nor a date", () => {
    expect(parseRetryAfter("1.5.3")).toBeUndefined();
    expect(parseRetryAfter("12x")).toBeUndefined();
    expect(parseRetryAfter("-5")).toBeUndefined();
    expect(parseRetryAfter("")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it("reads an HTTP date against now, never below 0", () => {
    const now = Date.parse("Tue, 01 Dec 2026 09:00:00 GMT");
    expect(parseRetryAfter("Tue, 01 Dec 2026 09:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Tue, 01 Dec 2026 08:59:00 GMT", now)).toBe(0);
  });
});

it("TRACE is idempotent like GET; POST, PATCH and lower case are not", () => {
  expect(isIdempotent("TRACE")).toBe(true);
  expect(isIdempotent("POST")).toBe(false);
  expect(isIdempotent("PATCH")).toBe(false);
  expect(isIdempotent("get")).toBe(false);
});
