import { afterEach, describe, expect, it } from "vitest";
import {
  LuccaAbortError,
  LuccaApiError,
  LuccaConfigError,
  LuccaConnectionError,
} from "../../src/index.js";
import { freeLoopbackPort, startTestServer, type TestServer } from "../support/http-server.js";
import { expectNoKey, faultClient, send, reject } from "../support/fault-harness.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function timers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
}

describe("a refused connection", () => {
  it.each(["post", "get"] as const)(
    "%s: retried (nothing was sent), then a LuccaConnectionError that says so",
    async (kind) => {
      const { lucca, lines } = faultClient(`http://127.0.0.1:${await freeLoopbackPort()}`);
      const call =
        kind === "post"
          ? lucca.POST(reject, { params: { path: { id: 1 } }, body: { reason: "s" } })
          : lucca.raw("GET", "/cleemy-procurement/api/things/1");
      const error = await call.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LuccaConnectionError);
      const connection = error as LuccaConnectionError;
      expect(connection.attempts).toBe(3);
      expect(connection.mayHaveReachedServer).toBe(false);
      expect(connection.message).toMatch(
        /connection failed \(ECONNREFUSED\) \(attempt 3\/3\)\. Gave up after 3 attempts/,
      );
      // The server received nothing (there is none); the attempts show in the log, one line each.
      expect(lines.map((l) => l.level)).toEqual(["warn", "warn", "error"]);
      expectNoKey(error, ...lines);
    },
  );
});

describe("retry settings", () => {
  const always500 = () =>
    startTestServer((_request, res) => send(res, 500, "boom", { "Content-Type": "text/plain" }));

  it("gives up after maxRetries (default 2) on an idempotent request, saying so", async () => {
    server = await always500();
    const { lucca } = faultClient(server.url);
    const { error } = await lucca.raw("PUT", "/cleemy-procurement/api/things/1", {
      body: { a: 1 },
    });
    expect(error).toBeInstanceOf(LuccaApiError);
    expect(error?.attempts).toBe(3);
    expect(error?.message).toBe(
      `PUT ${server.url}/cleemy-procurement/api/things/1 failed: HTTP 500 (server): boom. Gave up after 3 attempts.`,
    );
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.body))).toEqual(new Set(['{"a":1}']));
  });

  it("takes maxRetries per client and per call; 0 turns retries off", async () => {
    server = await always500();
    const { lucca } = faultClient(server.url, { maxRetries: 1 });
    await lucca.raw("GET", "/x");
    expect(server.requests).toHaveLength(2);
    await lucca.raw("GET", "/x", { maxRetries: 0 });
    expect(server.requests).toHaveLength(3);
    await lucca.raw("GET", "/x", { maxRetries: 3 });
    expect(server.requests).toHaveLength(7);
  });

  it("takes timeoutMs per call", async () => {
    server = await startTestServer(() => {});
    const { lucca } = faultClient(server.url, { timeoutMs: 10_000, maxRetries: 0 });
    const started = performance.now();
    const error = await lucca.raw("GET", "/x", { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuccaConnectionError);
    expect((error as Error).name).toBe("LuccaTimeoutError");
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it.each([
    [{ maxRetries: -1 }, "maxRetries"],
    [{ maxRetries: 1.5 }, "maxRetries"],
    [{ maxRetries: 11 }, "maxRetries"],
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ timeoutMs: Number.NaN }, "timeoutMs"],
    [{ rateLimit: { requests: 0, perMs: 1000 } }, "rateLimit.requests"],
    [{ rateLimit: { requests: 5, perMs: -1 } }, "rateLimit.perMs"],
    [{ retry: { initialDelayMs: -5 } }, "retry.initialDelayMs"],
  ])("refuses %o at creation", (options, option) => {
    expect(() => faultClient("http://127.0.0.1:9", options)).toThrow(LuccaConfigError);
    try {
      faultClient("http://127.0.0.1:9", options);
    } catch (error) {
      expect((error as LuccaConfigError).option).toBe(option);
    }
  });

  it("refuses a bad per-call maxRetries before sending", async () => {
    server = await always500();
    const { lucca } = faultClient(server.url);
    await expect(lucca.raw("GET", "/x", { maxRetries: -2 })).rejects.toThrow(LuccaConfigError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("cancellation", () => {
  it("an abort during a request is a LuccaAbortError and is never retried", async () => {
    server = await startTestServer(() => {});
    const { lucca } = faultClient(server.url);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await lucca
      .raw("GET", "/x", { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuccaAbortError);
    expect(server.requests).toHaveLength(1);
    expectNoKey(error);
  });

  it("an abort during the backoff wait stops the retries", async () => {
    server = await startTestServer((_r, res) => send(res, 503, "", { "Retry-After": "30" }));
    const { lucca } = faultClient(server.url);
    const controller = new AbortController();
    const call = lucca.raw("GET", "/x", { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(LuccaAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it("an aborted signal sends nothing", async () => {
    server = await startTestServer((_r, res) => send(res, 200, "{}"));
    const { lucca } = faultClient(server.url);
    await expect(
      lucca.POST(reject, {
        params: { path: { id: 1 } },
        body: { reason: "s" },
        signal: AbortSignal.abort(),
      }),
    ).rejects.toBeInstanceOf(LuccaAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it("a call waiting for the rate limiter can be aborted, and leaves the queue", async () => {
    server = await startTestServer((_r, res) => send(res, 200, "{}"));
    const { lucca } = faultClient(server.url, { rateLimit: { requests: 1, perMs: 60_000 } });
    await lucca.raw("GET", "/first");
    const controller = new AbortController();
    const waiting = lucca.raw("GET", "/second", { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(LuccaAbortError);
    expect(server.requests.map((r) => r.url)).toEqual(["/first"]);
  });

  it("leaves no timer behind once calls settle", async () => {
    server = await startTestServer((request, res) => {
      if (request.url === "/hang") return;
      send(res, 200, "{}");
    });
    const { lucca } = faultClient(server.url, { timeoutMs: 5_000 });
    const before = timers();
    await lucca.raw("GET", "/ok");
    await lucca.raw("GET", "/ok", { signal: new AbortController().signal });
    const controller = new AbortController();
    const hanging = lucca.raw("GET", "/hang", { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await hanging.catch(() => undefined);
    // A leaked attempt timer (5 s) per call would add three; undici's own timer may come or go.
    expect(timers()).toBeLessThanOrEqual(before);
  });
});

describe("logs", () => {
  it("one line per attempt: method, URL, status, attempt, duration, and why it retried or not", async () => {
    let seen = 0;
    server = await startTestServer((_r, res) =>
      ++seen === 1 ? send(res, 503, "") : send(res, 500, "no"),
    );
    const { lucca, lines } = faultClient(server.url, { maxRetries: 1 });
    await lucca.raw("DELETE", "/cleemy-procurement/api/things/3");
    await lucca.POST(reject, { params: { path: { id: 3 } }, body: { reason: "s" } });
    expect(lines.map((l) => l.level)).toEqual(["warn", "error", "error"]);
    const [retry, gaveUp, post] = lines;
    expect(retry!.message).toMatch(
      /^lucca: DELETE http:\/\/127\.0\.0\.1:\d+\/cleemy-procurement\/api\/things\/3 -> HTTP 503 \(attempt 1\/2, \d+ ms\); retrying in \d+ ms$/,
    );
    expect(retry!.fields).toMatchObject({
      method: "DELETE",
      status: 503,
      attempt: 1,
      maxAttempts: 2,
    });
    expect(gaveUp!.message).toMatch(/HTTP 500 \(attempt 2\/2, \d+ ms\): Gave up after 2 attempts/);
    expect(post!.message).toMatch(/POST .* -> HTTP 500 \(attempt 1\/2, \d+ ms\): Not retried/);
    expectNoKey(...lines);
  });

  it("works without a logger", async () => {
    server = await startTestServer((_r, res) => send(res, 200, "{}"));
    const { lucca } = faultClient(server.url, { logger: undefined });
    const { data } = await lucca.raw("GET", "/x");
    expect(data).toEqual({});
  });
});
