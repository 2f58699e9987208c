import { LuccaConfigError } from "./errors.js";

const PREFIX = /^\s*lucca\s+application\s*=/i;

/**
 * Checks the key and returns the exact Authorization header value. Never echoes the key.
 * Keys are credential tokens (RFC 7235 token68): anything else, whitespace and control characters
 * above all, would be mangled, refused, or inject a header. It also keeps the key the same inside
 * JSON, so redacting an echoed key is one plain replacement.
 */
export function authorizationFor(apiKey: unknown): string {
  if (typeof apiKey === "string" && /^[\w.~+/=-]+$/.test(apiKey)) {
    return `lucca application=${apiKey}`;
  }
  const given = apiKey !== undefined && apiKey !== "";
  const why = !given
    ? "Missing API key: pass { apiKey } or set LUCCA_API_KEY."
    : typeof apiKey === "string" && PREFIX.test(apiKey)
      ? 'Invalid API key: it starts with "lucca application=", which the client adds itself;' +
        " pass the key alone (the value is not shown)."
      : "Invalid API key: pass { apiKey } or set LUCCA_API_KEY to letters, digits and -._~+/=" +
        " (the value is not shown).";
  throw new LuccaConfigError("apiKey", why);
}
