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
  note?: string;
}

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);
const NOT_SENT = new Set(["ECONNREFUSED", "EAI_AGAIN"]);

/**
 * Sends one call: rate limit, Authorization, per-attempt timeout, retries. The body is read once
 * and every attempt sends the same bytes; the response body is read within the attempt's timeout,
 * so a stalled or reset body is that attempt's failure, not a crash in the caller's parser.
 */
export async function send(
  config: TransportConfig,
  policy: AttemptPolicy,
  request: Request,
  record: CallRecord,
): Promise<Response> {
  const { method, url, signal } = request;
  const body = request.body ? await request.arrayBuffer() : undefined;
  const headers = new Headers(request.headers);
  headers.set("Authorization", config.authorization);
  const init: RequestInit = { method, headers, body, redirect: request.redirect };
  const maxAttempts = policy.maxRetries + 1;

  for (let attempt = 1; ; attempt++) {
    record.attempts = attempt;
    if (signal.aborted) throw aborted(method, url, signal);
    const release = await config.limiter?.acquire(signal);
    const started = performance.now();
    const log = { method, url, attempt, maxAttempts };
    let response: Response;
    try {
      response = await attemptOnce(config.fetch, url, init, signal, policy.timeoutMs);
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      if (error instanceof LuccaAbortError) throw error;
      const failure = describeFailure(error, policy.timeoutMs);
      const retry = failure.notSent || isIdempotent(method);
      if (retry && attempt < maxAttempts) {
        const retryInMs = backoffDelay(attempt, config.timing);
        logAttempt(config.logger, {
          ...log,
          durationMs,
          failure: failure.what,
          retryInMs,
          reason: failure.what,
        });
        await sleep(retryInMs, signal, method, url);
        continue;
      }
      const why = !retry
        ? `Not retried: the ${method} may already have reached the server and taken effect; check before sending it again.`
        : `Gave up after ${attempt} attempt${attempt > 1 ? "s" : ""}.`;
      logAttempt(config.logger, { ...log, durationMs, failure: failure.what, reason: why });
      const ErrorClass = failure.timedOut ? LuccaTimeoutError : LuccaConnectionError;
      throw new ErrorClass(
        `${method} ${url}: ${failure.what} (attempt ${attempt}/${maxAttempts}). ${why}`,
        method,
        url,
        attempt,
        !failure.notSent,
        { cause: error },
      );
    } finally {
      release?.();
    }

    const durationMs = Math.round(performance.now() - started);
    const status = response.status;
    record.note = undefined;
    if (response.ok) {
      logAttempt(config.logger, { ...log, durationMs, status });
      return response;
    }
    if (statusIsRetryable(method, status)) {
      const asked = parseRetryAfter(response.headers.get("Retry-After"));
      if (asked !== undefined && asked > config.timing.maxRetryAfterMs) {
        record.note = `Not retried: the server asked to wait ${Math.ceil(asked / 1000)} s, more than the ${config.timing.maxRetryAfterMs / 1000} s the client waits at most.`;
      } else if (attempt < maxAttempts) {
        const retryInMs = asked ?? backoffDelay(attempt, config.timing);
        const reason = asked !== undefined ? "Retry-After" : `HTTP ${status}`;
        logAttempt(config.logger, { ...log, durationMs, status, retryInMs, reason });
        await sleep(retryInMs, signal, method, url);
        continue;
      } else if (policy.maxRetries > 0) {
        record.note = `Gave up after ${attempt} attempts.`;
      }
    } else if (statusIsRetryable("GET", status)) {
      record.note = `Not retried: after an HTTP ${status} the ${method} may already have taken effect; check before sending it again.`;
    }
    logAttempt(config.logger, { ...log, durationMs, status, reason: record.note });
    return response;
  }
}

async function attemptOnce(
  fetch: TransportConfig["fetch"],
  url: string,
  init: RequestInit,
  callerSignal: AbortSignal,
  timeoutMs: number,
): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
  const onAbort = (): void => controller.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", onAbort);
  try {
    const response = await fetch(new Request(url, { ...init, signal: controller.signal }));
    const body = await response.arrayBuffer();
    const copy = new Response(NULL_BODY_STATUS.has(response.status) ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(copy, "url", { value: response.url });
    return copy;
  } catch (error) {
    if (callerSignal.aborted) throw aborted(init.method!, url, callerSignal);
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    callerSignal.removeEventListener("abort", onAbort);
  }
}

class AttemptTimeout extends Error {}

function describeFailure(
  error: unknown,
  timeoutMs: number,
): { what: string; notSent: boolean; timedOut: boolean } {
  if (error instanceof AttemptTimeout) {
    return { what: `timed out after ${timeoutMs} ms`, notSent: false, timedOut: true };
  }
  const cause = codedCause(error);
  if (cause && NOT_SENT.has(cause.code)) {
    return {
      what: `connection failed before sending (${cause.code})`,
      notSent: true,
      timedOut: false,
    };
  }
  const detail = cause ? `${cause.code}: ${cause.message}` : String(error);
  return { what: `connection failed (${detail})`, notSent: false, timedOut: false };
}

/** The first error with a `code` along the `cause` chain (undici wraps socket errors in `fetch failed`). */
function codedCause(error: unknown): { code: string; message: string } | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return { code, message: e.message };
  }
  return undefined;
}

function aborted(method: string, url: string, signal: AbortSignal): LuccaAbortError {
  return new LuccaAbortError(`${method} ${url} was aborted by the caller.`, {
    cause: signal.reason,
  });
}

function sleep(ms: number, signal: AbortSignal, method: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(aborted(method, url, signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
