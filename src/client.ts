import createClient from "openapi-fetch";
import { authorizationFor } from "./api-key.js";
import { resolveBaseUrl } from "./base-url.js";
import type { LuccaLogger } from "./logger.js";
import { attemptPolicy, defaultPolicy, rateLimit, retryTiming } from "./options.js";
import { checkPathParams } from "./path-params.js";
import { sharedRateLimiter, type RateLimit } from "./rate-limiter.js";
import { settle, type RawResult } from "./result.js";
import type { RetryTiming } from "./retry-policy.js";
import { send, type CallRecord, type TransportConfig } from "./transport.js";
import type { LuccaInvoicesClient, LuccaPaths } from "./types.js";

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
  headers?: Record<string, string> | undefined;
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

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

interface CallInit {
  params?: { path?: unknown };
  parseAs?: string;
  maxRetries?: number;
  timeoutMs?: number;
  [option: string]: unknown;
}

/** Creates a client typed on the vendored spec. Bad options throw a `LuccaConfigError` here, before any request. */
export function createLuccaInvoicesClient(
  options: LuccaInvoicesClientOptions = {},
): LuccaInvoicesClient {
  const apiKey = options.apiKey ?? process.env.LUCCA_API_KEY;
  const authorization = authorizationFor(apiKey);
  const baseUrl = resolveBaseUrl({
    baseUrl: options.baseUrl,
    host: options.host ?? process.env.LUCCA_HOST,
  });
  const policy = attemptPolicy(options, defaultPolicy);
  const limit = rateLimit(options.rateLimit);
  const config: TransportConfig = {
    authorization,
    fetch: options.fetch ?? ((request) => globalThis.fetch(request)),
    limiter: limit ? sharedRateLimiter(new URL(baseUrl).origin, limit) : undefined,
    logger: options.logger,
    timing: retryTiming(options.retry),
  };
  // A server that echoes the header must not carry the key into an error.
  const redact = (text: string): string =>
    text.replaceAll(apiKey!, "***").replaceAll(JSON.stringify(apiKey).slice(1, -1), "***");
  const inner = createClient<LuccaPaths>({ baseUrl, headers: options.headers });

  async function call(method: string, url: string, init: CallInit = {}): Promise<RawResult> {
    checkPathParams(method, url, init.params?.path);
    const { maxRetries, timeoutMs, parseAs, ...rest } = init;
    const callPolicy = attemptPolicy({ maxRetries, timeoutMs }, policy);
    const record: CallRecord = { attempts: 0 };
    const parseJson = parseAs === undefined || parseAs === "json";
    const raw = (await inner.request(
      method as "get",
      url as never,
      {
        ...rest,
        parseAs: parseJson ? "text" : parseAs,
        fetch: (request: Request) => send(config, callPolicy, request, record),
      } as never,
    )) as RawResult;
    return settle(method, raw, parseJson, record, redact);
  }

  const client: Record<string, unknown> = {
    raw: (method: string, path: string, init?: CallInit) => call(method.toUpperCase(), path, init),
  };
  for (const method of METHODS) {
    client[method] = (url: string, init?: CallInit) => call(method, url, init);
  }
  return client as unknown as LuccaInvoicesClient;
}
