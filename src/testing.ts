// lucca-invoices-client/testing: the mock for apps' tests. The root entry never imports this.
export { startLuccaMock, type LuccaMock, type LuccaMockOptions } from "./testing/lucca-mock.js";
export type { MockAnswer } from "./testing/mock-answer.js";
export type { MockRequest, PrismViolation } from "./testing/mock-request.js";
export type { OverrideOptions } from "./testing/overrides.js";
export { LuccaMockError } from "./testing/mock-error.js";
