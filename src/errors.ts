/** Base class of every error this package throws or returns: `instanceof LuccaError` catches them all. */
export class LuccaError extends Error {
  override name = "LuccaError";
}

/** Bad client or call options (host, baseUrl, apiKey, maxRetries, ...), thrown before any request. */
export class LuccaConfigError extends LuccaError {
  override name = "LuccaConfigError";
  /** @param option The option at fault, e.g. `host` or `apiKey`. */
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

/** `Invalid <option> "<value>": expected <what is accepted>.` Never for the API key, which is not echoed. */
export function invalidOption(option: string, value: unknown, expected: string): LuccaConfigError {
  return new LuccaConfigError(
    option,
    `Invalid ${option} ${JSON.stringify(String(value).slice(0, 100))}: expected ${expected}.`,
  );
}

/** A call argument the spec forbids (e.g. an id that is not an int32), thrown before any request is sent. */
export class LuccaValidationError extends LuccaError {
  override name = "LuccaValidationError";
  /** @param parameter Where the bad value was, e.g. `params.path.id`. */
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** RFC 7807 problem details, as Lucca sends them with `application/problem+json`. */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  /** Field errors, e.g. `{ strategy: ["unknown strategy"] }`. */
  errors?: Record<string, unknown>;
  [extension: string]: unknown;
}

/** What kind of failure an API error is, so callers can branch without memorising statuses. */
export type LuccaApiErrorKind =
  | "bad_request" // 400
  | "unauthorized" // 401: invalid or revoked API key
  | "forbidden" // 403
  | "not_found" // 404
  | "request_timeout" // 408: the server gave up (Lucca: after 5 s)
  | "conflict" // 409
  | "unprocessable" // 422
  | "rate_limited" // 429
  | "server" // 5xx
  | "other" // any other non-2xx
  | "invalid_response"; // a 2xx whose body is not the JSON the spec promises

const KINDS: Record<number, LuccaApiErrorKind> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  408: "request_timeout",
  409: "conflict",
  422: "unprocessable",
  429: "rate_limited",
};

export function apiErrorKind(status: number): LuccaApiErrorKind {
  return KINDS[status] ?? (status > 499 && status < 600 ? "server" : "other");
}

export interface LuccaApiErrorFields<P = ProblemDetails> {
  readonly status: number;
  readonly kind: LuccaApiErrorKind;
  readonly method: string;
  readonly url: string;
  /** The parsed body when it is a JSON object: problem details, typed by the spec where it says. */
  readonly problem?: P | undefined;
  /** The raw body text (empty string for an empty body). */
  readonly body: string;
  /** The server's request id header (`x-request-id` and kin), to quote to support. */
  readonly requestId?: string | undefined;
  /** The wait the server asked for with `Retry-After`, in ms. */
  readonly retryAfterMs?: number | undefined;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /**
   * The server may have acted on the request (some attempt was answered 2xx, 5xx, 408 or another
   * status that is not a refusal, or failed once sent): check before resending. false when every
   * answer was a refusal (4xx but 408; 429 included), and always for GET, HEAD, OPTIONS and TRACE,
   * which change nothing on the server.
   */
  readonly mayHaveTakenEffect: boolean;
  /** Why the client did not retry, or gave up, when it matters to the caller. */
  readonly note?: string | undefined;
}

// The fields are declared through the interface and set with Object.assign: one line, not ten.
export interface LuccaApiError<P = ProblemDetails> extends LuccaApiErrorFields<P> {}

/** The server answered, but not with success: returned as `error` of `{ data, error, response }`. */
export class LuccaApiError<P = ProblemDetails> extends LuccaError {
  override name = "LuccaApiError";
  /** @param options `cause`: what made the answer unusable, e.g. the JSON parser's SyntaxError. */
  constructor(fields: LuccaApiErrorFields<P>, options?: { cause?: unknown }) {
    const { method, url, status, kind, body, note } = fields;
    const problem = fields.problem as ProblemDetails | undefined;
    const detail = problem?.detail ?? problem?.title;
    const summary = typeof detail === "string" ? detail : body.slice(0, 200);
    super(
      `${method} ${url} failed: HTTP ${status} (${kind})${summary ? `: ${summary}` : ""}` +
        (note ? `. ${note}` : ""),
      options,
    );
    Object.assign(this, fields);
  }
}

export interface LuccaConnectionErrorFields {
  readonly method: string;
  readonly url: string;
  /** Attempts made, retries included. */
  readonly attempts: number;
  /**
   * false only when no attempt can have reached the server: each failed before a connection
   * existed (refused, DNS, unreachable, connect timeout, a forbidden port).
   */
  readonly mayHaveReachedServer: boolean;
  /**
   * The server may have acted on the request: some attempt may have reached it, and the method
   * is not GET, HEAD, OPTIONS or TRACE (which change nothing). When true, check before resending.
   */
  readonly mayHaveTakenEffect: boolean;
}

export interface LuccaConnectionError extends LuccaConnectionErrorFields {}

/** No usable response: refused, reset, closed, DNS... `cause` holds the underlying error. */
export class LuccaConnectionError extends LuccaError {
  override name = "LuccaConnectionError";
  constructor(message: string, fields: LuccaConnectionErrorFields, cause: unknown) {
    super(message, { cause });
    Object.assign(this, fields);
  }
}

/** An attempt ran past `timeoutMs`. */
export class LuccaTimeoutError extends LuccaConnectionError {
  override name = "LuccaTimeoutError";
}

/** The caller's AbortSignal fired; never retried. */
export class LuccaAbortError extends LuccaError {
  override name = "LuccaAbortError";
}
