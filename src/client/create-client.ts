import createClient, {
  createQuerySerializer,
  type HeadersOptions,
  type Middleware,
} from "openapi-fetch";
import type { OperationRule, OperationRules } from "../generated/operations.js";
import { operationRules } from "../generated/operations.js";
import type { paths } from "../generated/lucca-invoices.js";
import {
  bodyEncodingFor,
  bodyHeaders,
  serializeAsIs,
  type BodyEncoding,
} from "../http/body-encoding.js";
import { cannotCarryBody, customFetchRefused, fetchWithBody } from "../http/get-with-body.js";
import { checkPathParams } from "../http/path-params.js";
import { querySerializerFor } from "../http/query-serializer.js";
import type { CallRecord } from "../http/read-answer.js";
import { settle } from "../http/settle-result.js";
import { createTransport, type CallContext } from "../http/transport.js";
import { checkStore, tenantLimiters, type TenantLimit } from "../rate-limit/tenant-limiters.js";
import { authorizationFor } from "./api-key.js";
import { checkAllowInsecureHttp, resolveBaseUrl } from "./base-url.js";
import { CARRIED_FIELDS, checkCallOptions } from "./call-options.js";
import type { LuccaClient } from "./call-site-types.js";
import {
  CLIENT_OPTION_RULES,
  integerFields,
  integerOption,
  refuseUnknownKeys,
  type LuccaInvoicesClientOptions,
} from "./client-options.js";
import { operationRule } from "./operation-lookup.js";

type CallInit = Record<string, unknown> & { params?: { path?: Record<string, unknown> } };
type Fetch = (request: Request) => Promise<Response>;
type CallFetch = CallContext["fetch"];

/** A rule's serializers and headers, made once per operation. */
interface Encoding extends BodyEncoding {
  querySerializer: (query: Record<string, unknown>) => string;
}

/** The client for the vendored spec. Bad options throw a `LuccaConfigError` here, before any request. */
export function createLuccaInvoicesClient(
  options: LuccaInvoicesClientOptions = {},
): LuccaClient<paths> {
  return createSpecClient<paths>(operationRules, options);
}

/** `rateLimit` checked: its integers within bounds, its store usable. */
function resolveRateLimit(rateLimit: LuccaInvoicesClientOptions["rateLimit"]): TenantLimit | false {
  if (rateLimit === false) return false;
  const bounds = integerFields("rateLimit", rateLimit, CLIENT_OPTION_RULES.rateLimit.fields);
  return { ...bounds, store: checkStore(rateLimit?.store) };
}

/** openapi-fetch's `fetch` signature over the client's or the call's custom fetch, or the global one. */
function callFetchOf(custom: Fetch | undefined): CallFetch {
  if (custom === undefined) return (url, init) => fetch(url, init);
  return (url, init) => {
    const request = new Request(url, init);
    // As openapi-fetch does: a field this Request does not hold (`priority` on Node 20) rides on it
    // as a property, so the custom fetch sees it on every attempt.
    for (const key of CARRIED_FIELDS) {
      const value = (init as Record<string, unknown>)[key];
      if (!(key in request) && value !== undefined) {
        (request as unknown as Record<string, unknown>)[key] = value;
      }
    }
    return custom(request);
  };
}

/**
 * The client for any spec compiled by scripts/generate.ts (this package's own, or a test's fixture
 * spec): openapi-fetch's `createClient` with the transport (key, limiter, timeouts, retries) as its
 * fetch, and the spec's run-time rules (path checks, query styles, body media types) per operation.
 * Internal: apps use `createLuccaInvoicesClient`.
 */
export function createSpecClient<Paths extends {}>(
  rules: OperationRules,
  options: LuccaInvoicesClientOptions = {},
): LuccaClient<Paths> {
  refuseUnknownKeys("client", options, CLIENT_OPTION_RULES);
  const { env } = process;
  const apiKey = options.apiKey ?? env.LUCCA_API_KEY;
  const authorization = authorizationFor(apiKey);
  const allowInsecureHttp = checkAllowInsecureHttp(options.allowInsecureHttp);
  const baseUrl = resolveBaseUrl(
    options.host ?? env.LUCCA_HOST,
    options.baseUrl,
    allowInsecureHttp,
  );
  const clientCall = {
    maxRetries: integerOption(
      "maxRetries",
      options.maxRetries,
      CLIENT_OPTION_RULES.maxRetries.integer,
    ),
    timeoutMs: integerOption("timeoutMs", options.timeoutMs, CLIENT_OPTION_RULES.timeoutMs.integer),
  };
  const timing = integerFields("retry", options.retry, CLIENT_OPTION_RULES.retry.fields);
  const send = createTransport({
    authorization,
    limiterFor: tenantLimiters(resolveRateLimit(options.rateLimit), options.logger),
    logger: options.logger,
    timing,
  });
  const clientFetch = callFetchOf(options.fetch);
  // authorizationFor accepted the key, so it is a non-empty string.
  const key = apiKey as string;
  // A server that echoes the header must not carry the key into an error.
  const redact = (text: string): string => text.replaceAll(key, "***");
  const inner = createClient<Record<string, never>>({ baseUrl, headers: options.headers });
  const fallbackQuery = createQuerySerializer();
  const encodings = new Map<OperationRule, Encoding>();
  const encodingOf = (rule: OperationRule): Encoding => {
    let encoding = encodings.get(rule);
    if (encoding === undefined) {
      encoding = {
        querySerializer: querySerializerFor(rule.query, fallbackQuery),
        ...bodyEncodingFor(rule.body),
      };
      encodings.set(rule, encoding);
    }
    return encoding;
  };

  const call = async (method: string, path: string, init: CallInit, rule?: OperationRule) => {
    const resolved = checkCallOptions(init, clientCall);
    checkPathParams(method, path, rule?.path, init.params?.path);
    const { maxRetries: _retries, timeoutMs: _timeout, fetch: callFetch, signal, ...rest } = init;
    const parseAs = (init.parseAs as string | undefined) ?? rule?.parseAs ?? "json";
    const record: CallRecord = {
      attempts: 0,
      mayHaveReachedServer: false,
      mayHaveTakenEffect: false,
    };
    const context: CallContext = {
      ...resolved,
      parseAs,
      fetch: callFetch === undefined ? clientFetch : callFetchOf(callFetch as Fetch),
      record,
      signal: signal as AbortSignal | undefined,
    };
    const encoding = rule === undefined ? undefined : encodingOf(rule);
    const serialize = encoding?.serializer ?? serializeAsIs;
    const declared = encoding?.headers;
    const requestInit: Record<string, unknown> = {
      querySerializer: encoding?.querySerializer,
      bodySerializer: serialize,
      ...rest,
      parseAs,
      fetch: (request: Request) => send(request, context),
    };
    if (cannotCarryBody(method) && rest.body !== undefined) {
      // fetch refuses a GET's body: openapi-fetch builds the Request without it, and the client
      // sends the serialized body over node:http, with no custom fetch.
      if (callFetch !== undefined || options.fetch !== undefined) {
        throw customFetchRefused(method, path);
      }
      const serialized = serialize(rest.body) as BodyInit;
      const contentType = (declared as Record<string, string> | undefined)?.["Content-Type"];
      context.body = serialized;
      if (typeof serialized === "string") context.contentType = contentType ?? "application/json";
      else context.contentType = contentType;
      context.fetch = fetchWithBody;
      requestInit.body = undefined;
    } else if (rest.body !== undefined) {
      const headers = bodyHeaders(rest.body, declared, rest.headers as HeadersOptions | undefined);
      if (headers !== undefined) requestInit.headers = headers;
      // fetch sends a stream only half-duplex, and says so in the Request.
      if (rest.body instanceof ReadableStream) requestInit.duplex = "half";
    }
    if (rest.baseUrl !== undefined) {
      requestInit.baseUrl = resolveBaseUrl(undefined, rest.baseUrl as string, allowInsecureHttp);
    }
    // The path and init were checked above against the spec's rules; openapi-fetch's own types
    // would want the generated paths here, which this generic client does not name.
    const pending = inner.request(method as "get", path as never, requestInit as never);
    return settle(pending, { method, url: path, record, redact });
  };
  // async: a bad path or method rejects the call's promise, as every other refusal does.
  const typed = async (method: string, path: string, init: CallInit = {}) =>
    call(method, path, init, operationRule(rules, method, path));
  const methodOf = (method: string) => (path: string, init?: CallInit) => typed(method, path, init);

  const client = {
    GET: methodOf("GET"),
    PUT: methodOf("PUT"),
    POST: methodOf("POST"),
    DELETE: methodOf("DELETE"),
    OPTIONS: methodOf("OPTIONS"),
    HEAD: methodOf("HEAD"),
    PATCH: methodOf("PATCH"),
    TRACE: methodOf("TRACE"),
    request: (method: string, path: string, init?: CallInit) =>
      typed(String(method).toUpperCase(), path, init),
    raw: (method: string, path: string, init: CallInit = {}) =>
      call(String(method).toUpperCase(), path, init),
    use: (...middleware: Middleware[]): void => inner.use(...middleware),
    eject: (...middleware: Middleware[]): void => inner.eject(...middleware),
  };
  // The methods take any path and init at run time (checked above); their typed signatures are
  // LuccaClient's, which TypeScript cannot infer for a generic `Paths`.
  return client as LuccaClient<Paths>;
}
