import {
  createFinalURL,
  createQuerySerializer,
  defaultBodySerializer,
  mergeHeaders,
  type HeadersOptions,
  type QuerySerializer,
  type QuerySerializerOptions,
} from "openapi-fetch";
import { authorizationFor } from "./api-key.js";
import { resolveBaseUrl } from "./base-url.js";
import type { LuccaLogger } from "./logger.js";
import { option } from "./options.js";
import { fillPath } from "./path-params.js";
import { sharedRateLimiter, type RateLimit } from "./rate-limiter.js";
import { settle, type ParseAs } from "./result.js";
import { defaultRetryTiming, type RetryTiming } from "./retry-policy.js";
import { createTransport, type CallRecord } from "./transport.js";
import type { LuccaInvoicesClient } from "./types.js";

export interface LuccaInvoicesClientOptions {
  /** API key; defaults to `process.env.LUCCA_API_KEY`. Sent as `Authorization: lucca application={apiKey}`. */
  apiKey?: string | undefined;
  /** The spec's server variable, e.g. `acme.ilucca-test.net`; defaults to `process.env.LUCCA_HOST`. */
  host?: string | undefined;
  /** A full URL replacing `https://{host}` (a mock or a proxy); plain http only to loopback. */
  baseUrl?: string | undefined;
  /** fetch implementation; defaults to `globalThis.fetch`. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Headers sent with every request (`Authorization` is always the client's own). */
  headers?: HeadersOptions | undefined;
  /** Retries after a failure that is safe to retry (see README); default 2, 0 turns them off. */
  maxRetries?: number | undefined;
  /** Per-attempt timeout, response body included; default 30 000 ms. */
  timeoutMs?: number | undefined;
  /** Backoff and Retry-After limits; defaults 500 ms doubling to 8 s, Retry-After up to 60 s. */
  retry?: Partial<RetryTiming> | undefined;
  /** Client-side limit shared by every client of the same host; default 50 per 60 s; false turns it off. */
  rateLimit?: RateLimit | false | undefined;
  /** Receives one line per attempt; off by default. Never receives the key. */
  logger?: LuccaLogger | undefined;
}

interface CallInit extends Omit<RequestInit, "body" | "headers" | "method"> {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: {} };
  body?: unknown;
  headers?: HeadersOptions;
  parseAs?: ParseAs;
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  bodySerializer?: (body: unknown, headers?: Headers) => unknown;
  maxRetries?: number;
  timeoutMs?: number;
}

const MAX_MS = 2 ** 31 - 1;
const serializeBody = defaultBodySerializer as (body: unknown, headers?: Headers) => unknown;

/**
 * Creates a client typed on the vendored spec. Bad options throw a `LuccaConfigError` here,
 * before any request. Calls take openapi-fetch's options and are built with its serializers;
 * the request itself goes through the transport (key, limiter, timeout, retries).
 */
export function createLuccaInvoicesClient(
  options: LuccaInvoicesClientOptions = {},
): LuccaInvoicesClient {
  const { env } = process;
  const apiKey = options.apiKey ?? env.LUCCA_API_KEY;
  const authorization = authorizationFor(apiKey);
  const baseUrl = resolveBaseUrl(options.host ?? env.LUCCA_HOST, options.baseUrl);
  const maxRetries = option("maxRetries", options.maxRetries, 0, 10, 2);
  const timeoutMs = option("timeoutMs", options.timeoutMs, 1, MAX_MS, 30_000);
  const timing = { ...defaultRetryTiming };
  for (const key of Object.keys(timing) as (keyof RetryTiming)[]) {
    timing[key] = option(`retry.${key}`, options.retry?.[key], 0, MAX_MS, timing[key]);
  }
  const limit = options.rateLimit ?? { requests: 50, perMs: 60_000 };
  const send = createTransport({
    authorization,
    // fetch(url, init) builds one Request; a caller's fetch takes a Request, as openapi-fetch's does.
    fetch: options.fetch
      ? (url, init) => options.fetch!(new Request(url, init))
      : (url, init) => fetch(url, init),
    limiter: limit
      ? sharedRateLimiter(new URL(baseUrl).origin, {
          requests: option("rateLimit.requests", limit.requests, 1, 10_000, 0),
          perMs: option("rateLimit.perMs", limit.perMs, 1, MAX_MS, 0),
        })
      : undefined,
    logger: options.logger,
    timing,
  });
  // A server that echoes the header must not carry the key into an error.
  const redact = (text: string): string => text.replaceAll(apiKey!, "***");

  const call = async (method: string, path: string, init: CallInit = {}) => {
    // What is left in requestInit is plain RequestInit (signal, credentials, ...) for fetch.
    const {
      params = {},
      body,
      headers,
      parseAs = "json",
      querySerializer,
      bodySerializer,
      maxRetries: retries,
      timeoutMs: timeout,
      ...requestInit
    } = init;
    const policy = {
      maxRetries: option("maxRetries", retries, 0, 10, maxRetries),
      timeoutMs: option("timeoutMs", timeout, 1, MAX_MS, timeoutMs),
    };
    const allHeaders = mergeHeaders(
      body === undefined || body instanceof FormData ? {} : { "Content-Type": "application/json" },
      options.headers,
      headers,
      params.header,
    );
    // Path params are filled (and ids checked) here; openapi-fetch serializes the query.
    const url = createFinalURL(fillPath(method, path, params.path), {
      baseUrl,
      params: { query: params.query },
      querySerializer:
        typeof querySerializer === "function"
          ? querySerializer
          : createQuerySerializer(querySerializer),
      pathSerializer: (filled) => filled,
    });
    const outgoing = {
      ...requestInit,
      method,
      headers: allHeaders,
      // openapi-fetch's serializers take the merged headers (form bodies follow Content-Type).
      body:
        body === undefined
          ? undefined
          : ((bodySerializer ?? serializeBody)(body, allHeaders) as BodyInit),
    };
    const record: CallRecord = { attempts: 0 };
    const response = await send(url, outgoing, policy, record);
    return settle(method, url, response, parseAs, record, redact);
  };

  return {
    raw: (method: string, path: string, init?: CallInit) => call(method.toUpperCase(), path, init),
    ...Object.fromEntries(
      ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"].map((method) => [
        method,
        (url: string, init?: CallInit) => call(method, url, init),
      ]),
    ),
  } as unknown as LuccaInvoicesClient;
}
