// The package's root entry: what apps import. Re-exports only.
export { createLuccaInvoicesClient } from "./client/create-client.js";
export type { LuccaInvoicesClientOptions } from "./client/client-options.js";
export type { LuccaCallOptions } from "./client/call-options.js";
export type {
  LuccaInvoicesClient,
  LuccaClient,
  CallPaths,
  LuccaPaths,
  LuccaRawInit,
  LuccaResponse,
} from "./client/call-site-types.js";
export { wrapAsPathBasedClient, type LuccaPathBasedClient } from "./client/path-based-client.js";
export {
  luccaHost,
  luccaSandboxHost,
  parseLuccaHost,
  type LuccaEnv,
  type LuccaRegion,
  type LuccaSandboxServer,
  type LuccaHostParts,
  type LuccaSandboxHostParts,
} from "./host.js";
export {
  LuccaError,
  LuccaConfigError,
  LuccaValidationError,
  LuccaApiError,
  LuccaConnectionError,
  LuccaTimeoutError,
  LuccaAbortError,
  type LuccaApiErrorKind,
  type ProblemDetails,
} from "./errors.js";
export type { LuccaLogger, AttemptLog, ErrorLog } from "./http/attempt-log.js";
export type { RetryTiming } from "./http/retry-policy.js";
export type { RateLimit } from "./rate-limit/limiter.js";
export type {
  RateLimitStore,
  RateLimitStoreAcquire,
  RateLimitStoreGrant,
} from "./rate-limit/rate-limit-store.js";
export type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
export type { paths, components, operations } from "./generated/lucca-invoices.js";
export type * from "./generated/schemas.js";
