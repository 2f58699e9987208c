export { createLuccaInvoicesClient, type LuccaInvoicesClientOptions } from "./client.js";
export {
  luccaHost,
  luccaSandboxHost,
  parseLuccaHost,
  isProductionHost,
  type LuccaEnv,
  type LuccaRegion,
  type LuccaSandboxServer,
  type LuccaHostParts,
  type LuccaSandboxHostParts,
} from "./host.js";
export { LuccaError, LuccaConfigError, LuccaValidationError } from "./errors.js";
export type { LuccaInvoicesClient, LuccaPaths, LuccaCallOptions, LuccaResponse } from "./types.js";
export type { paths, components, operations } from "./generated/lucca-invoices.js";
export type * from "./schemas.js";
