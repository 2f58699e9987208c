import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  LuccaApiError,
  LuccaConnectionError,
  LuccaTimeoutError,
  type AttemptLog,
  type LuccaLogger,
} from "../../src/index.js";
import { LuccaMockError, startLuccaMock, type LuccaMock } from "../../src/testing.js";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { runningProcesses } from "../support/processes.js";
import { at, fixtureSpecPath, LIST, REJECT } from "./fixture-spec.js";

let mock: LuccaMock;
beforeAll(async () => {
  mock = await startLuccaMock({ spec: fixtureSpecPath });
});
afterAll(async () => {
  await mock?.stop();
});
beforeEach(() => mock.reset());

/** Every attempt the client logs, warn/error/debug alike. */
function recordingLogger(): { logger: LuccaLogger; lines: AttemptLog[] } {
  const lines: AttemptLog[] = [];
  const keep = (_message: string, fields?: AttemptLog): void => {
    if (fields) lines.push(fields);
  };
  return { logger: { debug: keep, warn: keep, error: keep }, lines };
}

const reject = (id: number, body: unknown = { reason: "duplicate" }) =>
  mock.client().raw("POST", `${at}/invoices/{id}/rejections`, {
    params: { path: { id } },
    body,
  });

describe("startLuccaMock on a fixture spec", () => {
  it("answers from Prism and records the request as sent", async () => {
    const result = await reject(43);
    expect(result.response.status).toBe(201);
    expect(mock.requests).toHaveLength(1);
    const [seen] = mock.requests;
    expect(seen).toMatchObject({
      method: "POST",
      path: `${at}/invoices/43/rejections`,
      query: {},
      body: { reason: "duplicate" },
      status: 201,
      violations: [],
    });
    expect(seen?.headers["content-type"]).toBe("application/json");
    expect(seen?.headers.authorization).toBe("lucca application=<redacted>");
  });

  it("records the query as an object, a repeated name as its values in order", async () => {
    const result = await mock.client().raw("GET", `${at}/invoices`, {
      params: { query: { limit: 10, page: 2 } },
      querySerializer: { array: { style: "form", explode: true } },
    });
    expect(result.response.status).toBe(200);
    await fetch(`${mock.baseUrl}${at}/invoices?page=1&page=2&fields.root=count`, {
      headers: { Authorization: "lucca application=x" },
    });
    expect(mock.requests.map((r) => r.query)).toEqual([
      { limit: "10", page: "2" },
      { page: ["1", "2"], "fields.root": "count" },
    ]);
  });

  it("forces a 429, then the client waits for Retry-After and succeeds: 2 requests", async () => {
    mock.override(REJECT, { status: 429, headers: { "Retry-After": "1" } });
    const { logger, lines } = recordingLogger();
    const started = performance.now();
    const result = await mock.client({ logger }).raw("POST", `${at}/invoices/{id}/rejections`, {
      params: { path: { id: 43 } },
      body: { reason: "duplicate" },
    });
    expect(result.response.status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(lines.map((l) => [l.status, l.retryInMs])).toEqual([
      [429, 1000],
      [201, undefined],
    ]);
    expect(mock.requests.map((r) => r.status)).toEqual([429, 201]);
  });

  it("forces a 503 on a POST: a problem+json error, 1 request, not resent", async () => {
    mock.override(REJECT, { status: 503 });
    const result = await reject(43);
    expect(result.error).toBeInstanceOf(LuccaApiError);
    expect(result.error).toMatchObject({ status: 503, kind: "server", attempts: 1 });
    expect(result.error?.problem).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
      detail: `Forced by the Lucca mock: override of ${REJECT}`,
    });
    expect(result.response.headers.get("content-type")).toBe("application/problem+json");
    expect(mock.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", `${at}/invoices/43/rejections`, 503],
    ]);
  });

  it("forces a success with a JSON body of its own", async () => {
    mock.override(REJECT, { status: 201, body: { id: 7 } });
    const result = await reject(43);
    expect(result.data).toEqual({ id: 7 });
    expect(result.response.headers.get("content-type")).toBe("application/json");
  });

  it("sends a given body and headers as they are", async () => {
    mock.override(REJECT, {
      status: 409,
      headers: { "X-Request-Id": "req-1" },
      body: { title: "Already rejected", status: 409 },
    });
    const result = await reject(43);
    expect(result.error).toMatchObject({ status: 409, kind: "conflict", requestId: "req-1" });
    expect(result.error?.problem).toEqual({ title: "Already rejected", status: 409 });
  });

  it("drops the answer after Prism got the request: a connection error, 1 request 'dropped'", async () => {
    mock.override(REJECT, { drop: "after-request" });
    // A body Prism refuses: its violation in the record proves Prism got the request.
    const error = await reject(43, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuccaConnectionError);
    expect(error).toMatchObject({ attempts: 1, mayHaveReachedServer: true });
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.status).toBe("dropped");
    expect(mock.requests[0]?.violations.map((v) => v.message)).toEqual([
      "Request body must have required property 'reason'",
    ]);
  });

  it("holds the answer past the client's timeoutMs: a timeout error, 1 request", async () => {
    mock.override(REJECT, { delayMs: 1_000 });
    const error = await mock
      .client({ timeoutMs: 200 })
      .raw("POST", `${at}/invoices/{id}/rejections`, {
        params: { path: { id: 43 } },
        body: { reason: "slow" },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuccaTimeoutError);
    expect(error).toMatchObject({ attempts: 1 });
    expect(mock.requests.map((r) => r.status)).toEqual([201]);
  });

  it("holds the answer delayMs, then sends Prism's", async () => {
    mock.override(REJECT, { delayMs: 300 });
    const started = performance.now();
    const result = await reject(43);
    expect(result.response.status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  it("answers `times` matching calls, then Prism again; other paths are untouched", async () => {
    mock.override(LIST, { status: 503 }, { times: 2 });
    expect((await reject(43)).response.status).toBe(201);
    // A GET is retried after a 503: two forced, the third from Prism.
    const result = await mock.client().raw("GET", `${at}/invoices`);
    expect(result.response.status).toBe(200);
    const again = await mock.client().raw("GET", `${at}/invoices`);
    expect(again.response.status).toBe(200);
    expect(mock.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      "POST 201",
      "GET 503",
      "GET 503",
      "GET 200",
      "GET 200",
    ]);
  });

  it("matches a template parameter to one path segment only", async () => {
    mock.override(REJECT, { status: 500 }, { times: 5 });
    const extra = await mock.client().raw("POST", `${at}/invoices/43/rejections/extra`, {
      body: { reason: "x" },
    });
    expect(extra.response.status).toBe(404);
    expect((await reject(7)).response.status).toBe(500);
  });

  it("reset() clears the overrides and the requests", async () => {
    mock.override(REJECT, { status: 503 }, { times: 3 });
    await reject(43);
    expect(mock.requests).toHaveLength(1);
    mock.reset();
    expect(mock.requests).toEqual([]);
    expect((await reject(43)).response.status).toBe(201);
    expect(mock.requests.map((r) => r.status)).toEqual([201]);
  });

  it("records Prism's violations for a request that breaks the spec", async () => {
    const result = await reject(43, { note: "no reason" });
    expect(result.response.status).toBe(422);
    expect(mock.requests[0]?.violations).toEqual([
      {
        location: ["body"],
        severity: "Error",
        code: "required",
        message: "Request body must have required property 'reason'",
      },
    ]);
  });

  it("never holds the key in mock.requests", async () => {
    const apiKey = "s3cr3t-mock-key-7f2a91";
    const result = await mock.client({ apiKey }).raw("POST", `${at}/invoices/{id}/rejections`, {
      params: { path: { id: 43 } },
      body: { reason: "duplicate" },
    });
    expect(result.response.status).toBe(201);
    const text = JSON.stringify(mock.requests);
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain("s3cr3t");
    expect(mock.requests[0]?.headers.authorization).toBe("lucca application=<redacted>");
  });

  it("refuses an override for an operation the spec does not have, listing those it has", () => {
    // Every operation of the fixture spec, read here as the mock should: sorted by path.
    const { paths } = parse(readFileSync(fixtureSpecPath, "utf8")) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    const operations = Object.keys(paths)
      .sort()
      .flatMap((path) =>
        methods.filter((m) => m in paths[path]!).map((m) => `${m.toUpperCase()} ${path}`),
      );
    expect(operations).toContain(LIST);
    expect(operations).toContain(REJECT);
    expect(() => mock.override(`POST ${at}/invoices/{id}/confirmations`, { status: 500 })).toThrow(
      new LuccaMockError(
        `No operation "POST ${at}/invoices/{id}/confirmations" in the mock's spec: expected "METHOD /path/{template}", one of: ${operations.join(", ")}.`,
      ),
    );
  });

  it("refuses an answer it cannot give, saying what is accepted", () => {
    expect(() => mock.override(REJECT, { status: 99 })).toThrow(
      `Invalid status 99 for ${REJECT}: expected an integer from 200 to 599.`,
    );
    expect(() => mock.override(REJECT, { drop: "before" as "after-request" })).toThrow(
      `Invalid drop "before" for ${REJECT}: expected "after-request".`,
    );
    expect(() => mock.override(REJECT, { delayMs: -1 })).toThrow(
      `Invalid delayMs -1 for ${REJECT}: expected a number of ms, 0 or more.`,
    );
    expect(() => mock.override(REJECT, { status: 500 }, { times: 0 })).toThrow(
      `Invalid times 0 for ${REJECT}: expected a whole number from 1.`,
    );
    expect(() => mock.override(REJECT, {} as { status: number })).toThrow(
      `Invalid answer for ${REJECT}: expected { status, headers?, body? }, { drop: "after-request" } or { delayMs }.`,
    );
  });
});

// Last in this file: it stops the file's mock (a Prism of its own would cost 3 s of CPU).
describe("mock.stop()", () => {
  it("stops the Prism it started and frees the port", async () => {
    const pids = prismChildren();
    expect(pids).toHaveLength(1);
    const port = Number(new URL(mock.baseUrl).port);
    expect(mock.baseUrl).toBe(`http://127.0.0.1:${port}`);
    expect(await portIsFree(port)).toBe(false);

    // A kept-alive connection must not hold stop() up.
    const answer = await fetch(`${mock.baseUrl}/no-such-path`);
    expect(answer.status).toBe(404);
    expect(mock.requests.map((r) => [r.path, r.status])).toEqual([["/no-such-path", 404]]);

    await mock.stop();
    expect(pids.filter(isRunning)).toEqual([]);
    expect(prismChildren()).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
    // A second stop() is the same promise's outcome, not an error.
    await expect(mock.stop()).resolves.toBeUndefined();
  });
});

/** The pids of this test process's children running Prism's CLI. */
function prismChildren(): number[] {
  return runningProcesses()
    .filter(({ ppid, args }) => ppid === process.pid && args.includes("prism-cli"))
    .map(({ pid }) => pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a new server can listen on this loopback port. */
function portIsFree(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
