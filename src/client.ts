import createClient, {
  createQuerySerializer,
  mergeHeaders,
  type HeadersOptions,
  type Middleware,
} from "openapi-fetch";
import type { CallRecord } from "./answer.js";
import { authorizationFor } from "./api-key.js";
import { cannotCarryBody, customFetchRefused, fetchWithBody } from "./body-on-get.js";
import { resolveBaseUrl } from "./base-url.js";
import { checkCallOptions, checkClientOptions, notAnOperation } from "./call-options.js";
import type { OperationRule, OperationRules } from "./generated/operations.js";
import { operationRules } from "./generated/operations.js";
import type { paths } from "./generated/lucca-invoices.js";
import { option } from "./options.js";
import { checkPathParams } from "./path-params.js";
import type { LuccaInvoicesClientOptions } from "./client-options.js";
import { limiters } from "./rate-limiter.js";
import { settle } from "./result.js";
import { defaultRetryTiming, type RetryTiming } from "./retry-policy.js";

export type { LuccaInvoicesClientOptions };
import { bodyEncodingFor, querySerializerFor } from "./serializers.js";
import { createTransport, type CallContext } from "./transport.js";
import type { LuccaClient } from "./types.js";

type CallInit = Record<string, unknown> & { params?: { path?: Record<string, unknown> } };
type Fetch = (request: Request) => Promise<Response>;

const MAX_MS = 2 ** 31 - 1;
const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

/** The client for the vendored spec. Bad options throw a `LuccaConfigError` here, before any request. */
export function createLuccaInvoicesClient(options: LuccaInvoicesClientOptions = {}) {
  return createSpecClient<paths>(operationRules, options);
}

/**
 * The client for any spec compiled by scripts/generate.ts: openapi-fetch's `createClient` with the
 * transport (key, limiter, timeouts, retries) as its fetch, and the spec's runtime rules (path
 * checks, query styles, body media types) applied per operation.
 */
export function createSpecClient<Paths extends {}>(
  rules: OperationRules,
  options: LuccaInvoicesClientOptions = {},
): LuccaClient<Paths> {
  checkClientOptions(options);
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
  const send = createTransport({
    authorization,
    limiterFor: limiters(options.rateLimit, options.logger),
    logger: options.logger,
    timing,
  });
  const viaFetch = (custom: Fetch | undefined): CallContext["fetch"] =>
    custom ? (url, init) => custom(new Request(url, init)) : (url, init) => fetch(url, init);
  const baseFetch = viaFetch(options.fetch);
  const redact = (text: string): string => text.replaceAll(apiKey!, "***");
  const inner = createClient<Record<string, never>>({ baseUrl, headers: options.headers });
  const fallbackQuery = createQuerySerializer();
  // The middleware given to use(), as openapi-fetch holds them (it does not expose its list).
  const registered: Middleware[] = [];
  const prepared = new Map<OperationRule, ReturnType<typeof prepare>>();
  const prepare = (rule: OperationRule) => ({
    querySerializer: querySerializerFor(rule.query, fallbackQuery),
    ...bodyEncodingFor(rule.body),
  });

  const call = async (method: string, path: string, init: CallInit = {}, rule?: OperationRule) => {
    checkCallOptions(init);
    checkPathParams(method, path, rule?.path, init.params?.path);
    const { maxRetries: retries, timeoutMs: timeout, fetch: callFetch, ...rest } = init;
    const parseAs = (init.parseAs as string | undefined) ?? rule?.parseAs ?? "json";
    const record: CallRecord = { attempts: 0 };
    const context: CallContext = {
      maxRetries: option("maxRetries", retries as number | undefined, 0, 10, maxRetries),
      timeoutMs: option("timeoutMs", timeout as number | undefined, 1, MAX_MS, timeoutMs),
      parseAs,
      fetch: callFetch ? viaFetch(callFetch as Fetch) : baseFetch,
      record,
    };
    let encoding = rule && prepared.get(rule);
    if (rule && !encoding) prepared.set(rule, (encoding = prepare(rule)));
    let withBody = encoding?.headers && init.body !== undefined;
    const getBody = cannotCarryBody(method) && rest.body !== undefined;
    // fetch cannot send a GET's body: the client sends it over node:http, with no custom fetch.
    if (getBody && (callFetch || options.fetch)) throw customFetchRefused(method, path);
    if (
      getBody ||
      (rest.body !== undefined && !registered.length && !rest.middleware && !rest.bodySerializer)
    ) {
      // openapi-fetch's Request is built without the body, which the transport sends itself:
      // for a GET, the one way; else, with no middleware to see that Request, one body stream
      // per attempt instead of two.
      const serialized = (encoding?.serializer ?? JSON.stringify)(rest.body);
      if (getBody || typeof serialized === "string") {
        const type = (encoding?.headers as Record<string, string> | undefined)?.["Content-Type"];
        context.body = serialized as BodyInit;
        context.contentType = typeof serialized === "string" ? (type ?? "application/json") : type;
        if (getBody) context.fetch = fetchWithBody;
        rest.body = undefined;
        withBody = false;
      }
    }
    const pending = inner.request(
      method as "get",
      path as never,
      {
        querySerializer: encoding?.querySerializer,
        bodySerializer: encoding?.serializer,
        ...rest,
        ...(withBody
          ? { headers: mergeHeaders(encoding!.headers, rest.headers as HeadersOptions) }
          : {}),
        ...(rest.baseUrl !== undefined
          ? { baseUrl: resolveBaseUrl(undefined, rest.baseUrl as string) }
          : {}),
        parseAs: parseAs as "json",
        fetch: (request: Request) => send(request, context),
      } as never,
    );
    return settle(pending, { method, url: path, record, redact });
  };
  const typed = async (method: string, path: string, init?: CallInit) => {
    const operations = rules[path];
    const rule = operations?.[method.toLowerCase()];
    if (!rule) throw notAnOperation(method, path, operations && Object.keys(operations));
    return call(method, path, init, rule);
  };

  return {
    ...Object.fromEntries(
      METHODS.map((method) => [
        method,
        (path: string, init?: CallInit) => typed(method, path, init),
      ]),
    ),
    request: (method: string, path: string, init?: CallInit) =>
      typed(String(method).toUpperCase(), path, init),
    raw: (method: string, path: string, init?: CallInit) =>
      call(String(method).toUpperCase(), path, init),
    use: (...middleware: Middleware[]) => {
      inner.use(...middleware);
      registered.push(...middleware.filter(Boolean));
    },
    eject: (...middleware: Middleware[]) => {
      inner.eject(...middleware);
      for (const m of middleware) {
        const i = registered.indexOf(m);
        if (i !== -1) registered.splice(i, 1);
      }
    },
  } as unknown as LuccaClient<Paths>;
}
