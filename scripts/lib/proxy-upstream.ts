import { parseLuccaHost } from "../../src/index.js";
import { isLoopback, resolveBaseUrl } from "../../src/internal.js";
import { isProductionHost } from "./production-host.js";

export interface UpstreamOptions {
  allowProduction: boolean;
  /** LUCCA_API_KEY: the contract suite sends it, so a real host needs it. */
  apiKey: string | undefined;
}

/**
 * Checks the upstream the contract suite will write to, before anything starts: the client's own
 * baseUrl rule (https, or http to loopback; no credentials, query or fragment), an API key unless
 * it is loopback, and no Lucca production host unless asked for (both operations change data).
 */
export function checkUpstream(input: string, { allowProduction, apiKey }: UpstreamOptions): URL {
  const url = new URL(resolveBaseUrl(undefined, input));
  const loopback = isLoopback(url.hostname);
  if (!loopback && !apiKey) {
    throw new Error(`${url.origin}: set LUCCA_API_KEY to an API key of that host.`);
  }
  if (isLuccaHost(url.hostname) && isProductionHost(url.hostname) && !allowProduction) {
    throw new Error(
      `${url.hostname} is a production host and the contract suite changes data (confirms an` +
        " invoice, closes a purchase): use a test or sandbox host, or pass --allow-production.",
    );
  }
  return url;
}

function isLuccaHost(hostname: string): boolean {
  try {
    parseLuccaHost(hostname);
    return true;
  } catch {
    return false;
  }
}
