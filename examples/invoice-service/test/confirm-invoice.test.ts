import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { LuccaApiError, LuccaConnectionError, LuccaTimeoutError } from "lucca-invoices-client";
import { startLuccaMock, type LuccaMock } from "lucca-invoices-client/testing";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { confirmInvoice } from "../src/confirm-invoice.js";

const CONFIRM = "POST /cleemy-procurement/api/invoices/{id}/confirmations";

let mock: LuccaMock;
beforeAll(async () => {
  mock = await startLuccaMock();
}, 30_000);
afterAll(() => mock?.stop());
beforeEach(() => mock.reset());

it("waits out a 429 and confirms: two requests", async () => {
  mock.override(CONFIRM, { status: 429, headers: { "Retry-After": "1" } });
  const confirmation = await confirmInvoice(mock.client(), 43);
  expect(confirmation?.id).toEqual(expect.any(Number));
  expect(mock.requests.map((r) => [r.path, r.status])).toEqual([
    ["/cleemy-procurement/api/invoices/43/confirmations", 429],
    ["/cleemy-procurement/api/invoices/43/confirmations", 201],
  ]);
});

it("does not resend after a dropped connection: sent once, it may have taken effect", async () => {
  mock.override(CONFIRM, { drop: "after-request" });
  await expect(confirmInvoice(mock.client(), 43)).rejects.toBeInstanceOf(LuccaConnectionError);
  expect(mock.requests.map((r) => r.status)).toEqual(["dropped"]);
});

it("does not resend after a 503", async () => {
  mock.override(CONFIRM, { status: 503 });
  const error = await confirmInvoice(mock.client(), 43).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LuccaApiError);
  expect(error).toMatchObject({ status: 503, kind: "server", attempts: 1 });
  expect(mock.requests.map((r) => r.status)).toEqual([503]);
});

it("gives up at the client's timeout when the answer is late", async () => {
  mock.override(CONFIRM, { delayMs: 1_000 });
  const client = mock.client({ timeoutMs: 200 });
  await expect(confirmInvoice(client, 43)).rejects.toBeInstanceOf(LuccaTimeoutError);
  expect(mock.requests).toHaveLength(1);
});

it("sends the key, and the mock never records it", async () => {
  await confirmInvoice(mock.client({ apiKey: "example-secret-key-42" }), 43);
  expect(mock.requests[0]?.headers.authorization).toBe("lucca application=<redacted>");
  expect(JSON.stringify(mock.requests)).not.toContain("example-secret-key-42");
  expect(mock.requests[0]?.violations).toEqual([]);
});

it("ships the spec the mock serves, as lucca-invoices-client/openapi.yaml", () => {
  const spec = createRequire(import.meta.url).resolve("lucca-invoices-client/openapi.yaml");
  expect(readFileSync(spec, "utf8")).toContain(
    "/cleemy-procurement/api/invoices/{id}/confirmations:",
  );
});
