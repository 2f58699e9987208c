import { isProductionHost, parseLuccaHost } from "../../src/host.js";

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export interface UpstreamOptions {
  allowProduction: boolean;
  /** LUCCA_API_KEY: the contract suite sends it, so a real host needs it. */
  apiKey: string | undefined;
}

/**
 * Checks the upstream the contract suite will write to, before anything starts: https unless it is
 * loopback, an API key unless it is loopback, and no Lucca production host unless asked for (both
 * operations change data). Throws an Error whose message says what to do.
 */
export function checkUpstream(input: string, { allowProduction, apiKey }: UpstreamOptions): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new Error(`Not an absolute URL: ${JSON.stringify(input)}.`);
  }
  const loopback = LOOPBACK.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(`${url.origin}: the upstream must be https:// (plain http only to loopback).`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(`${url.origin}: no credentials, query or fragment in the upstream URL.`);
  }
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
