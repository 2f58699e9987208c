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
  fetch: (request: Request) => Promise<Response>;
  limiter: RateLimiter | undefined;
  logger: LuccaLogger | undefined;
  timing: RetryTiming;
}

export interface AttemptPolicy {
  maxRetries: number;
  timeoutMs: number;
}

/** What the transport tells the caller's error about the attempts behind a response. */
export interface CallRecord {
  attempts: number;
  note?: string | undefined;
}

/** A fetch for openapi-fetch that adds the key, the limiter, a timeout per attempt and retries. */
export type Send = (
  request: Request,
  policy: AttemptPolicy,
  record: CallRecord,
) => Promise<Response>;

export function createTransport(config: TransportConfig): Send {
  const { authorization, fetch, limiter, logger, timing } = config;

  // The body is read once and every attempt sends the same bytes. The response body is read
  // within the attempt's timeout, so a stalled or reset body is that attempt's failure.
  return async (request, { maxRetries, timeoutMs }, record) => {
    const { method, url, signal } = request;
    const headers = new Headers(request.headers);
    headers.set("Authorization", authorization);
    const body = request.body && (await request.arrayBuffer());
    const init = { method, headers, body, redirect: request.redirect };
    const aborted = (): LuccaAbortError =>
      new LuccaAbortError(`${method} ${url} was aborted by the caller.`, { cause: signal.reason });
    const maxAttempts = maxRetries + 1;

    for (let attempt = 1; ; attempt++) {
      record.attempts = attempt;
      if (signal.aborted) throw aborted();
      const release = await limiter?.acquire(signal);
      const started = performance.now();
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMs);
      const onAbort = (): void => timeout.abort();
      signal.addEventListener("abort", onAbort);
      let response: Response | undefined;
      let error: unknown;
      try {
        const raw = await fetch(new Request(url, { ...init, signal: timeout.signal }));
        response = new Response(
          /^(101|204|205|304)$/.test(`${raw.status}`) ? null : await raw.arrayBuffer(),
          raw,
        );
        Object.defineProperty(response, "url", { value: raw.url });
      } catch (e) {
        error = e;
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        release?.();
      }
      if (signal.aborted) throw aborted();

      const status = response?.status;
      const asked = parseRetryAfter(response?.headers.get("Retry-After") ?? null);
      // undici wraps socket errors: the code is on the cause (ECONNREFUSED: nothing was sent).
      const code = (error as { cause?: { code?: string } })?.cause?.code;
      const failure = timeout.signal.aborted
        ? `timed out after ${timeoutMs} ms`
        : `connection failed (${code ?? String(error)})`;
      const statusRetryable = !!response && statusIsRetryable(method, status!);
      const tooLong = statusRetryable && asked! > timing.maxRetryAfterMs;
      const retryable = response
        ? statusRetryable && !tooLong
        : code === "ECONNREFUSED" || isIdempotent(method);
      let note = tooLong
        ? `Not retried: the server asked to wait ${asked! / 1000} s, more than the ${timing.maxRetryAfterMs / 1000} s the client waits.`
        : retryable || response?.ok || (response && !statusIsRetryable("GET", status!))
          ? undefined
          : `Not retried: the ${method} may already have taken effect; check before sending it again.`;
      const retryInMs =
        retryable && attempt < maxAttempts ? (asked ?? backoffDelay(attempt, timing)) : undefined;
      if (retryable && retryInMs === undefined && maxRetries)
        note = `Gave up after ${attempt} attempts.`;
      logAttempt(logger, {
        method,
        url,
        attempt,
        maxAttempts,
        durationMs: Math.round(performance.now() - started),
        status,
        failure,
        retryInMs,
        reason: note ?? (retryInMs === undefined ? undefined : status ? `HTTP ${status}` : failure),
      });
      if (retryInMs !== undefined) {
        await new Promise<void>((resolve, reject) => {
          const stop = (): void => (clearTimeout(wait), reject(aborted()));
          const wait = setTimeout(
            () => (signal.removeEventListener("abort", stop), resolve()),
            retryInMs,
          );
          signal.addEventListener("abort", stop, { once: true });
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
