import type {
  ClientPathsWithMethod,
  Client,
  FetchResponse,
  MaybeOptionalInit,
  QuerySerializer,
  QuerySerializerOptions,
} from "openapi-fetch";
import type { LuccaApiError } from "./errors.js";
import type { paths } from "./generated/lucca-invoices.js";

type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** `parameters` without the `Authorization` header, which the client always sets itself. */
type WithoutAuthorization<P> = P extends { header: infer H }
  ? Omit<P, "header"> &
      (RequiredKeys<Omit<H, "Authorization">> extends never
        ? { header?: Omit<H, "Authorization"> }
        : { header: Omit<H, "Authorization"> })
  : P;

type OperationWithoutAuthorization<O> = O extends { parameters: infer P }
  ? Omit<O, "parameters"> & { parameters: WithoutAuthorization<P> }
  : O;

/**
 * The generated `paths` as call sites see them: the spec declares `Authorization` as a required
 * header on every operation (openapi-fetch issue #2073), so it is removed here rather than in the
 * generated file, which stays a faithful compile of the spec.
 */
export type LuccaPaths = {
  [Path in keyof paths]: {
    [M in keyof paths[Path]]: M extends "parameters"
      ? WithoutAuthorization<paths[Path][M]>
      : OperationWithoutAuthorization<paths[Path][M]>;
  };
};

/** Options every call accepts on top of openapi-fetch's (`signal` included). */
export interface LuccaCallOptions {
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /** Overrides the client's per-attempt `timeoutMs` for this call. */
  timeoutMs?: number;
}

/**
 * openapi-fetch infers `Init` from the call, so a misspelt body field slips through (the inferred
 * type just has an extra key). Mapping keys the spec does not declare to `never` makes them errors.
 */
type NoUnknownBodyKeys<Init, Allowed> = Init extends { body: infer B extends object }
  ? Allowed extends { body?: infer A }
    ? { body: Record<Exclude<keyof B, keyof NonNullable<A>>, never> }
    : unknown
  : unknown;

/** The API speaks JSON: bodies are read as JSON (default) or text, never as blobs or streams. */
type JsonOrText<Init> = Init extends { parseAs: infer P }
  ? P extends "json" | "text" | undefined
    ? unknown
    : { parseAs: "json" | "text" }
  : unknown;

type Checked<Init, Allowed> = Init & NoUnknownBodyKeys<Init, Allowed> & JsonOrText<Init>;

type InitParam<Init, Allowed> =
  RequiredKeys<Init> extends never
    ? [(Checked<Init, Allowed> & LuccaCallOptions)?]
    : [Checked<Init, Allowed> & LuccaCallOptions];

type Media = `${string}/${string}`;

type Success<R> = R extends { data: infer D; error?: never } ? D : never;

/**
 * openapi-fetch's `{ data, error, response }` for one operation, except that `error` is always a
 * LuccaApiError: defined for every non-2xx, and for a 2xx whose body is not valid JSON.
 */
export type LuccaResponse<Operation, Init> =
  Operation extends Record<string | number, any>
    ? | { data: Success<FetchResponse<Operation, Init, Media>>; error?: never; response: Response }
      | { data?: never; error: LuccaApiError; response: Response }
    : never;

/** An untyped request, for endpoints the vendored spec does not describe yet. */
export interface LuccaRawInit extends LuccaCallOptions, Omit<RequestInit, "body" | "headers"> {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  headers?: Record<string, string>;
  parseAs?: "json" | "text";
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
}

type LuccaMethod<M extends HttpMethod> = <
  Path extends ClientPathsWithMethod<Client<LuccaPaths>, M>,
  Init extends MaybeOptionalInit<LuccaPaths[Path], M>,
>(
  url: Path,
  ...init: InitParam<Init, MaybeOptionalInit<LuccaPaths[Path], M>>
) => Promise<LuccaResponse<LuccaPaths[Path][M], Init>>;

/** The client: openapi-fetch's methods, typed on the spec's paths, without `Authorization`. */
export interface LuccaInvoicesClient {
  GET: LuccaMethod<"get">;
  PUT: LuccaMethod<"put">;
  POST: LuccaMethod<"post">;
  DELETE: LuccaMethod<"delete">;
  OPTIONS: LuccaMethod<"options">;
  HEAD: LuccaMethod<"head">;
  PATCH: LuccaMethod<"patch">;
  TRACE: LuccaMethod<"trace">;
  /**
   * Any method and path, with the same key, host, retries, limiter and errors, for endpoints the
   * vendored spec does not describe yet. Prefer the typed methods.
   */
  raw(
    method: string,
    path: `/${string}`,
    init?: LuccaRawInit,
  ): Promise<
    | { data: unknown; error?: never; response: Response }
    | { data?: never; error: LuccaApiError; response: Response }
  >;
}
