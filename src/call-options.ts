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

const notOneOf = (option: string, what: string, value: unknown, allowed: Iterable<string>) =>
  new LuccaConfigError(
    option,
    `${what} ${JSON.stringify(String(value))}: expected one of ${[...allowed].join(", ")}.`,
  );

/** JavaScript callers can pass anything: an option the client would not honour is an error. */
export function checkCallOptions(init: Record<string, unknown>): void {
  const unknown = unknownKey(init, CALL_OPTIONS);
  if (unknown) throw notOneOf(unknown, "Unknown call option", unknown, CALL_OPTIONS);
  if (init.parseAs !== undefined && !PARSE_AS.includes(init.parseAs as string)) {
    throw notOneOf("parseAs", "Invalid parseAs", init.parseAs, PARSE_AS);
  }
}

export function checkClientOptions(options: object): void {
  const unknown = unknownKey(options, CLIENT_OPTIONS);
  if (unknown) throw notOneOf(unknown, "Unknown client option", unknown, CLIENT_OPTIONS);
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
