/** Base class of every error this package throws or returns: `instanceof LuccaError` catches them all. */
export class LuccaError extends Error {
  override name = "LuccaError";
}

/** Bad client or call options (host, baseUrl, apiKey, maxRetries, ...), thrown before any request. */
export class LuccaConfigError extends LuccaError {
  override name = "LuccaConfigError";
  constructor(
    /** The option at fault, e.g. `host` or `apiKey`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

/** A call argument the spec forbids (e.g. an id that is not an int32), thrown before any request is sent. */
export class LuccaValidationError extends LuccaError {
  override name = "LuccaValidationError";
  constructor(
    /** Where the bad value was, e.g. `params.path.id`. */
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

export function apiErrorKind(status: number): LuccaApiErrorKind {
  const kinds: Record<number, LuccaApiErrorKind> = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    408: "request_timeout",
    409: "conflict",
    422: "unprocessable",
    429: "rate_limited",
  };
  return kinds[status] ?? (status >= 500 && status <= 599 ? "server" : "other");
}

export interface LuccaApiErrorInit {
  status: number;
  kind: LuccaApiErrorKind;
  method: string;
  url: string;
  problem?: ProblemDetails | undefined;
  body?: string | undefined;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
  attempts: number;
  /** Why the client did not (or no longer) retry, when it matters to the caller. */
  note?: string | undefined;
}

/** The server answered, but not with success: returned as `error` of `{ data, error, response }`. */
export class LuccaApiError extends LuccaError {
  override name = "LuccaApiError";
  readonly status: number;
  readonly kind: LuccaApiErrorKind;
  readonly method: string;
  readonly url: string;
  /** Parsed problem details when the body is (problem+)JSON. */
  readonly problem: ProblemDetails | undefined;
  /** The raw body text (empty string for an empty body). */
  readonly body: string | undefined;
  /** The server's request id header (`x-request-id` and kin), to quote to support. */
  readonly requestId: string | undefined;
  /** The wait the server asked for with `Retry-After`, in ms. */
  readonly retryAfterMs: number | undefined;
  /** Attempts made, retries included. */
  readonly attempts: number;

  constructor(init: LuccaApiErrorInit) {
    const summary = init.problem?.detail ?? init.problem?.title ?? firstLine(init.body);
    super(
      `${init.method} ${init.url} failed: HTTP ${init.status} (${init.kind})` +
        (summary ? `: ${summary}` : "") +
        (init.attempts > 1 ? ` after ${init.attempts} attempts` : "") +
        (init.note ? `. ${init.note}` : ""),
    );
    this.status = init.status;
    this.kind = init.kind;
    this.method = init.method;
    this.url = init.url;
    this.problem = init.problem;
    this.body = init.body;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts;
  }
}

/** No usable response: refused, reset, closed, DNS... `cause` holds the underlying error. */
export class LuccaConnectionError extends LuccaError {
  override name = "LuccaConnectionError";
  constructor(
    message: string,
    readonly method: string,
    readonly url: string,
    readonly attempts: number,
    /** false only when the request cannot have reached the server (connection refused). */
    readonly mayHaveReachedServer: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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

function firstLine(text: string | undefined): string | undefined {
  const line = text?.trim().split("\n", 1)[0]?.trim();
  return line ? line.slice(0, 200) : undefined;
}
