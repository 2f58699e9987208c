import { LuccaConfigError } from "./errors.js";

/** Checks the key and returns the exact Authorization header value. Never echoes the key. */
export function authorizationFor(apiKey: unknown): string {
  // Header values must be visible ASCII; anything else would be mangled, refused, or inject headers.
  if (typeof apiKey !== "string" || !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new LuccaConfigError(
      "apiKey",
      `${apiKey ? "Invalid" : "Missing"} API key: pass { apiKey } or set LUCCA_API_KEY to visible` +
        " ASCII characters, without whitespace or control characters (the value is not shown).",
    );
  }
  return `lucca application=${apiKey}`;
}
