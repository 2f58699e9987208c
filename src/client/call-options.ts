import type { RequestOptions } from "openapi-fetch";
import { LuccaConfigError } from "../errors.js";
import {
  CLIENT_OPTION_RULES,
  integerOption,
  refuseUnknownKeys,
  type IntegerRule,
} from "./client-options.js";

/** Options every call accepts on top of openapi-fetch's (`signal`, `parseAs`, `middleware`...). */
export interface LuccaCallOptions {
  /** Overrides the client's `maxRetries` for this call: 0 to 10. Default: the client's (2). */
  maxRetries?: number;
  /** Overrides the client's per-attempt `timeoutMs` for this call. Default: the client's (30 000). */
  timeoutMs?: number;
}

/** How openapi-fetch can read a body; the client reads the spec's media type by default. */
export const PARSE_AS = ["json", "text", "blob", "arrayBuffer", "stream"] as const;

/**
 * Every key a call's init may hold: openapi-fetch's request options, fetch's RequestInit (less
 * `method`, which is the call's), undici's `dispatcher`, and ours.
 */
export type CallOptionName =
  | keyof RequestOptions<{}>
  | "params"
  | "body"
  | "Request"
  | keyof Omit<RequestInit, "body" | "headers" | "method">
  | "dispatcher"
  | keyof LuccaCallOptions;

/** How a call option is handled beyond openapi-fetch passing it on. */
export interface CallOptionRule {
  /** Bounds and default (the client's value wins as default). */
  readonly integer?: IntegerRule;
  /** The values accepted. */
  readonly oneOf?: readonly string[];
  /** A RequestInit field the Request carries, which every attempt must carry too. */
  readonly carried?: true;
}

/**
 * Every call option, once: the run-time allow-list is this table's keys, and a key of
 * `CallOptionName` missing here is a compile error.
 */
export const CALL_OPTION_RULES = {
  params: {},
  body: {},
  headers: {},
  parseAs: { oneOf: PARSE_AS },
  querySerializer: {},
  bodySerializer: {},
  pathSerializer: {},
  baseUrl: {},
  fetch: {},
  middleware: {},
  Request: {},
  maxRetries: { integer: CLIENT_OPTION_RULES.maxRetries.integer },
  timeoutMs: { integer: CLIENT_OPTION_RULES.timeoutMs.integer },
  signal: {},
  cache: { carried: true },
  credentials: { carried: true },
  integrity: { carried: true },
  keepalive: { carried: true },
  mode: { carried: true },
  priority: { carried: true },
  redirect: { carried: true },
  referrer: { carried: true },
  referrerPolicy: { carried: true },
  window: {},
  dispatcher: {},
} as const satisfies Record<CallOptionName, CallOptionRule>;

/** The RequestInit fields every attempt carries from the Request openapi-fetch built. */
export const CARRIED_FIELDS: readonly string[] = Object.entries(CALL_OPTION_RULES)
  .filter(([, rule]) => "carried" in rule)
  .map(([name]) => name);

/** The call's own retry and timeout settings, the client's where the call has none. */
export interface ResolvedCallOptions {
  maxRetries: number;
  timeoutMs: number;
}

/**
 * JavaScript callers can pass anything: an option the client would not honour, or a value outside
 * its bounds, is an error before any request.
 */
export function checkCallOptions(
  init: Record<string, unknown>,
  client: ResolvedCallOptions,
): ResolvedCallOptions {
  refuseUnknownKeys("call", init, CALL_OPTION_RULES);
  const parseAs = init.parseAs;
  if (parseAs !== undefined && !(PARSE_AS as readonly unknown[]).includes(parseAs)) {
    throw new LuccaConfigError(
      "parseAs",
      `Invalid parseAs ${JSON.stringify(String(parseAs))}: expected one of ${PARSE_AS.join(", ")}.`,
    );
  }
  const maxRetries = { ...CALL_OPTION_RULES.maxRetries.integer, default: client.maxRetries };
  const timeoutMs = { ...CALL_OPTION_RULES.timeoutMs.integer, default: client.timeoutMs };
  return {
    maxRetries: integerOption("maxRetries", init.maxRetries, maxRetries),
    timeoutMs: integerOption("timeoutMs", init.timeoutMs, timeoutMs),
  };
}
