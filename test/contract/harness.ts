import { afterEach, expect, inject } from "vitest";
import { isLoopback } from "../../src/client/base-url.js";
import { createLuccaInvoicesClient } from "../../src/index.js";

/** The server under test: our Prism mock, or TEST_API_BASE_URL (e.g. Prism proxying a real host). */
export const apiBaseUrl = inject("apiBaseUrl");
export const apiKey = process.env.LUCCA_API_KEY || "contract-test-key";
/** Both calls change data: against a real tenant, point them at records made for testing. */
export const invoiceId = Number(process.env.LUCCA_TEST_INVOICE_ID ?? 42);
export const purchaseId = Number(process.env.LUCCA_TEST_PURCHASE_ID ?? 42);

// Prism (--errors) names what broke the spec in an `sl-violations` header; a proxied response that
// breaks it becomes a 500 that a test sees only as a wrong status: the header says what drifted.
const specViolations: string[] = [];

/** A real tenant, not our mock nor a loopback stand-in behind `npm run test:proxy`. */
export const realTenant =
  inject("externalServer") &&
  !isLoopback(new URL(process.env.TEST_API_UPSTREAM ?? apiBaseUrl).hostname);
/** Our own Prism mock of the vendored spec: its answers are known to the byte. */
export const onOurMock = !inject("externalServer");
/** A real tenant gets the default 50/min limiter; our own mock, or a loopback stand-in, none. */
export const rateLimit = realTenant ? undefined : false;

export const lucca = createLuccaInvoicesClient({
  apiKey,
  baseUrl: apiBaseUrl,
  rateLimit,
  fetch: async (request) => {
    const response = await fetch(request);
    const header = response.headers.get("sl-violations");
    if (header)
      specViolations.push(`${request.method} ${new URL(request.url).pathname}: ${header}`);
    return response;
  },
});

afterEach(() => {
  const found = specViolations.splice(0);
  expect(found, "Prism sl-violations: server and openapi/lucca-invoices.yaml disagree").toEqual([]);
});

/** The same request without the client, to show what the server says about a request's shape. */
export async function rawPost(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; problem: { validation?: { location: string[] }[] } | undefined }> {
  const response = await fetch(new URL(path, apiBaseUrl + "/"), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, problem: text ? JSON.parse(text) : undefined };
}

/**
 * The same call without the client's Authorization is refused (422, naming the header), and with it
 * accepted: proof that the server validates requests for real, so the client's requests pass for real.
 */
export async function expectAuthorizationRequired(url: string, body: unknown, okStatus: number) {
  const without = await rawPost(url, body);
  expect(without.status).toBe(422);
  expect(violations(without.problem)).toContain("header");
  const withIt = await rawPost(url, body, { Authorization: `lucca application=${apiKey}` });
  expect(withIt.status).toBe(okStatus);
}

/** Locations Prism names in a 422 problem+json, e.g. `header`, `path.id`, `body.date`. */
export function violations(
  problem: { validation?: { location: string[] }[] } | undefined,
): string[] {
  return (problem?.validation ?? []).map((v) => v.location.join("."));
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isInt32(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
}

export function isDateTime(value: unknown): boolean {
  return typeof value === "string" && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}
