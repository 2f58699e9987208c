import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  createLuccaInvoicesClient,
  LuccaConfigError,
  LuccaValidationError,
  type LuccaInvoicesClientOptions,
} from "../../src/index.js";
import { createFixtureClient, FIXTURE_PREFIX } from "../support/fixture-client.js";
import { sendJson, startTestServer, type TestServer } from "../support/http-server.js";

const apiKey = "s3cr3t-KEY-value";
// Calls go to the fixture spec's operations, never the vendor's: POSTs with an int32 path id.
const rejections = `${FIXTURE_PREFIX}/invoices/{id}/rejections` as const;
const attachments = `${FIXTURE_PREFIX}/invoices/{id}/attachments` as const;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer((request, res) => sendJson(res, 201, { id: 1 }));
});
afterAll(() => server.close());
afterEach(() => {
  server.requests.length = 0;
});

function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
}

describe("client", () => {
  it("sends exactly one Authorization header, `lucca application=<key>`, overriding the caller's", async () => {
    const lucca = createFixtureClient({
      apiKey,
      baseUrl: server.url,
      headers: { Authorization: "Bearer nope", "X-Extra": "1" },
    });
    const { data, response } = await lucca.POST(rejections, {
      params: { path: { id: 42 } },
      body: { reason: "s" },
      // @ts-expect-error the client's own Authorization is always sent: passing one does not compile
      headers: { authorization: "Basic nope" },
    });
    expect(response.status).toBe(201);
    expect(data).toEqual({ id: 1 });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe("POST");
    expect(request!.url).toBe(`${FIXTURE_PREFIX}/invoices/42/rejections`);
    const auth = request!.rawHeaders.filter(
      (_, i, all) => i % 2 === 0 && /^authorization$/i.test(all[i]!),
    );
    expect(auth).toHaveLength(1);
    expect(request!.headers.authorization).toBe(`lucca application=${apiKey}`);
    expect(request!.headers["x-extra"]).toBe("1");
    expect(JSON.parse(request!.body)).toEqual({ reason: "s" });
  });

  it("serializes query params as openapi-fetch does, default or configured", async () => {
    const lucca = createLuccaInvoicesClient({ apiKey, baseUrl: server.url, rateLimit: false });
    await lucca.raw("GET", "/things", { params: { query: { a: 1, b: [1, 2], c: "x y" } } });
    await lucca.raw("GET", "/things", {
      params: { query: { b: [1, 2] } },
      querySerializer: { array: { style: "pipeDelimited", explode: false } },
    });
    expect(server.requests.map((r) => r.url)).toEqual([
      "/things?a=1&b=1&b=2&c=x%20y",
      "/things?b=1|2",
    ]);
  });

  it("reads a body as text when asked", async () => {
    const lucca = createFixtureClient({ apiKey, baseUrl: server.url });
    const { data } = await lucca.POST(rejections, {
      params: { path: { id: 5 } },
      body: { reason: "s" },
      parseAs: "text",
    });
    expect(data).toBe('{"id":1}');
  });

  it("keeps the key out of what it returns", async () => {
    const lucca = createFixtureClient({ apiKey, baseUrl: server.url });
    const result = await lucca.POST(rejections, {
      params: { path: { id: 1 } },
      body: { reason: "s" },
    });
    expect(inspect(result, { depth: 10 })).not.toContain(apiKey);
    expect(inspect(lucca, { depth: 10, showHidden: true })).not.toContain(apiKey);
    expect(JSON.stringify(result.data)).not.toContain(apiKey);
  });

  it("reads LUCCA_API_KEY and LUCCA_HOST when no options are given", () => {
    const saved = { key: process.env.LUCCA_API_KEY, host: process.env.LUCCA_HOST };
    try {
      process.env.LUCCA_API_KEY = apiKey;
      process.env.LUCCA_HOST = "acme.ilucca-test.net";
      expect(() => createLuccaInvoicesClient()).not.toThrow();
      process.env.LUCCA_HOST = "acme.evil.com";
      expect(thrownBy(() => createLuccaInvoicesClient())).toBeInstanceOf(LuccaConfigError);
      delete process.env.LUCCA_HOST;
      expect((thrownBy(() => createLuccaInvoicesClient()) as LuccaConfigError).option).toBe("host");
    } finally {
      for (const [name, value] of [
        ["LUCCA_API_KEY", saved.key],
        ["LUCCA_HOST", saved.host],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  describe("refuses a bad API key at creation, naming apiKey / LUCCA_API_KEY without echoing it", () => {
    const saved = process.env.LUCCA_API_KEY;
    beforeAll(() => void delete process.env.LUCCA_API_KEY);
    afterAll(() => void (saved === undefined ? 0 : (process.env.LUCCA_API_KEY = saved)));

    it.each([
      ["missing", undefined],
      ["empty", ""],
      ["holding a space", "abc def-SECRETPART"],
      ["holding a tab", "abc\tdef-SECRETPART"],
      ["holding a newline (header injection)", "abc-SECRETPART\r\nX-Evil: 1"],
      ["holding a control character", "abc-SECRETPART\u0000"],
      ["holding a non-ASCII character", "abc-SECRETPARTé"],
      ["with trailing whitespace", "abc-SECRETPART "],
      ["not a string", 12345678 as unknown as string],
    ])("%s", (_why, key) => {
      const error = thrownBy(() =>
        createLuccaInvoicesClient({ apiKey: key, host: "acme.ilucca-test.net" }),
      );
      expect(error).toBeInstanceOf(LuccaConfigError);
      expect((error as LuccaConfigError).option).toBe("apiKey");
      expect(error.message).toContain("apiKey");
      expect(error.message).toContain("LUCCA_API_KEY");
      for (const shown of [error.message, inspect(error), JSON.stringify(error)]) {
        expect(shown).not.toContain("SECRETPART");
        expect(shown).not.toContain("12345678");
      }
    });
  });

  it.each<[string, Partial<LuccaInvoicesClientOptions>]>([
    ["a host outside the patterns", { host: "acme.ilucca-test.net:8443" }],
    ["plain http to a non-loopback baseUrl", { baseUrl: "http://acme.ilucca-test.net" }],
    ["a baseUrl with credentials", { baseUrl: "https://u:p@proxy.example.com" }],
    ["a baseUrl with a query", { baseUrl: "https://proxy.example.com/?a=1" }],
    ["a baseUrl with a fragment", { baseUrl: "https://proxy.example.com/#a" }],
    ["a baseUrl that is not a URL", { baseUrl: "proxy.example.com" }],
    ["a baseUrl with another scheme", { baseUrl: "ftp://127.0.0.1" }],
  ])("refuses %s with a typed error", (_why, options) => {
    const error = thrownBy(() => createLuccaInvoicesClient({ apiKey, ...options }));
    expect(error).toBeInstanceOf(LuccaConfigError);
    expect(error.message).toMatch(/Accepted|expected/);
    expect(error.message).not.toContain(apiKey);
  });

  it.each([
    "http://127.0.0.1:8080",
    "http://localhost:1/prefix/",
    "http://[::1]:9",
    "https://proxy.example.com/lucca",
  ])("accepts baseUrl %s", (baseUrl) => {
    expect(() => createLuccaInvoicesClient({ apiKey, baseUrl })).not.toThrow();
  });

  it.each<[string, unknown, string]>([
    ["a float", 4.5, "number 4.5"],
    ["NaN", Number.NaN, "number NaN"],
    ["Infinity", Number.POSITIVE_INFINITY, "number Infinity"],
    ["a numeric string", "42", 'string "42"'],
    ["a path-traversal string", "../../admin", 'string "../../admin"'],
    ["a number above int32", 2 ** 31, "number 2147483648"],
    ["a number below int32", -(2 ** 31) - 1, "number -2147483649"],
    ["a bigint", 42n, "bigint 42"],
    ["null", null, "object null"],
    ["nothing", undefined, "nothing"],
  ])("refuses %s as an id before sending anything", async (_why, id, got) => {
    let sent = 0;
    const lucca = createFixtureClient({
      apiKey,
      baseUrl: server.url,
      fetch: (request) => {
        sent++;
        return fetch(request);
      },
    });
    for (const path of [rejections, attachments] as const) {
      const call = lucca.POST as (path: string, init: object) => Promise<unknown>;
      const error = await call(path, { params: { path: { id: id as number } } }).then(
        () => new Error("resolved"),
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(LuccaValidationError);
      expect((error as LuccaValidationError).parameter).toBe("params.path.id");
      expect(error.message).toBe(
        `params.path.id of POST ${path} must be an int32 (-2147483648 to 2147483647); got ${got}.`,
      );
    }
    expect(sent).toBe(0);
    expect(server.requests).toHaveLength(0);
  });

  it("accepts the int32 bounds", async () => {
    const lucca = createFixtureClient({ apiKey, baseUrl: server.url });
    for (const id of [-(2 ** 31), 0, 2 ** 31 - 1]) {
      const { response } = await lucca.POST(rejections, {
        params: { path: { id } },
        body: { reason: "s" },
      });
      expect(response.status).toBe(201);
    }
    expect(server.requests.map((r) => r.url)).toEqual([
      `${FIXTURE_PREFIX}/invoices/-2147483648/rejections`,
      `${FIXTURE_PREFIX}/invoices/0/rejections`,
      `${FIXTURE_PREFIX}/invoices/2147483647/rejections`,
    ]);
  });
});
