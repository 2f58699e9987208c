import { afterEach, describe, expect, it } from "vitest";
import { LuccaApiError, LuccaConnectionError } from "../../src/index.js";
import { expectNoKey, faultClient, send, reject } from "../support/fault-harness.js";
import { startTestServer, type TestServer } from "../support/http-server.js";

/** Every error keeps its cause and names the request as called; accepted options reach every attempt. */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const base = "http://127.0.0.1:9";

describe("causes", () => {
  it("a 2xx whose body is not JSON: an invalid_response error with the parser's SyntaxError as cause", async () => {
    const body = '{"id": 43,';
    server = await startTestServer((_request, res) =>
      send(res, 200, body, { "Content-Type": "application/json" }),
    );
    const { lucca } = faultClient(server.url);
    const { data, error } = await lucca.raw("GET", "/cleemy-procurement/api/things/{id}", {
      params: { path: { id: 43 }, query: { page: 2 } },
    });
    expect(data).toBeUndefined();
    expect(error).toBeInstanceOf(LuccaApiError);
    expect(error!.kind).toBe("invalid_response");
    expect(error!.cause).toBeInstanceOf(SyntaxError);
    let parserSays = "";
    try {
      JSON.parse(body);
    } catch (e) {
      parserSays = (e as Error).message;
    }
    expect((error!.cause as SyntaxError).message).toBe(parserSays);
    const url = `${server.url}/cleemy-procurement/api/things/43?page=2`;
    expect(error!.url).toBe(url);
    expect(error!.message).toBe(
      `GET ${url} failed: HTTP 200 (invalid_response): ${body}. The body is not valid JSON.`,
    );
    expectNoKey(error);
  });

  it.each(["onRequest", "onResponse"] as const)(
    "an error thrown by a middleware's %s reaches the caller as it is, its cause kept",
    async (hook) => {
      server = await startTestServer((_request, res) => send(res, 200, "{}"));
      const { lucca } = faultClient(server.url);
      const original = new Error("the audit log is down");
      const thrown = new Error(`${hook} refused`, { cause: original });
      const refuse = (): never => {
        throw thrown;
      };
      lucca.use(hook === "onRequest" ? { onRequest: refuse } : { onResponse: refuse });
      const error = await lucca.raw("GET", "/x").catch((e: unknown) => e);
      expect(error).toBe(thrown);
      expect((error as Error).cause).toBe(original);
      expect(server.requests).toHaveLength(hook === "onRequest" ? 0 : 1);
    },
  );
});

describe("the URL called, never the template", () => {
  it("a custom fetch's answer (its url empty): the error names the URL with id and query", async () => {
    const { lucca } = faultClient(base, {
      fetch: async () =>
        new Response('{"title":"boom"}', {
          status: 500,
          headers: { "Content-Type": "application/problem+json" },
        }),
    });
    const { error } = await lucca.POST(reject, {
      params: { path: { id: 43 } },
      body: { reason: "s" },
    });
    const url = `${base}/cleemy-procurement/api/synthetic-fixtures/invoices/43/rejections`;
    expect(error!.url).toBe(url);
    expect(error!.message).toBe(
      `POST ${url} failed: HTTP 500 (server): boom. Not retried: the POST may have taken effect; check before resending.`,
    );

    const { error: listError } = await lucca.raw("GET", "/cleemy-procurement/api/things/{id}", {
      params: { path: { id: 7 }, query: { page: 3, limit: 10 } },
      maxRetries: 0,
    });
    expect(listError!.url).toBe(`${base}/cleemy-procurement/api/things/7?page=3&limit=10`);
  });

  it("a custom fetch that throws: the connection error names the URL called", async () => {
    const { lucca } = faultClient(base, {
      fetch: async () => {
        throw new Error("proxy down");
      },
    });
    const error = (await lucca
      .POST(reject, { params: { path: { id: 44 } }, body: { reason: "s" } })
      .catch((e: unknown) => e)) as LuccaConnectionError;
    expect(error).toBeInstanceOf(LuccaConnectionError);
    expect(error.url).toBe(
      `${base}/cleemy-procurement/api/synthetic-fixtures/invoices/44/rejections`,
    );
    expect(error.message.startsWith(`POST ${error.url}: connection failed (proxy down)`)).toBe(
      true,
    );
  });
});

describe("accepted options reach every attempt", () => {
  it("referrer and referrerPolicy: the Referer header of every attempt follows the policy", async () => {
    let seen = 0;
    server = await startTestServer((_request, res) =>
      ++seen < 3 ? send(res, 503, "") : send(res, 200, "{}"),
    );
    const { lucca } = faultClient(server.url);
    const { response } = await lucca.raw("GET", "/x", {
      referrer: `${server.url}/from/page?q=1`,
      referrerPolicy: "origin",
    });
    expect(response.status).toBe(200);
    // Without the policy, a same-origin request would carry the full referrer, query included.
    expect(server.requests.map((r) => r.headers.referer)).toEqual([
      `${server.url}/`,
      `${server.url}/`,
      `${server.url}/`,
    ]);
  });

  it("referrerPolicy and priority on each attempt's Request, as a custom fetch sees it", async () => {
    server = await startTestServer((_request, res) => send(res, 503, ""));
    const attempts: [string, unknown][] = [];
    const { lucca } = faultClient(server.url, {
      fetch: (request) => {
        attempts.push([request.referrerPolicy, (request as { priority?: unknown }).priority]);
        return fetch(request);
      },
    });
    await lucca.raw("GET", "/x", { referrerPolicy: "no-referrer", priority: "high" });
    expect(attempts).toEqual([
      ["no-referrer", "high"],
      ["no-referrer", "high"],
      ["no-referrer", "high"],
    ]);
    expect(server.requests).toHaveLength(3);
  });
});
