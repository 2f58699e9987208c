// What this repo's scripts and bench take from src/ beyond the public surface. Not part of the
// package's exports: apps cannot import it, and it may change in any release.
export { createSpecClient } from "./client/create-client.js";
export { isLoopback, resolveBaseUrl } from "./client/base-url.js";
export { startPrism, type PrismServer } from "./testing/prism-process.js";
export { stopper } from "./testing/stop-child.js";
export { inProcessLimiter } from "./rate-limit/in-process-limiter.js";
export { tenantLimiters } from "./rate-limit/tenant-limiters.js";
export type { OperationRules } from "./generated/operations.js";
