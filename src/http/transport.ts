import { CARRIED_FIELDS } from "../client/call-options.js";
import { LuccaAbortError, LuccaConnectionError, LuccaTimeoutError } from "../errors.js";
import { bodyFailure, classifyFailure, timeoutFailure, type Failure } from "./fetch-failure.js";
import { logAttempt, type LuccaLogger } from "./attempt-log.js";
import type { Limiter } from "../rate-limit/limiter.js";
import { decide, type RetryTiming } from "./retry-policy.js";
import { readAnswer, type CallRecord } from "./read-answer.js";
import { answerMayHaveTakenEffect, failureMayHaveTakenEffect } from "./taken-effect.js";

export interface TransportConfig {
  authorization: string;
  /** The limiter of the URL's origin (one per tenant and limit). */
  limiterFor: (url: string) => Limiter | undefined;
  logger: LuccaLogger | undefined;
  timing: RetryTiming;
}

/** One call's settings, and what its attempts leave behind for its result. */
export interface CallContext {
  maxRetries: number;
  timeoutMs: number;
  parseAs: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  record: CallRecord;
  /**
   * The caller's signal, kept off openapi-fetch's Request: a Request follows its signal with a
   * listener that stays until the Request is collected; the transport removes its own.
   */
  signal?: AbortSignal | undefined;
  /** A GET or HEAD's serialized body, which openapi-fetch's Request cannot hold (see create-client.ts). */
  body?: BodyInit;
  contentType?: string | undefined;
}

/**
 * openapi-fetch's `fetch`: takes the Request it built (after middleware), adds the key on a private
 * copy of its headers, then per attempt: a limiter slot, a timeout covering the body, the retry
 * rules. Throws only without a response; every attempt sends the same bytes.
 */
export function createTransport({ authorization, limiterFor, logger, timing }: TransportConfig) {
  return async (request: Request, call: CallContext): Promise<Response> => {
    const { method, url } = request;
    const { maxRetries, timeoutMs, record, signal } = call;
    record.url = url;
    const headers = new Headers(request.headers);
    headers.set("Authorization", authorization);
    const init: RequestInit & Record<string, unknown> = { method, headers };
    for (const key of CARRIED_FIELDS) init[key] = request[key as keyof Request];
    // openapi-fetch copies options it does not know (undici's `dispatcher`) onto the Request.
    if ("dispatcher" in request) init.dispatcher = request.dispatcher;
    if (call.body !== undefined) {
      init.body = call.body;
      if (call.contentType && !headers.has("Content-Type"))
        headers.set("Content-Type", call.contentType);
    } else if (request.body) init.body = await request.arrayBuffer();
    const limiter = limiterFor(url);
    const aborted = (): LuccaAbortError =>
      new LuccaAbortError(`${method} ${url} was aborted by the caller.`, { cause: signal?.reason });
    const maxAttempts = maxRetries + 1;

    for (let attempt = 1; ; attempt++) {
      record.attempts = attempt;
      if (signal?.aborted) throw aborted();
      const release = await limiter?.acquire(signal, aborted, timeoutMs);
      const started = performance.now();
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMs);
      const onAbort = (): void => timeout.abort();
      const stopListening = (): void => signal?.removeEventListener("abort", onAbort);
      signal?.addEventListener("abort", onAbort);
      let response: Response | undefined;
      let answer: Response | undefined;
      let error: unknown;
      try {
        response = await call.fetch(url, { ...init, signal: timeout.signal });
        // The server has counted the request once its answer starts: the window runs from here.
        release?.();
        answer = await readAnswer(method, response, call, stopListening);
      } catch (e) {
        error = e;
      } finally {
        clearTimeout(timer);
        // A stream's body belongs to the caller: their signal cancels it until it is read.
        if (!answer || !record.streamed) stopListening();
        release?.();
      }
      if (signal?.aborted) throw aborted();

      const failure = answer
        ? undefined
        : failureOf(error, timeout.signal.aborted ? timeoutMs : undefined, response);
      // Sticky over the attempts: a retry that fails early does not undo what an earlier one did.
      if (answer || !failure!.nothingSent) record.mayHaveReachedServer = true;
      const tookEffect = answer
        ? answerMayHaveTakenEffect(method, answer.status)
        : failureMayHaveTakenEffect(method, failure!);
      if (tookEffect) record.mayHaveTakenEffect = true;
      const what =
        failure &&
        (timeout.signal.aborted ? failure.cause : `connection failed (${failure.cause})`);
      const outcome = decide(method, answer, failure, attempt, maxAttempts, timing);
      record.retryAfterMs = outcome.retryAfterMs;
      if (logger)
        logAttempt(logger, {
          method,
          url,
          attempt,
          maxAttempts,
          durationMs: Math.round(performance.now() - started),
          ...(answer ? { status: answer.status } : { failure: what }),
          ...(outcome.retryInMs === undefined ? {} : { retryInMs: outcome.retryInMs }),
          ...(outcome.note ? { reason: outcome.note } : {}),
        });
      if (outcome.retryInMs !== undefined) {
        await sleep(outcome.retryInMs, signal, aborted);
        continue;
      }
      record.note = outcome.note;
      if (answer) return answer;
      const fields = {
        method,
        url,
        attempts: attempt,
        mayHaveReachedServer: record.mayHaveReachedServer,
        mayHaveTakenEffect: record.mayHaveTakenEffect,
      };
      const message = `${method} ${url}: ${what} (attempt ${attempt}/${maxAttempts}).${outcome.note ? ` ${outcome.note}` : ""}`;
      throw timeout.signal.aborted
        ? new LuccaTimeoutError(message, fields, error)
        : new LuccaConnectionError(message, fields, error);
    }
  };
}

/** Why an attempt without an answer failed: its own timeout, a body cut short, or the fetch. */
function failureOf(
  error: unknown,
  timedOutAfterMs: number | undefined,
  response: Response | undefined,
): Failure {
  if (timedOutAfterMs !== undefined) return timeoutFailure(timedOutAfterMs);
  if (response) return bodyFailure(error);
  return classifyFailure(error);
}

function sleep(ms: number, signal: AbortSignal | undefined, aborted: () => Error): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(wait);
      reject(aborted());
    };
    const wait = setTimeout(() => {
      signal?.removeEventListener("abort", stop);
      resolve();
    }, ms);
    signal?.addEventListener("abort", stop, { once: true });
  });
}
