import { LuccaAbortError, LuccaConnectionError, LuccaTimeoutError } from "./errors.js";
import { logAttempt, type LuccaLogger } from "./logger.js";
import type { RateLimiter } from "./rate-limiter.js";
import {
  backoffDelay,
  isIdempotent,
  parseRetryAfter,
  statusIsRetryable,
  type RetryTiming,
} from "./retry-policy.js";

export interface TransportConfig {
  authorization: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  limiter: RateLimiter | undefined;
  logger: LuccaLogger | undefined;
  timing: RetryTiming;
}

export interface AttemptPolicy {
  maxRetries: number;
  timeoutMs: number;
}

/** What one call's attempts left behind, for its result. */
export interface CallRecord {
  attempts: number;
  /** The final response body, read within the last attempt's timeout. */
  body?: string;
  /** The last response's `Retry-After`, in ms. */
  retryAfterMs?: number | undefined;
  /** Why the client did not retry, or gave up. */
  note?: string | undefined;
}

/** The request of one call, as every attempt sends it again. */
export interface Outgoing extends RequestInit {
  method: string;
  headers: Headers;
  body?: BodyInit | null;
}

/** Sends a call: key, limiter, a timeout per attempt, retries. Throws only without a response. */
export type Send = (
  url: string,
  init: Outgoing,
  policy: AttemptPolicy,
  record: CallRecord,
) => Promise<Response>;

export function createTransport({
  authorization,
  fetch,
  limiter,
  logger,
  timing,
}: TransportConfig): Send {
  return async (url, init, { maxRetries, timeoutMs }, record) => {
    const { method, headers, signal } = init;
    // Set here, on the client's own copy: nothing the caller holds ever carries the key.
    headers.set("Authorization", authorization);
    const aborted = (): LuccaAbortError =>
      new LuccaAbortError(`${method} ${url} was aborted by the caller.`, { cause: signal!.reason });
    const maxAttempts = maxRetries + 1;

    for (let attempt = 1; ; attempt++) {
      record.attempts = attempt;
      if (signal?.aborted) throw aborted();
      const release = await limiter?.acquire(signal ?? undefined, aborted);
      const started = performance.now();
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMs);
      const onAbort = (): void => timeout.abort();
      signal?.addEventListener("abort", onAbort);
      let response: Response | undefined;
      let error: unknown;
      try {
        response = await fetch(url, { ...init, signal: timeout.signal });
        // The server has counted the request once its answer starts: the limiter's window runs from here.
        release?.();
        // Read within the timeout: a stalled or reset body is this attempt's failure.
        record.body =
          response.status === 204 || response.headers.get("Content-Length") === "0"
            ? ""
            : await response.text();
      } catch (e) {
        [response, error] = [undefined, e];
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        release?.();
      }
      if (signal?.aborted) throw aborted();

      const status = response?.status;
      const asked = (record.retryAfterMs = parseRetryAfter(
        response?.headers.get("Retry-After") ?? null,
      ));
      // undici wraps socket errors: the code is on the cause (ECONNREFUSED: nothing was sent).
      const code = (error as { cause?: { code?: string } })?.cause?.code;
      const failure = timeout.signal.aborted
        ? `timed out after ${timeoutMs} ms`
        : `connection failed (${code ?? error})`;
      const tooLong =
        response && statusIsRetryable(method, status!) && asked! > timing.maxRetryAfterMs;
      const retryable = response
        ? statusIsRetryable(method, status!) && !tooLong
        : code === "ECONNREFUSED" || isIdempotent(method);
      const retryInMs =
        retryable && attempt < maxAttempts ? (asked ?? backoffDelay(attempt, timing)) : undefined;
      const note = tooLong
        ? `Not retried: Retry-After ${asked! / 1000} s is over the ${timing.maxRetryAfterMs / 1000} s limit.`
        : retryable
          ? retryInMs === undefined && maxRetries
            ? `Gave up after ${attempt} attempts.`
            : undefined
          : !response || statusIsRetryable("GET", status!)
            ? `Not retried: the ${method} may have taken effect; check before resending.`
            : undefined;
      logAttempt(logger, {
        method,
        url,
        attempt,
        maxAttempts,
        durationMs: Math.round(performance.now() - started),
        status,
        failure,
        retryInMs,
        reason: note,
      });
      if (retryInMs !== undefined) {
        await new Promise<void>((resolve, reject) => {
          const stop = (): void => (clearTimeout(wait), reject(aborted()));
          const wait = setTimeout(() => {
            signal?.removeEventListener("abort", stop);
            resolve();
          }, retryInMs);
          signal?.addEventListener("abort", stop);
        });
        continue;
      }
      record.note = note;
      if (response) return response;
      const fields = {
        method,
        url,
        attempts: attempt,
        mayHaveReachedServer: code !== "ECONNREFUSED",
      };
      const message = `${method} ${url}: ${failure} (attempt ${attempt}/${maxAttempts}).${note ? ` ${note}` : ""}`;
      throw timeout.signal.aborted
        ? new LuccaTimeoutError(message, fields, error)
        : new LuccaConnectionError(message, fields, error);
    }
  };
}
