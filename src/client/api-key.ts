import { LuccaConfigError } from "../errors.js";

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
  throw new LuccaConfigError("apiKey", refusal(apiKey));
}

/** Why a key is refused, without the key. */
function refusal(apiKey: unknown): string {
  if (apiKey === undefined || apiKey === "") {
    return "Missing API key: pass { apiKey } or set LUCCA_API_KEY.";
  }
  if (typeof apiKey === "string" && PREFIX.test(apiKey)) {
    return (
      'Invalid API key: it starts with "lucca application=", which the client adds itself;' +
      " pass the key alone (the value is not shown)."
    );
  }
  return (
    "Invalid API key: pass { apiKey } or set LUCCA_API_KEY to letters, digits and -._~+/=" +
    " (the value is not shown)."
  );
}
