import type { Middleware } from "openapi-fetch";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSpecClient } from "../../src/client/create-client.js";
import { LuccaConnectionError } from "../../src/errors.js";
import { sendJson, startTestServer, type TestServer } from "../support/http-server.js";

// A spec of its own (one path), so nothing here depends on the operations the vendored spec holds.
const rules = { "/things/{id}": { get: {}, post: {} } };
type Things = {
  "/things/{id}": {
    parameters: { path: { id: string } };
    get: {
      parameters: { path: { id: string } };
      responses: { 200: { content: { "application/json": { id: string } } } };
    };
    post: {
      parameters: { path: { id: string } };
      requestBody: { content: { "application/json": { note: string } } };
      responses: { 200: { content: { "application/json": { id: string } } } };
    };
  };
};
const fast = { initialDelayMs: 1, maxDelayMs: 1 };

let server: TestServer;
// Answers for the next requests, in order; then 200.
let statuses: number[] = [];
beforeAll(async () => {
  server = await startTestServer((request, res) => {
    const status = statuses.shift() ?? 200;
    sendJson(res, status, status === 200 ? { id: "1" } : { title: "down" });
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  statuses = [];
});

const client = (baseUrl = server.url) =>
  createSpecClient<Things>(rules, {
    baseUrl,
    apiKey: "middleware-key",
    rateLimit: false,
    retry: fast,
  });

describe("middleware (openapi-fetch's use / eject)", () => {
  it("runs once per call, its request resent by every attempt, and sees the final answer", async () => {
    const lucca = client();
    const seen: { request: string[]; response: number[]; keys: (string | null)[] } = {
      request: [],
      response: [],
      keys: [],
    };
    const tracing: Middleware = {
      onRequest({ request }) {
        seen.request.push(request.method);
        seen.keys.push(request.headers.get("Authorization"));
        request.headers.set("X-Trace", "t-1");
        return request;
      },
      onResponse({ request, response }) {
        seen.response.push(response.status);
        seen.keys.push(request.headers.get("Authorization"));
      },
    };
    lucca.use(tracing);
    statuses = [503];
    const { data, response } = await lucca.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(response.status).toBe(200);
    expect(data).toEqual({ id: "1" });
    // Two attempts went out, both with the middleware's header and the client's key.
    expect(server.requests.map((r) => r.headers["x-trace"])).toEqual(["t-1", "t-1"]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "lucca application=middleware-key",
      "lucca application=middleware-key",
    ]);
    expect(seen.request).toEqual(["GET"]);
    expect(seen.response).toEqual([200]);
    // The key is added below the middleware: it never sees it.
    expect(seen.keys).toEqual([null, null]);
  });

  it("sees the request body, which goes out the same with or without middleware", async () => {
    const lucca = client();
    const body = { note: "Déjà vu ✓" };
    await lucca.POST("/things/{id}", { params: { path: { id: "1" } }, body });
    const bodies: string[] = [];
    lucca.use({ onRequest: async ({ request }) => void bodies.push(await request.clone().text()) });
    await lucca.POST("/things/{id}", { params: { path: { id: "1" } }, body });
    expect(bodies).toEqual([JSON.stringify(body)]);
    const [without, withIt] = server.requests;
    expect(without?.body).toBe(JSON.stringify(body));
    expect(withIt?.body).toBe(without?.body);
    expect(withIt?.headers["content-type"]).toBe(without?.headers["content-type"]);
    expect(without?.headers["content-type"]).toBe("application/json");
  });

  it("cannot replace the client's Authorization", async () => {
    const lucca = client();
    lucca.use({ onRequest: ({ request }) => void request.headers.set("Authorization", "forged") });
    await lucca.GET("/things/{id}", { params: { path: { id: "1" } } });
    expect(server.requests[0]?.headers.authorization).toBe("lucca application=middleware-key");
  });

  it("stops running once ejected", async () => {
    const lucca = client();
    let calls = 0;
    const counting: Middleware = {
      onRequest: ({ request }) => {
        calls++;
        request.headers.set("X-Counted", "yes");
      },
    };
    lucca.use(counting);
    await lucca.GET("/things/{id}", { params: { path: { id: "1" } } });
    lucca.eject(counting);
    await lucca.GET("/things/{id}", { params: { path: { id: "2" } } });
    expect(calls).toBe(1);
    expect(server.requests.map((r) => r.headers["x-counted"])).toEqual(["yes", undefined]);
  });

  it("gets the final failure in onError, a LuccaConnectionError, and may answer in its place", async () => {
    const closed = await startTestServer(() => undefined);
    await closed.close();
    const lucca = client(closed.url);
    const errors: unknown[] = [];
    lucca.use({
      onError: ({ error }) => {
        errors.push(error);
        return Response.json({ id: "from-cache" });
      },
    });
    const { data } = await lucca.GET("/things/{id}", {
      params: { path: { id: "1" } },
      maxRetries: 0,
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(LuccaConnectionError);
    expect(String(errors[0])).not.toContain("middleware-key");
    expect(data).toEqual({ id: "from-cache" });
  });
});
