import type { HeadersOptions } from "openapi-fetch";
import { invalidOption, LuccaConfigError } from "../errors.js";
import type { LuccaLogger } from "../http/attempt-log.js";
import type { RetryTiming } from "../http/retry-policy.js";
import type { RateLimit } from "../rate-limit/limiter.js";

/** The longest delay `setTimeout` keeps (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** The options of `createLuccaInvoicesClient`. Bad values throw a `LuccaConfigError` at creation. */
export interface LuccaInvoicesClientOptions {
  /**
   * The API key, sent as `Authorization: lucca application={apiKey}`.
   * Default: `process.env.LUCCA_API_KEY`. Never logged, echoed or stored.
   */
  apiKey?: string | undefined;
  /**
   * The spec's server variable: `{account}.{ilucca|ilucca-test|ilucca-demo}.{net|ch}` or a sandbox
   * host. Default: `process.env.LUCCA_HOST`.
   */
  host?: string | undefined;
  /**
   * A full URL replacing `https://{host}` (a mock or a proxy); plain `http://` only to loopback,
   * unless `allowInsecureHttp`. Wins over `host`. Default: none.
   */
  baseUrl?: string | undefined;
  /**
   * Lets `baseUrl` (the client's and each call's) be plain `http://` to a host that is not loopback,
   * e.g. a compose or CI service such as `http://prism:4010`. The API key then travels in clear:
   * for test networks only. Default: false (plain http to localhost, 127.x.x.x or [::1] only).
   */
  allowInsecureHttp?: boolean | undefined;
  /** A fetch taking a Request. Default: `globalThis.fetch`. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Headers sent with every request (`Authorization` is always the client's own). Default: none. */
  headers?: HeadersOptions | undefined;
  /** Retries after a failure that is safe to retry (see the README): 0 to 10. Default: 2. */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms, the response body included: 1 to 2^31 - 1. Default: 30 000. */
  timeoutMs?: number | undefined;
  /**
   * Backoff and Retry-After limits, each 0 to 2^31 - 1 ms. Default: 500 ms doubling up to 8 s,
   * and a Retry-After of up to 60 s is waited for.
   */
  retry?: Partial<RetryTiming> | undefined;
  /**
   * The client-side limit, shared by every client of the same host in this process, or with
   * `store` (e.g. `redisRateLimitStore(redis)`) by every process using that store; `false` turns it
   * off. Default: 50 requests per rolling 60 s, Lucca's limit per tenant.
   */
  rateLimit?: RateLimit | false | undefined;
  /** Receives one line per attempt. Default: none (silent). Never receives the key. */
  logger?: LuccaLogger | undefined;
}

/** An integer option's bounds and default. */
export interface IntegerRule {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/** How an option is checked: an integer, an object of integers, or by its own resolver (`{}`). */
export interface OptionRule {
  readonly integer?: IntegerRule;
  readonly fields?: Readonly<Record<string, IntegerRule>>;
}

/** Bounds and defaults of `retry`. */
export const RETRY_TIMING_RULES = {
  initialDelayMs: { min: 0, max: MAX_TIMER_MS, default: 500 },
  maxDelayMs: { min: 0, max: MAX_TIMER_MS, default: 8_000 },
  maxRetryAfterMs: { min: 0, max: MAX_TIMER_MS, default: 60_000 },
} as const satisfies Record<keyof RetryTiming, IntegerRule>;

/** Bounds and defaults of `rateLimit` (Lucca allows 50 requests a minute per tenant). */
export const RATE_LIMIT_RULES = {
  requests: { min: 1, max: 10_000, default: 50 },
  perMs: { min: 1, max: MAX_TIMER_MS, default: 60_000 },
} as const satisfies Record<"requests" | "perMs", IntegerRule>;

/**
 * Every client option, once: an option in the type and not here (or here and not in the type) is
 * a compile error, and the run-time allow-list is this table's keys.
 */
export const CLIENT_OPTION_RULES = {
  apiKey: {},
  host: {},
  baseUrl: {},
  allowInsecureHttp: {},
  fetch: {},
  headers: {},
  maxRetries: { integer: { min: 0, max: 10, default: 2 } },
  timeoutMs: { integer: { min: 1, max: MAX_TIMER_MS, default: 30_000 } },
  retry: { fields: RETRY_TIMING_RULES },
  rateLimit: { fields: RATE_LIMIT_RULES },
  logger: {},
} as const satisfies Record<keyof LuccaInvoicesClientOptions, OptionRule>;

/** `value` if it is an integer within `rule`, its default if undefined; else a LuccaConfigError. */
export function integerOption(name: string, value: unknown, rule: IntegerRule): number {
  if (value === undefined) return rule.default;
  const ok =
    Number.isInteger(value) && (value as number) >= rule.min && (value as number) <= rule.max;
  if (!ok) throw invalidOption(name, value, `an integer from ${rule.min} to ${rule.max}`);
  return value as number;
}

/** Each field of an object option, checked against its rule (e.g. `retry.maxDelayMs`). */
export function integerFields<K extends string>(
  name: string,
  value: object | undefined,
  rules: Readonly<Record<K, IntegerRule>>,
): Record<K, number> {
  const given = (value ?? {}) as Partial<Record<K, unknown>>;
  const resolved = {} as Record<K, number>;
  for (const key of Object.keys(rules) as K[]) {
    resolved[key] = integerOption(`${name}.${key}`, given[key], rules[key]);
  }
  return resolved;
}

/** JavaScript callers can pass anything: a key the table does not know would be ignored. */
export function refuseUnknownKeys(what: string, options: object, known: object): void {
  const names = Object.keys(known);
  const unknown = Object.keys(options).find((key) => !names.includes(key));
  if (unknown !== undefined) {
    throw new LuccaConfigError(
      unknown,
      `Unknown ${what} option ${JSON.stringify(unknown)}: expected one of ${names.join(", ")}.`,
    );
  }
}
