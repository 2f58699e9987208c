import { LuccaConfigError } from "./errors.js";
import { parseLuccaHost } from "./host.js";

/**
 * Resolves the spec's server `https://{host}` here, because openapi-fetch would read `{host}` as a
 * path placeholder. `baseUrl` (a mock or a proxy) wins over `host`.
 */
export function resolveBaseUrl(host: string | undefined, baseUrl: string | undefined): string {
  if (!baseUrl) {
    if (host) return `https://${parseLuccaHost(host)}`;
    throw new LuccaConfigError(
      "host",
      "Missing host: pass { host } (see luccaHost) or { baseUrl }, or set LUCCA_HOST.",
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {}
  const ok =
    url &&
    (url.protocol === "https:" ||
      (url.protocol === "http:" && /^(localhost|127(\.\d+){3}|\[::1\])$/.test(url.hostname))) &&
    !url.username &&
    !url.password &&
    !/[?#]/.test(baseUrl);
  if (!ok) {
    throw new LuccaConfigError(
      "baseUrl",
      `Invalid baseUrl ${JSON.stringify(String(baseUrl).slice(0, 100))}: expected an absolute` +
        " https:// URL, or http:// to loopback (localhost, 127.x.x.x, [::1]), with an optional path" +
        " and no credentials, query or fragment.",
    );
  }
  return url!.href.replace(/\/+$/, "");
}
