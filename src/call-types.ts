export type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];
export type NoAuthorization = { Authorization?: never; authorization?: never };

/** Options every call accepts on top of openapi-fetch's (`signal`, `parseAs`, `middleware`...). */
export interface LuccaCallOptions {
  /** Overrides the client's `maxRetries` for this call (0 to 10). */
  maxRetries?: number;
  /** Overrides the client's per-attempt `timeoutMs` for this call (at least 1). */
  timeoutMs?: number;
}

/**
 * openapi-fetch infers `Init` from the call, so a misspelt body field slips through (the inferred
 * type just has an extra key). Mapping keys the spec does not declare to `never` makes them errors,
 * and so is an `Authorization` in `headers`: the client's own is always sent.
 */
type NoUnknownBodyKeys<Init, Allowed> = Init extends { body: infer B extends object }
  ? B extends Blob | FormData | ArrayBuffer | ArrayBufferView
    ? unknown
    : Allowed extends { body?: infer A }
      ? { body: Record<Exclude<keyof B, keyof NonNullable<A>>, never> }
      : unknown
  : unknown;
type NoAuthorizationHeader<Init> = Init extends { headers: infer H }
  ? H extends Record<string, unknown>
    ? { headers: NoAuthorization }
    : unknown
  : unknown;

type Checked<Init, Allowed> = Init & NoUnknownBodyKeys<Init, Allowed> & NoAuthorizationHeader<Init>;

export type InitParam<Init, Allowed> =
  RequiredKeys<Init> extends never
    ? [(Checked<Init, Allowed> & LuccaCallOptions)?]
    : [Checked<Init, Allowed> & LuccaCallOptions];
