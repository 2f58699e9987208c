import type { HeadersOptions } from "openapi-fetch";
import type { LuccaLogger } from "./logger.js";
import type { RateLimit } from "./rate-limiter.js";
import type { RetryTiming } from "./retry-policy.js";

export interface LuccaInvoicesClientOptions {
  /** API key; defaults to `process.env.LUCCA_API_KEY`. Sent as `Authorization: lucca application={apiKey}`. */
  apiKey?: string | undefined;
  /** The spec's server variable, e.g. `acme.ilucca-test.net`; defaults to `process.env.LUCCA_HOST`. */
  host?: string | undefined;
  /** A full URL replacing `https://{host}` (a mock or a proxy); plain http only to loopback. Wins over `host`. */
  baseUrl?: string | undefined;
  /** fetch implementation taking a Request; defaults to `globalThis.fetch`. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Headers sent with every request (`Authorization` is always the client's own). */
  headers?: HeadersOptions | undefined;
  /** Retries after a failure that is safe to retry (see README): 0 to 10, default 2. */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms, response body included: at least 1, default 30 000. */
  timeoutMs?: number | undefined;
  /** Backoff and Retry-After limits; defaults 500 ms doubling to 8 s, Retry-After up to 60 s. */
  retry?: Partial<RetryTiming> | undefined;
  /**
   * Client-side limit shared by every client of the same host; default 50 per 60 s; false turns
   * it off. With `store` (e.g. `redisRateLimitStore(redis)`), shared by every process using it.
   */
  rateLimit?: RateLimit | false | undefined;
  /** Receives one line per attempt; off by default. Never receives the key. */
  logger?: LuccaLogger | undefined;
}
