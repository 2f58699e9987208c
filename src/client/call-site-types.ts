import type {
  FetchResponse,
  HeadersOptions,
  MaybeOptionalInit,
  Middleware,
  QuerySerializer,
  QuerySerializerOptions,
} from "openapi-fetch";
import type { LuccaApiError, ProblemDetails } from "../errors.js";
import type { paths } from "../generated/lucca-invoices.js";
import type { LuccaCallOptions } from "./call-options.js";
export type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
export type NoAuthorization = { Authorization?: never; authorization?: never };

/** Values whose keys are not checked: JSON scalars, and bodies sent as bytes or as a form. */
type Unchecked =
  | string
  | number
  | boolean
  | bigint
  | symbol
  | null
  | undefined
  | Blob
  | FormData
  | URLSearchParams
  | ArrayBuffer
  | ArrayBufferView
  | ReadableStream;

type KeyPath<Path extends string, Key extends string> = Path extends "" ? Key : `${Path}.${Key}`;

/**
 * The keys of `Value` (a type inferred from a call) that `Schema` does not declare, at any depth,
 * as paths such as `owner.team.color` or `lines[].unit`; never when there is none. A union schema
 * (`oneOf`, `anyOf`, nullable) is met by its branches that accept the value: the value is clean
 * when one of them declares all its keys. A value no branch accepts is left to openapi-fetch's own
 * check, which refuses it with the schema in its message.
 */
type UnknownKeys<Value, Schema, Path extends string = ""> = 0 extends 1 & Value
  ? never
  : unknown extends Schema
    ? never
    : Value extends Unchecked
      ? never
      : Value extends unknown
        ? UnknownInSomeBranch<BranchesAccepting<Value, Schema, Path>>
        : never;

/** One `[paths]` per branch of `Schema` that accepts `Value`. */
type BranchesAccepting<Value, Schema, Path extends string> = Schema extends unknown
  ? Value extends Schema
    ? [UnknownKeysInBranch<Value, Schema, Path>]
    : never
  : never;

/** never if some branch has no unknown key, else every branch's unknown keys. */
type UnknownInSomeBranch<Branches> =
  true extends IsClean<Branches> ? never : Branches extends [infer Keys] ? Keys : never;
type IsClean<Branches> = Branches extends [infer Keys]
  ? [Keys] extends [never]
    ? true
    : false
  : never;

type UnknownKeysInBranch<Value, Schema, Path extends string> = Schema extends Value
  ? // The schema fits in the value: the same type (a declared variable's, recursive ones too), or
    // one whose extra keys are optional, as TS types an array item lacking another item's key.
    never
  : Value extends readonly (infer Item)[]
    ? Schema extends readonly (infer SchemaItem)[]
      ? UnknownKeys<Item, SchemaItem, `${Path}[]`>
      : never
    : {
        [Key in keyof Value & string]-?: Key extends keyof Schema
          ? UnknownKeys<Value[Key], Schema[Key], KeyPath<Path, Key>>
          : KeyPath<Path, Key>;
      }[keyof Value & string];

/**
 * openapi-fetch infers `Init` from the call, so a misspelt body field slips through (the inferred
 * type just has an extra key, at any depth). A body with a key the spec does not declare gets a
 * required `"<path>: not in the spec"` key it cannot have, which names the key in the error. The
 * check only reads `Init`: it never changes how the body literal is typed (enums stay literals).
 */
type NoUnknownBodyKeys<Init, Allowed> = Init extends { body: infer Body }
  ? NonNullable<Allowed> extends { body?: infer Schema }
    ? [UnknownKeys<Body, Schema>] extends [never]
      ? unknown
      : { body: { [Key in UnknownKeys<Body, Schema> as `${Key}: not in the spec`]: never } }
    : unknown
  : unknown;
type NoAuthorizationHeader<Init> = Init extends { headers: infer H }
  ? H extends Record<string, unknown>
    ? { headers: NoAuthorization }
    : unknown
  : unknown;

/** `Init` as the call gives it, plus the checks, which take no part in inferring it. */
type Checked<Init, Allowed> = Init &
  NoInfer<NoUnknownBodyKeys<Init, Allowed> & NoAuthorizationHeader<Init>>;

export type InitParam<Init, Allowed> =
  RequiredKeys<Init> extends never
    ? [(Checked<Init, Allowed> & LuccaCallOptions)?]
    : [Checked<Init, Allowed> & LuccaCallOptions];

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export type PathsWithMethod<P, M extends HttpMethod> = {
  [K in keyof P]: P[K] extends { [X in M]: {} } ? K : never;
}[keyof P];
type Op<P, Path extends keyof P, M> = M & keyof P[Path];

/** `parameters` without the `Authorization` header, which the client always sets itself. */
type WithoutAuthorization<P> = P extends { header: infer H }
  ? Omit<P, "header"> &
      (RequiredKeys<Omit<H, "Authorization">> extends never
        ? { header?: Omit<H, "Authorization"> & NoAuthorization }
        : { header: Omit<H, "Authorization"> & NoAuthorization })
  : P;

type OperationWithoutAuthorization<O> = O extends { parameters: infer P }
  ? Omit<O, "parameters"> & { parameters: WithoutAuthorization<P> }
  : O;

/**
 * A generated `paths` as call sites see it: the spec declares `Authorization` as a required header
 * on every operation (openapi-fetch issue #2073), so it is removed here rather than in the generated
 * file, which stays a faithful compile of the spec. Passing it is a compile error.
 */
export type CallPaths<P> = {
  [Path in keyof P]: {
    [M in keyof P[Path]]: M extends "parameters"
      ? WithoutAuthorization<P[Path][M]>
      : OperationWithoutAuthorization<P[Path][M]>;
  };
};

/** The vendored spec's paths, as call sites see them. */
export type LuccaPaths = CallPaths<paths>;

type Media = `${string}/${string}`;
type Success<R> = R extends { data: infer D; error?: never } ? KeepBlob<D> : never;
/**
 * openapi-fetch's `Readable` maps a generated `Blob` (a `format: binary` body) to a plain object
 * type; the client reads such a body as a Blob by default, so it is typed as one.
 */
type KeepBlob<D> = unknown extends D
  ? D
  : D extends unknown
    ? Blob extends D
      ? D extends { readonly size: number; readonly type: string; slice: unknown }
        ? Blob
        : D
      : D
    : never;
type Failure<R> = R extends { error: infer E; data?: never } ? E : never;
/** The error bodies the operation declares, else RFC 7807 problem details. */
type ErrorBody<O extends Record<string | number, any>, E = Failure<FetchResponse<O, {}, Media>>> = [
  E,
] extends [never]
  ? ProblemDetails
  : unknown extends E
    ? ProblemDetails
    : [E] extends [undefined]
      ? ProblemDetails
      : E;

/**
 * openapi-fetch's `{ data, error, response }` for one operation, except that `error` is always a
 * LuccaApiError: defined for every non-2xx, and for a 2xx whose body is not valid JSON. Its
 * `problem` is typed as the error body the spec declares (problem details otherwise).
 */
export type LuccaResponse<Operation, Init> =
  Operation extends Record<string | number, any>
    ? | { data: Success<FetchResponse<Operation, Init, Media>>; error?: never; response: Response }
      | { data?: never; error: LuccaApiError<ErrorBody<Operation>>; response: Response }
    : never;

/** An untyped request, for endpoints the vendored spec does not describe yet. */
export interface LuccaRawInit extends LuccaCallOptions, Omit<RequestInit, "body" | "headers"> {
  params?: { path?: Record<string, unknown>; query?: Record<string, unknown> };
  body?: unknown;
  headers?: Record<string, string>;
  parseAs?: "json" | "text" | "blob" | "arrayBuffer" | "stream";
  querySerializer?: QuerySerializer<unknown> | QuerySerializerOptions;
  middleware?: Middleware[];
}

export type LuccaMethod<P, M extends HttpMethod> = <
  Path extends PathsWithMethod<P, M>,
  Init extends MaybeOptionalInit<P[Path], Op<P, Path, M>>,
>(
  url: Path,
  ...init: InitParam<Init, MaybeOptionalInit<P[Path], Op<P, Path, M>>>
) => Promise<LuccaResponse<P[Path][Op<P, Path, M>], Init>>;

/** openapi-fetch's Client over `CallPaths<Paths>`, with LuccaApiError errors and `raw()`. */
export interface LuccaClient<Paths, P = CallPaths<Paths>> {
  request<
    M extends HttpMethod,
    Path extends PathsWithMethod<P, M>,
    Init extends MaybeOptionalInit<P[Path], Op<P, Path, M>>,
  >(
    method: M,
    url: Path,
    ...init: InitParam<Init, MaybeOptionalInit<P[Path], Op<P, Path, M>>>
  ): Promise<LuccaResponse<P[Path][Op<P, Path, M>], Init>>;
  GET: LuccaMethod<P, "get">;
  PUT: LuccaMethod<P, "put">;
  POST: LuccaMethod<P, "post">;
  DELETE: LuccaMethod<P, "delete">;
  OPTIONS: LuccaMethod<P, "options">;
  HEAD: LuccaMethod<P, "head">;
  PATCH: LuccaMethod<P, "patch">;
  TRACE: LuccaMethod<P, "trace">;
  /** openapi-fetch middleware; runs once per call (see README), never sees the key. */
  use(...middleware: Middleware[]): void;
  eject(...middleware: Middleware[]): void;
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

/** The client of the vendored spec. */
export type LuccaInvoicesClient = LuccaClient<paths>;

export type { HeadersOptions };
