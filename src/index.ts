export { createLuccaInvoicesClient, type LuccaInvoicesClientOptions } from "./client.js";
export { wrapAsPathBasedClient, type LuccaPathBasedClient } from "./path-based.js";
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
export type {
  LuccaInvoicesClient,
  LuccaClient,
  CallPaths,
  LuccaPaths,
  LuccaCallOptions,
  LuccaRawInit,
  LuccaResponse,
} from "./types.js";
export type { LuccaLogger, AttemptLog } from "./logger.js";
export type { Middleware, MiddlewareCallbackParams } from "openapi-fetch";
export type { RateLimit } from "./rate-limiter.js";
export type {
  RateLimitStore,
  RateLimitStoreAcquire,
  RateLimitStoreGrant,
} from "./rate-limit-store.js";
export type { RetryTiming } from "./retry-policy.js";
export type { paths, components, operations } from "./generated/lucca-invoices.js";
export type * from "./generated/schemas.js";
