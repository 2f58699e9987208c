import { LuccaConfigError } from "./errors.js";

// Header values must be visible ASCII; anything else would be mangled or refused by fetch.
const VALID_KEY = /^[\x21-\x7e]+$/;

/** Checks the key and returns the exact Authorization header value. Never echoes the key. */
export function authorizationFor(apiKey: string | undefined): string {
  if (apiKey === undefined || apiKey === "") {
    throw new LuccaConfigError(
      "apiKey",
      "Missing API key: pass { apiKey } to createLuccaInvoicesClient or set LUCCA_API_KEY.",
    );
  }
  if (typeof apiKey !== "string" || !VALID_KEY.test(apiKey)) {
    throw new LuccaConfigError(
      "apiKey",
      "Invalid API key (apiKey / LUCCA_API_KEY): it must be a string of visible ASCII characters" +
        " without whitespace or control characters. The value is not shown.",
    );
  }
  return `lucca application=${apiKey}`;
}

/** What logs and errors show instead of the real header. */
export const REDACTED_AUTHORIZATION = "lucca application=***";
