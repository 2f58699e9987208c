import createClient from "openapi-fetch";
import { authorizationFor } from "./api-key.js";
import { resolveBaseUrl } from "./base-url.js";
import { checkPathParams } from "./path-params.js";
import type { LuccaInvoicesClient, LuccaPaths } from "./types.js";

export interface LuccaInvoicesClientOptions {
  /** API key; defaults to `process.env.LUCCA_API_KEY`. Sent as `Authorization: lucca application={apiKey}`. */
  apiKey?: string;
  /** The spec's server variable, e.g. `acme.ilucca-test.net`; defaults to `process.env.LUCCA_HOST`. */
  host?: string;
  /** A full URL replacing `https://{host}` (a mock or a proxy); plain http only to loopback. */
  baseUrl?: string;
  /** fetch implementation; defaults to `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request (`Authorization` is always the client's own). */
  headers?: Record<string, string>;
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** Creates a client typed on the vendored spec. Bad options throw a `LuccaConfigError` here, before any request. */
export function createLuccaInvoicesClient(
  options: LuccaInvoicesClientOptions = {},
): LuccaInvoicesClient {
  const authorization = authorizationFor(options.apiKey ?? process.env.LUCCA_API_KEY);
  const baseUrl = resolveBaseUrl({
    baseUrl: options.baseUrl,
    host: options.host ?? process.env.LUCCA_HOST,
  });
  const baseFetch = options.fetch ?? globalThis.fetch;
  const inner = createClient<LuccaPaths>({
    baseUrl,
    headers: options.headers,
    // The key is added to a copy only: the Request openapi-fetch keeps never holds it.
    fetch: (request) => {
      const headers = new Headers(request.headers);
      headers.set("Authorization", authorization);
      return baseFetch(new Request(request, { headers }));
    },
  });
  const client = {} as Record<(typeof METHODS)[number], unknown>;
  for (const method of METHODS) {
    const call = inner[method] as (url: string, init?: { params?: { path?: unknown } }) => unknown;
    // async, so a bad id rejects the returned promise like any other failure of the call.
    client[method] = async (url: string, init?: { params?: { path?: unknown } }) => {
      checkPathParams(method, url, init?.params?.path);
      return call(url, init);
    };
  }
  return client as unknown as LuccaInvoicesClient;
}
