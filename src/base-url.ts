import { LuccaConfigError } from "./errors.js";
import { parseLuccaHost } from "./host.js";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export interface BaseUrlOptions {
  host?: string | undefined;
  baseUrl?: string | undefined;
}

/**
 * Resolves the spec's server `https://{host}` here, because openapi-fetch would read `{host}` as a
 * path placeholder. `baseUrl` (a mock or proxy) wins over `host`.
 */
export function resolveBaseUrl({ host, baseUrl }: BaseUrlOptions): string {
  if (baseUrl !== undefined && baseUrl !== "") return checkBaseUrl(baseUrl);
  if (host === undefined || host === "") {
    throw new LuccaConfigError(
      "host",
      "Missing host: pass { host } (see luccaHost / luccaSandboxHost) or set LUCCA_HOST, or pass { baseUrl }.",
    );
  }
  return `https://${parseLuccaHost(host)}`;
}

function checkBaseUrl(baseUrl: string): string {
  const fail = (why: string): never => {
    throw new LuccaConfigError(
      "baseUrl",
      `Invalid baseUrl ${JSON.stringify(String(baseUrl).slice(0, 200))}: ${why}. Accepted: an https:// URL,` +
        " or http:// to a loopback address (localhost, 127.x.x.x, [::1]), with an optional path and no credentials, query or fragment.",
    );
  };
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return fail("not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail("the scheme must be https");
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    fail("plain http is only allowed to a loopback address");
  }
  if (url.username || url.password) fail("credentials in the URL are not allowed");
  if (url.search || url.hash || baseUrl.includes("?") || baseUrl.includes("#")) {
    fail("a query or fragment is not allowed");
  }
  return url.href.replace(/\/+$/, "");
}
