import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { expect } from "vitest";
import type { AttemptLog, LuccaInvoicesClientOptions, LuccaLogger } from "../../src/index.js";
import { createFixtureClient, FIXTURE_PREFIX } from "./fixture-client.js";
import type { RecordedRequest } from "./http-server.js";

export const apiKey = "fault-SECRET-9f3e1c";

export interface CapturedLog {
  level: string;
  message: string;
  fields: AttemptLog | undefined;
}

/** A logger that keeps every line, to count attempts and prove the key is never logged. */
export function captureLogger(): { logger: LuccaLogger; lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const at = (level: string) => (message: string, fields?: AttemptLog) =>
    void lines.push({ level, message, fields });
  return {
    lines,
    logger: { debug: at("debug"), warn: at("warn"), error: at("error") },
  };
}

/** The fixture POST the fault tests call: int32 path id, JSON body `{ reason }`, 201 `{ id }`. */
export const reject = `${FIXTURE_PREFIX}/invoices/{id}/rejections` as const;
/** The fixture GET the fault tests call: a list with query parameters, 200 `{ items }`. */
export const listInvoices = `${FIXTURE_PREFIX}/invoices` as const;

/**
 * A client for fault tests, on the fixture spec (never the vendor's operations, so a change of
 * openapi/pages cannot break them): fast backoff, no limiter unless asked, a capturing logger.
 */
export function faultClient(baseUrl: string, options: Partial<LuccaInvoicesClientOptions> = {}) {
  const { logger, lines } = captureLogger();
  const lucca = createFixtureClient({
    apiKey,
    baseUrl,
    rateLimit: false,
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
    logger,
    ...options,
  });
  return { lucca, lines };
}

/** Asserts the key is in none of the things a caller could print. */
export function expectNoKey(...things: unknown[]): void {
  for (const thing of things) {
    const shown = [
      typeof thing === "string" ? thing : "",
      inspect(thing, { depth: Infinity, showHidden: true }),
      safeJson(thing),
      thing instanceof Error ? `${thing.message} ${thing.stack}` : "",
    ].join("\n");
    expect(shown).not.toContain(apiKey);
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return "";
  }
}

/** The Authorization header a request carried, for servers that echo it back. */
export function echoedAuth(request: RecordedRequest): string {
  return String(request.headers.authorization);
}

export function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { "Content-Length": String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}
