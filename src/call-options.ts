import { LuccaConfigError, LuccaValidationError } from "./errors.js";

// openapi-fetch's call options, fetch's RequestInit, and ours: anything else would be ignored.
const CALL_OPTIONS = new Set([
  ...["params", "body", "headers", "parseAs", "querySerializer", "bodySerializer"],
  ...["pathSerializer", "baseUrl", "fetch", "middleware", "Request", "maxRetries", "timeoutMs"],
  ...["signal", "cache", "credentials", "integrity", "keepalive", "mode", "redirect", "referrer"],
  ...["referrerPolicy", "priority", "dispatcher", "window"],
]);
const CLIENT_OPTIONS = new Set([
  ...["apiKey", "host", "baseUrl", "fetch", "headers", "maxRetries", "timeoutMs", "retry"],
  ...["rateLimit", "logger"],
]);
const PARSE_AS = ["json", "text", "blob", "arrayBuffer", "stream"];

const unknownKey = (options: object, known: Set<string>): string | undefined =>
  Object.keys(options).find((key) => !known.has(key));

/** JavaScript callers can pass anything: an option the client would not honour is an error. */
export function checkCallOptions(init: Record<string, unknown>): void {
  const unknown = unknownKey(init, CALL_OPTIONS);
  if (unknown) {
    throw new LuccaConfigError(
      unknown,
      `Unknown call option ${JSON.stringify(unknown)}: expected one of ${[...CALL_OPTIONS].join(", ")}.`,
    );
  }
  if (init.parseAs !== undefined && !PARSE_AS.includes(init.parseAs as string)) {
    throw new LuccaConfigError(
      "parseAs",
      `Invalid parseAs ${JSON.stringify(String(init.parseAs))}: expected one of ${PARSE_AS.join(", ")}.`,
    );
  }
}

export function checkClientOptions(options: object): void {
  const unknown = unknownKey(options, CLIENT_OPTIONS);
  if (unknown) {
    throw new LuccaConfigError(
      unknown,
      `Unknown client option ${JSON.stringify(unknown)}: expected one of ${[...CLIENT_OPTIONS].join(", ")}.`,
    );
  }
}

/** A JavaScript call of a method a path does not have, or of a path the spec does not have. */
export function notAnOperation(method: string, path: string, methods: string[] | undefined) {
  if (!methods) {
    return new LuccaValidationError(
      "path",
      `${JSON.stringify(String(path))} is not a path of the spec; use raw() for endpoints it does not describe yet.`,
    );
  }
  return new LuccaValidationError(
    "method",
    `${method} is not an operation of ${path}; it has: ${methods.map((m) => m.toUpperCase()).join(", ")}.`,
  );
}
