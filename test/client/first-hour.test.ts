// Issue "A new user's first hour": nothing accepted and then ignored, logs and messages that tell
// the truth. Against real node:http servers.
import { afterEach, describe, expect, it } from "vitest";
import {
  createLuccaInvoicesClient,
  LuccaConfigError,
  LuccaConnectionError,
  LuccaValidationError,
  type LuccaInvoicesClientOptions,
} from "../../src/index.js";
import {
  apiKey,
  captureLogger,
  expectNoKey,
  faultClient,
  send,
  reject,
} from "../support/fault-harness.js";
import { FIXTURE_PREFIX } from "../support/fixture-client.js";
import { startTestServer, type TestServer } from "../support/http-server.js";

const servers: TestServer[] = [];
const serve = async (status = 201, body = '{"id":1}') => {
  const server = await startTestServer((_r, res) =>
    send(res, status, body, { "Content-Type": "application/json" }),
  );
  servers.push(server);
  return server;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("logs hold only what is true of the attempt", () => {
  it("a success: status, no failure, no undefined field; the logger needs no info()", async () => {
    const server = await serve();
    const { lucca, lines } = faultClient(server.url);
    await lucca.POST(reject, { params: { path: { id: 1 } }, body: { reason: "s" } });
    expect(lines).toHaveLength(1);
    const { level, fields } = lines[0]!;
    expect(level).toBe("debug");
    expect(Object.keys(fields!).sort()).toEqual(
      ["attempt", "durationMs", "maxAttempts", "method", "status", "url"].sort(),
    );
    expect(Object.values(fields!)).not.toContain(undefined);
  });

  it("a failure without an answer: failure, no status", async () => {
    // A port that was just free: nothing listens there now.
    const gone = await startTestServer(() => undefined);
    await gone.close();
    const { lucca, lines } = faultClient(gone.url, { maxRetries: 0 });
    await caught(lucca.POST(reject, { params: { path: { id: 1 } }, body: { reason: "s" } }));
    expect(lines[0]!.fields).not.toHaveProperty("status");
    expect(lines[0]!.fields?.failure).toBe("connection failed (ECONNREFUSED)");
  });
});

describe("every call option is honoured or refused", () => {
  it("a per-call baseUrl is honoured: the call goes to the server it names", async () => {
    const [mine, other] = [await serve(), await serve()];
    const { lucca } = faultClient(mine.url);
    const { error } = await lucca.POST(reject, {
      params: { path: { id: 2 } },
      body: { reason: "s" },
      baseUrl: other.url,
    });
    expect(error).toBeUndefined();
    expect([mine.requests.length, other.requests.length]).toEqual([0, 1]);
    expect(other.requests[0]!.headers.authorization).toBe(`lucca application=${apiKey}`);
  });

  it("a per-call baseUrl obeys the client's rule: plain http off loopback is refused, nothing sent", async () => {
    const server = await serve();
    const { lucca } = faultClient(server.url);
    const error = await caught(
      lucca.POST(reject, {
        params: { path: { id: 2 } },
        body: { reason: "s" },
        baseUrl: "http://evil.example",
      }),
    );
    expect(error).toBeInstanceOf(LuccaConfigError);
    expect(error.message).toBe(
      'Invalid baseUrl "http://evil.example": expected an https:// URL, or http:// to localhost, ' +
        "127.x.x.x or [::1] (to another host with allowInsecureHttp: true), without credentials, " +
        "query or fragment.",
    );
    expect(server.requests).toHaveLength(0);
  });

  it("a per-call fetch is honoured, with the key on the Request it gets", async () => {
    const server = await serve();
    const { lucca } = faultClient(server.url);
    const seen: string[] = [];
    await lucca.POST(reject, {
      params: { path: { id: 3 } },
      body: { reason: "s" },
      fetch: (request: Request) => {
        seen.push(`${request.method} ${request.headers.get("authorization")}`);
        return fetch(request);
      },
    });
    expect(seen).toEqual([`POST lucca application=${apiKey}`]);
    expect(server.requests).toHaveLength(1);
  });

  it("an unknown call option, or a parseAs that is not a mode, is a LuccaConfigError before sending", async () => {
    const server = await serve();
    const { lucca } = faultClient(server.url);
    const call = lucca.POST as (path: string, init: object) => Promise<unknown>;
    const unknown = await caught(call(reject, { params: { path: { id: 1 } }, retries: 3 }));
    expect(unknown).toBeInstanceOf(LuccaConfigError);
    expect(unknown.message).toBe(
      'Unknown call option "retries": expected one of params, body, headers, parseAs, ' +
        "querySerializer, bodySerializer, pathSerializer, baseUrl, fetch, middleware, Request, " +
        "maxRetries, timeoutMs, signal, cache, credentials, integrity, keepalive, mode, priority, " +
        "redirect, referrer, referrerPolicy, window, dispatcher.",
    );
    const parseAs = await caught(call(reject, { params: { path: { id: 1 } }, parseAs: "xml" }));
    expect(parseAs.message).toBe(
      'Invalid parseAs "xml": expected one of json, text, blob, arrayBuffer, stream.',
    );
    expect(server.requests).toHaveLength(0);
  });

  it("parseAs blob from JavaScript is honoured, not parsed as JSON", async () => {
    const server = await serve();
    const { lucca } = faultClient(server.url);
    const { data } = await lucca.POST(reject, {
      params: { path: { id: 1 } },
      body: { reason: "s" },
      parseAs: "blob",
    });
    expect(data).toBeInstanceOf(Blob);
    expect(await (data as Blob).text()).toBe('{"id":1}');
  });

  it("an unknown client option is a LuccaConfigError", () => {
    const options = { apiKey: "k", baseUrl: "http://127.0.0.1:1", retries: 3 };
    expect(() => createLuccaInvoicesClient(options as LuccaInvoicesClientOptions)).toThrow(
      /^Unknown client option "retries": expected one of .*maxRetries/,
    );
  });
});

describe("messages that say what to do", () => {
  const keyError = (key: unknown): Error => {
    try {
      createLuccaInvoicesClient({ apiKey: key as string, baseUrl: "http://127.0.0.1:1" });
    } catch (error) {
      return error as Error;
    }
    throw new Error("expected a throw");
  };

  it("a key pasted with its prefix says so, without the key", () => {
    const error = keyError("lucca application=abc123SECRET");
    expect(error).toBeInstanceOf(LuccaConfigError);
    expect(error.message).toBe(
      'Invalid API key: it starts with "lucca application=", which the client adds itself; ' +
        "pass the key alone (the value is not shown).",
    );
    expect(error.message).not.toContain("abc123SECRET");
  });

  it("a missing key does not speak of a value not shown", () => {
    const saved = process.env.LUCCA_API_KEY;
    delete process.env.LUCCA_API_KEY;
    try {
      expect(keyError(undefined).message).toBe(
        "Missing API key: pass { apiKey } or set LUCCA_API_KEY.",
      );
    } finally {
      if (saved !== undefined) process.env.LUCCA_API_KEY = saved;
    }
  });

  it("a fetch that fails before sending (a forbidden port) says nothing was sent, and why", async () => {
    const { lucca, lines } = faultClient("http://127.0.0.1:10080");
    const error = await caught(
      lucca.POST(reject, { params: { path: { id: 1 } }, body: { reason: "s" } }),
    );
    expect(error).toBeInstanceOf(LuccaConnectionError);
    expect(error.message).toBe(
      `POST http://127.0.0.1:10080${FIXTURE_PREFIX}/invoices/1/rejections: connection failed ` +
        "(bad port) (attempt 1/3). Not retried: nothing was sent (bad port).",
    );
    expect(error.message).not.toMatch(/may have taken effect/);
    expect((error as LuccaConnectionError).mayHaveReachedServer).toBe(false);
    expect(lines).toHaveLength(1);
    expectNoKey(error, ...lines);
  });

  it("a method a path does not have names the methods it has", async () => {
    const { lucca } = faultClient("http://127.0.0.1:9");
    const get = lucca.GET as unknown as (path: string, init: object) => Promise<unknown>;
    const error = await caught(get(reject, { params: { path: { id: 1 } } }));
    expect(error).toBeInstanceOf(LuccaValidationError);
    expect(error.message).toBe(`GET is not an operation of ${reject}; it has: POST.`);
    const nowhere = await caught(get("/cleemy-procurement/api/nowhere", {}));
    expect(nowhere.message).toBe(
      '"/cleemy-procurement/api/nowhere" is not a path of the spec; use raw() for endpoints it ' +
        "does not describe yet.",
    );
  });
});

describe("middleware (openapi-fetch's use/eject)", () => {
  it("runs once per call, whatever the retries; never sees the key; can be ejected", async () => {
    let seen = 0;
    const server = await startTestServer((_r, res) =>
      ++seen === 1
        ? send(res, 503, "")
        : send(res, 200, "{}", { "Content-Type": "application/json" }),
    );
    servers.push(server);
    const { logger } = captureLogger();
    const lucca = createLuccaInvoicesClient({
      apiKey,
      baseUrl: server.url,
      rateLimit: false,
      retry: { initialDelayMs: 1, maxDelayMs: 2 },
      logger,
    });
    const calls: string[] = [];
    const trace = {
      onRequest: ({ request }: { request: Request }) => {
        calls.push(`request ${request.headers.get("authorization")}`);
        request.headers.set("X-Trace", "t-1");
      },
      onResponse: ({ response }: { response: Response }) =>
        void calls.push(`response ${response.status}`),
    };
    lucca.use(trace);
    await lucca.raw("GET", "/x");
    expect(calls).toEqual(["request null", "response 200"]);
    expect(server.requests.map((r) => r.headers["x-trace"])).toEqual(["t-1", "t-1"]);
    lucca.eject(trace);
    await lucca.raw("GET", "/x");
    expect(calls).toHaveLength(2);
    expect(server.requests[2]!.headers["x-trace"]).toBeUndefined();
  });
});
