import { invalidOption, LuccaConfigError } from "../errors.js";
import { parseLuccaHost } from "../host.js";

/** localhost, 127.x.x.x or [::1]: the only hosts plain http may reach. */
export function isLoopback(hostname: string): boolean {
  return /^(localhost|127(\.\d+){3}|\[::1\])$/.test(hostname);
}

/** `allowInsecureHttp` checked: JavaScript callers can pass anything, and "false" is truthy. */
export function checkAllowInsecureHttp(value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw invalidOption("allowInsecureHttp", value, "true or false");
  return value;
}

/**
 * Resolves the spec's server `https://{host}` here, because openapi-fetch would read `{host}` as a
 * path placeholder. `baseUrl` (a mock or a proxy) wins over `host`. Plain http goes to loopback
 * only, or to any host with `allowInsecureHttp` (the key then travels in clear).
 */
export function resolveBaseUrl(
  host: string | undefined,
  baseUrl: string | undefined,
  allowInsecureHttp = false,
): string {
  if (!baseUrl) {
    if (host) return `https://${parseLuccaHost(host)}`;
    throw new LuccaConfigError(
      "host",
      "Missing host: pass { host } or { baseUrl }, or set LUCCA_HOST.",
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  const ok =
    url &&
    (url.protocol === "https:" ||
      (url.protocol === "http:" && (allowInsecureHttp || isLoopback(url.hostname)))) &&
    !url.username &&
    !url.password &&
    !/[?#]/.test(baseUrl);
  if (!ok) {
    throw invalidOption(
      "baseUrl",
      baseUrl,
      "an https:// URL, or http:// to localhost, 127.x.x.x or [::1] (to another host with allowInsecureHttp: true), without credentials, query or fragment",
    );
  }
  return url!.href.replace(/\/+$/, "");
}
