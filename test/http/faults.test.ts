import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  LuccaApiError,
  LuccaConnectionError,
  LuccaTimeoutError,
  type LuccaApiErrorKind,
} from "../../src/index.js";
import { startTestServer, type RecordedRequest, type TestServer } from "../support/http-server.js";
import {
  echoedAuth,
  expectNoKey,
  faultClient,
  listInvoices,
  reject,
  send,
} from "../support/fault-harness.js";
import { FIXTURE_PREFIX } from "../support/fixture-client.js";

type Respond = (res: ServerResponse, request: RecordedRequest, req: IncomingMessage) => void;

type Outcome =
  | {
      ok: true;
      requests: number;
      data?: "undefined";
      /** The exact wait before the retry, on fake timers (the server's Retry-After). */
      waitMs?: number;
    }
  | {
      api: LuccaApiErrorKind;
      status: number;
      requests: number;
      note?: RegExp;
      retryAfterMs?: number;
      check?: (error: LuccaApiError) => void;
    }
  | { throws: typeof LuccaConnectionError; requests: number; message: RegExp };

interface Fault {
  name: string;
  /** What the server does to the first request; later ones succeed. */
  respond: Respond;
  post: Outcome;
  get: Outcome;
}

const json = { "Content-Type": "application/json" };
const problemJson = { "Content-Type": "application/problem+json" };
const postNotRetried = /Not retried: the POST may have taken effect; check before resending/;
const connectionNotRetried = postNotRetried;

const faults: Fault[] = [
  {
    name: "500",
    respond: (res) => send(res, 500, JSON.stringify({ title: "Internal error" }), problemJson),
    post: { api: "server", status: 500, requests: 1, note: postNotRetried },
    get: { ok: true, requests: 2 },
  },
  {
    name: "502",
    respond: (res) => send(res, 502, "Bad gateway", { "Content-Type": "text/plain" }),
    post: { api: "server", status: 502, requests: 1, note: postNotRetried },
    get: { ok: true, requests: 2 },
  },
  {
    name: "503 without Retry-After",
    respond: (res) => send(res, 503, ""),
    post: { api: "server", status: 503, requests: 1, note: postNotRetried },
    get: { ok: true, requests: 2 },
  },
  {
    name: "503 with Retry-After: 1",
    respond: (res) => send(res, 503, "", { "Retry-After": "1" }),
    post: { api: "server", status: 503, requests: 1, note: postNotRetried, retryAfterMs: 1000 },
    get: { ok: true, requests: 2, waitMs: 1_000 },
  },
  {
    name: "429 with Retry-After in seconds",
    respond: (res) =>
      send(res, 429, JSON.stringify({ title: "Too many" }), { ...problemJson, "Retry-After": "1" }),
    post: { ok: true, requests: 2, waitMs: 1_000 },
    get: { ok: true, requests: 2, waitMs: 1_000 },
  },
  {
    name: "429 with Retry-After as an HTTP date",
    respond: (res) =>
      send(res, 429, "", { "Retry-After": new Date(Date.now() + 2000).toUTCString() }),
    // On fake timers the clock stands on a whole second, so the date is exactly 2 s ahead.
    post: { ok: true, requests: 2, waitMs: 2_000 },
    get: { ok: true, requests: 2, waitMs: 2_000 },
  },
  {
    name: "429 asking for more than the 60 s cap",
    respond: (res) => send(res, 429, "", { "Retry-After": "120" }),
    post: {
      api: "rate_limited",
      status: 429,
      requests: 1,
      retryAfterMs: 120_000,
      note: /Retry-After 120 s is over the 60 s limit/,
    },
    get: {
      api: "rate_limited",
      status: 429,
      requests: 1,
      retryAfterMs: 120_000,
      note: /Retry-After 120 s is over the 60 s limit/,
    },
  },
  {
    name: "408",
    respond: (res) => send(res, 408, JSON.stringify({ title: "Request Timeout" }), problemJson),
    post: { api: "request_timeout", status: 408, requests: 1, note: postNotRetried },
    get: { ok: true, requests: 2 },
  },
  {
    name: "a reset mid-response",
    respond: (res) => {
      res.writeHead(201, { ...json, "Content-Length": "200" });
      res.write('{"id": 1, "strat');
      setTimeout(() => res.socket?.destroy(), 20);
    },
    post: { throws: LuccaConnectionError, requests: 1, message: connectionNotRetried },
    get: { ok: true, requests: 2 },
  },
  {
    name: "a socket closed without an answer",
    respond: (_res, _request, req) => req.socket.destroy(),
    post: { throws: LuccaConnectionError, requests: 1, message: connectionNotRetried },
    get: { ok: true, requests: 2 },
  },
  {
    name: "a server that never answers",
    respond: () => {},
    post: { throws: LuccaTimeoutError, requests: 1, message: /timed out after 300 ms/ },
    get: { ok: true, requests: 2 },
  },
  {
    name: "a 200 with invalid JSON",
    respond: (res) => send(res, 200, '{"id": 1, "strategy": ', json),
    post: { api: "invalid_response", status: 200, requests: 1, note: /not valid JSON/ },
    get: { api: "invalid_response", status: 200, requests: 1, note: /not valid JSON/ },
  },
  {
    name: "an HTML 502 page that echoes the Authorization header",
    respond: (res, request) =>
      send(res, 502, `<html><body>Bad Gateway for ${echoedAuth(request)}</body></html>`, {
        "Content-Type": "text/html",
      }),
    post: {
      api: "server",
      status: 502,
      requests: 1,
      note: postNotRetried,
      check: (error) => {
        expect(error.body).toContain("<html>");
        expect(error.body).toContain("lucca application=***");
        expect(error.problem).toBeUndefined();
      },
    },
    get: { ok: true, requests: 2 },
  },
  {
    name: "an empty 4xx body",
    respond: (res) => send(res, 404, ""),
    post: { api: "not_found", status: 404, requests: 1, check: (e) => expect(e.body).toBe("") },
    get: { api: "not_found", status: 404, requests: 1, check: (e) => expect(e.body).toBe("") },
  },
  {
    name: "an empty chunked 4xx body",
    respond: (res) => {
      res.writeHead(409, { "Transfer-Encoding": "chunked" });
      res.end();
    },
    post: { api: "conflict", status: 409, requests: 1 },
    get: { api: "conflict", status: 409, requests: 1 },
  },
  {
    name: "an empty chunked 200",
    respond: (res) => {
      res.writeHead(200, { ...json, "Transfer-Encoding": "chunked" });
      res.end();
    },
    post: { ok: true, requests: 1, data: "undefined" },
    get: { ok: true, requests: 1, data: "undefined" },
  },
  {
    name: "a problem+json 400 with a field errors map",
    respond: (res, request) =>
      send(
        res,
        400,
        JSON.stringify({
          type: "https://httpstatuses.io/400",
          title: "Bad Request",
          status: 400,
          detail: `Invalid strategy (sent with ${echoedAuth(request)})`,
          errors: { strategy: ["Unknown strategy 'fast'"] },
        }),
        problemJson,
      ),
    post: {
      api: "bad_request",
      status: 400,
      requests: 1,
      check: (error) => {
        expect(error.problem?.errors).toEqual({ strategy: ["Unknown strategy 'fast'"] });
        expect(error.problem?.detail).toBe("Invalid strategy (sent with lucca application=***)");
        expect(error.message).toContain("Invalid strategy");
      },
    },
    get: { api: "bad_request", status: 400, requests: 1 },
  },
  {
    name: "a 401",
    respond: (res) =>
      send(res, 401, JSON.stringify({ title: "Unauthorized", status: 401 }), {
        ...problemJson,
        "X-Request-Id": "req-401",
      }),
    post: {
      api: "unauthorized",
      status: 401,
      requests: 1,
      check: (error) => expect(error.requestId).toBe("req-401"),
    },
    get: { api: "unauthorized", status: 401, requests: 1 },
  },
];

const mayHaveTakenEffect = "Not retried: the POST may have taken effect; check before resending.";
const overCap = "Not retried: Retry-After 120 s is over the 60 s limit.";
const invalidJson =
  'HTTP 200 (invalid_response): {"id": 1, "strategy": . The body is not valid JSON.';
const invalid400 = "HTTP 400 (bad_request): Invalid strategy (sent with lucca application=***)";

/**
 * The exact message of each failure, after `<METHOD> <url>`: " failed: ..." for an answer,
 * ": ..." for a failure without one. Every failing outcome of `faults` has its line here.
 */
const says: Record<string, { post?: string; get?: string }> = {
  "500": { post: ` failed: HTTP 500 (server): Internal error. ${mayHaveTakenEffect}` },
  "502": { post: ` failed: HTTP 502 (server): Bad gateway. ${mayHaveTakenEffect}` },
  "503 without Retry-After": { post: ` failed: HTTP 503 (server). ${mayHaveTakenEffect}` },
  "503 with Retry-After: 1": { post: ` failed: HTTP 503 (server). ${mayHaveTakenEffect}` },
  "429 asking for more than the 60 s cap": {
    post: ` failed: HTTP 429 (rate_limited). ${overCap}`,
    get: ` failed: HTTP 429 (rate_limited). ${overCap}`,
  },
  "408": { post: ` failed: HTTP 408 (request_timeout): Request Timeout. ${mayHaveTakenEffect}` },
  "a reset mid-response": {
    post: `: connection failed (the body failed: UND_ERR_SOCKET) (attempt 1/3). ${mayHaveTakenEffect}`,
  },
  "a socket closed without an answer": {
    post: `: connection failed (UND_ERR_SOCKET) (attempt 1/3). ${mayHaveTakenEffect}`,
  },
  "a server that never answers": {
    post: `: timed out after 300 ms (attempt 1/3). ${mayHaveTakenEffect}`,
  },
  "a 200 with invalid JSON": { post: ` failed: ${invalidJson}`, get: ` failed: ${invalidJson}` },
  "an HTML 502 page that echoes the Authorization header": {
    post:
      " failed: HTTP 502 (server): <html><body>Bad Gateway for lucca application=***</body></html>. " +
      mayHaveTakenEffect,
  },
  "an empty 4xx body": {
    post: " failed: HTTP 404 (not_found)",
    get: " failed: HTTP 404 (not_found)",
  },
  "an empty chunked 4xx body": {
    post: " failed: HTTP 409 (conflict)",
    get: " failed: HTTP 409 (conflict)",
  },
  "a problem+json 400 with a field errors map": {
    post: ` failed: ${invalid400}`,
    get: ` failed: ${invalid400}`,
  },
  "a 401": {
    post: " failed: HTTP 401 (unauthorized): Unauthorized",
    get: " failed: HTTP 401 (unauthorized): Unauthorized",
  },
};

/** The exact message a failing call must carry. */
function messageOf(name: string, kind: "post" | "get", url: string): string {
  const tail = says[name]?.[kind];
  if (tail === undefined) throw new Error(`no message written for "${name}" (${kind})`);
  return `${kind.toUpperCase()} ${url}${tail}`;
}

let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

/** The success answers of the fixture operations called: a rejection, a list. */
const created = { id: 9 };
const listed = { items: [{ id: 9, number: "F-9" }] };
const calledPath = {
  post: `${FIXTURE_PREFIX}/invoices/9/rejections`,
  get: `${FIXTURE_PREFIX}/invoices?limit=5`,
};

/** First request gets the fault, later ones a success. */
async function faultyServer(respond: Respond): Promise<TestServer> {
  let seen = 0;
  return startTestServer((request, res, req) => {
    if (++seen === 1) return respond(res, request, req);
    if (request.method === "POST") send(res, 201, JSON.stringify(created), json);
    else send(res, 200, JSON.stringify(listed), json);
  });
}

/** Turns of the event loop until `done()` holds (at most 1 000; setImmediate is not faked). */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000 && !done(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(done()).toBe(true);
}

/**
 * Runs one call against a server giving the fault first. With `waitMs`, on fake timers (only
 * setTimeout, clearTimeout and Date: sockets stay real): the retry must not leave a millisecond
 * before `waitMs`, and leaves at `waitMs`.
 */
async function run(kind: "post" | "get", respond: Respond, waitMs?: number) {
  if (waitMs !== undefined) {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.setSystemTime(Date.parse("2026-12-01T09:00:00Z"));
  }
  server = await faultyServer(respond);
  const { lucca, lines } = faultClient(server.url, { timeoutMs: 300 });
  const outcome =
    kind === "post"
      ? lucca.POST(reject, {
          params: { path: { id: 9 } },
          body: { reason: "s" },
        })
      : lucca.GET(listInvoices, { params: { query: { limit: 5 } } });
  if (waitMs !== undefined) {
    const requests = server.requests;
    await until(() => lines.length === 1);
    expect(lines[0]!.fields?.retryInMs).toBe(waitMs);
    vi.advanceTimersByTime(waitMs - 1);
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(requests).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await until(() => requests.length === 2);
  }
  const settled = await outcome.then(
    (result) => ({ result, thrown: undefined }),
    (thrown: unknown) => ({ result: undefined, thrown }),
  );
  const url = server.url;
  return { ...settled, lines, requests: server.requests, url };
}

describe.each(faults)("fault: $name", (fault) => {
  it.each(["post", "get"] as const)("%s", async (kind) => {
    const expected = fault[kind];
    const waitMs = "ok" in expected ? expected.waitMs : undefined;
    const { result, thrown, lines, requests, url } = await run(kind, fault.respond, waitMs);

    expect(requests).toHaveLength(expected.requests);
    // One log line per attempt, whatever happened.
    expect(lines).toHaveLength(expected.requests);
    expectNoKey(result, thrown, ...lines);
    // Every attempt sent the same request.
    for (const request of requests) {
      expect(request.method).toBe(kind.toUpperCase());
      expect(request.url).toBe(calledPath[kind]);
      expect(request.body).toBe(kind === "post" ? '{"reason":"s"}' : "");
      expect(request.headers.authorization).toBe(`lucca application=fault-SECRET-9f3e1c`);
    }

    if ("ok" in expected) {
      expect(thrown).toBeUndefined();
      expect(result?.error).toBeUndefined();
      expect(result?.response.ok).toBe(true);
      if (expected.data === "undefined") expect(result?.data).toBeUndefined();
      else expect(result?.data).toEqual(kind === "post" ? created : listed);
    } else if ("api" in expected) {
      expect(thrown).toBeUndefined();
      const error = result?.error;
      expect(error).toBeInstanceOf(LuccaApiError);
      expect(error?.kind).toBe(expected.api);
      expect(error?.status).toBe(expected.status);
      expect(result?.response.status).toBe(expected.status);
      expect(error?.attempts).toBe(expected.requests);
      expect(error?.method).toBe(kind.toUpperCase());
      expect(error?.url).toBe(`${url}${calledPath[kind]}`);
      if (expected.note) expect(error?.message).toMatch(expected.note);
      expect(error?.message).toBe(messageOf(fault.name, kind, `${url}${calledPath[kind]}`));
      if (expected.retryAfterMs !== undefined)
        expect(error?.retryAfterMs).toBe(expected.retryAfterMs);
      expected.check?.(error!);
    } else {
      expect(result).toBeUndefined();
      expect(thrown).toBeInstanceOf(expected.throws);
      expect((thrown as Error).message).toMatch(expected.message);
      expect((thrown as Error).message).toBe(
        messageOf(fault.name, kind, `${url}${calledPath[kind]}`),
      );
      expect((thrown as LuccaConnectionError).attempts).toBe(expected.requests);
    }
  });
});
