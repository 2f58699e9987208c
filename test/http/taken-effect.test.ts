import { afterEach, describe, expect, it } from "vitest";
import { LuccaConnectionError, LuccaTimeoutError } from "../../src/index.js";
import { faultClient, send } from "../support/fault-harness.js";
import { freeLoopbackPort, startTestServer, type TestServer } from "../support/http-server.js";

/** `mayHaveTakenEffect` on every API error and every thrown connection or timeout error. */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const path = "/cleemy-procurement/api/things/5";

describe("an answered request: mayHaveTakenEffect on the LuccaApiError", () => {
  // [method, statuses answered in turn, maxRetries, expected]
  const rows: [string, number[], number, boolean][] = [
    ["POST", [500], 0, true],
    ["POST", [503], 0, true],
    ["POST", [408], 0, true],
    ["PATCH", [502], 0, true],
    ["PUT", [500], 0, true],
    ["DELETE", [504], 0, true],
    ["POST", [302], 0, true],
    ["POST", [400], 0, false],
    ["POST", [401], 0, false],
    ["POST", [404], 0, false],
    ["POST", [409], 0, false],
    ["POST", [422], 0, false],
    ["POST", [429], 0, false],
    ["PATCH", [403], 0, false],
    ["PUT", [404], 0, false],
    ["GET", [500], 0, false],
    ["GET", [408], 0, false],
    ["HEAD", [503], 0, false],
    // Over retries, an earlier attempt's effect stays.
    ["PUT", [503, 404], 1, true],
    ["DELETE", [408, 409], 1, true],
    ["POST", [429, 400], 1, false],
    ["GET", [503, 404], 1, false],
  ];
  it.each(rows)(
    "%s answered %j (maxRetries %i): %s",
    async (method, statuses, maxRetries, expected) => {
      const queue = [...statuses];
      server = await startTestServer((_request, res) =>
        send(res, queue.shift() ?? 500, "", { Location: "/elsewhere" }),
      );
      const { lucca } = faultClient(server.url, { maxRetries });
      const { error } = await lucca.raw(method, path, { redirect: "manual" });
      expect(error!.status).toBe(statuses.at(-1));
      expect(error!.attempts).toBe(statuses.length);
      expect(error!.mayHaveTakenEffect).toBe(expected);
    },
  );

  it("a 2xx whose body is not JSON took effect (POST), changed nothing (GET)", async () => {
    server = await startTestServer((_request, res) =>
      send(res, 200, "not json", { "Content-Type": "application/json" }),
    );
    const { lucca } = faultClient(server.url);
    const post = await lucca.raw("POST", path, { body: {} });
    expect(post.error!.kind).toBe("invalid_response");
    expect(post.error!.mayHaveTakenEffect).toBe(true);
    const get = await lucca.raw("GET", path);
    expect(get.error!.kind).toBe("invalid_response");
    expect(get.error!.mayHaveTakenEffect).toBe(false);
  });

  it("a middleware's own answer: its status alone tells", async () => {
    const { lucca } = faultClient("http://127.0.0.1:9");
    lucca.use({ onRequest: () => new Response("", { status: 502 }) });
    const { error } = await lucca.raw("POST", path, { body: {} });
    expect(error!.status).toBe(502);
    expect(error!.attempts).toBe(0);
    expect(error!.mayHaveTakenEffect).toBe(true);
  });
});

describe("no answer: mayHaveTakenEffect and mayHaveReachedServer on the thrown error", () => {
  const resetting = async (): Promise<string> => {
    server = await startTestServer((_request, res) => res.socket?.destroy());
    return server.url;
  };
  const hanging = async (): Promise<string> => {
    server = await startTestServer(() => {});
    return server.url;
  };
  const refused = async (): Promise<string> => `http://127.0.0.1:${await freeLoopbackPort()}`;

  // [method, where, error class, mayHaveReachedServer, mayHaveTakenEffect]
  const rows: [
    string,
    string,
    () => Promise<string>,
    typeof LuccaConnectionError,
    boolean,
    boolean,
  ][] = [
    ["POST", "reset after the request", resetting, LuccaConnectionError, true, true],
    ["PATCH", "reset after the request", resetting, LuccaConnectionError, true, true],
    ["PUT", "reset after the request", resetting, LuccaConnectionError, true, true],
    ["GET", "reset after the request", resetting, LuccaConnectionError, true, false],
    ["POST", "refused", refused, LuccaConnectionError, false, false],
    ["DELETE", "refused", refused, LuccaConnectionError, false, false],
    ["POST", "timed out", hanging, LuccaTimeoutError, true, true],
    ["GET", "timed out", hanging, LuccaTimeoutError, true, false],
  ];
  it.each(rows)("%s %s", async (method, _where, target, errorClass, reached, tookEffect) => {
    const { lucca } = faultClient(await target(), { maxRetries: 0, timeoutMs: 100 });
    const error = (await lucca
      .raw(method, path, method === "GET" ? {} : { body: {} })
      .catch((e: unknown) => e)) as LuccaConnectionError;
    expect(error).toBeInstanceOf(errorClass);
    expect(error.name).toBe(errorClass.name);
    expect(error.mayHaveReachedServer).toBe(reached);
    expect(error.mayHaveTakenEffect).toBe(tookEffect);
  });

  it("a PUT that reached the server, then was refused on its retry: both flags stay true", async () => {
    server = await startTestServer(async (_request, res) => {
      res.socket?.destroy();
      // The retry finds nothing listening.
      await server?.close();
    });
    const { lucca } = faultClient(server.url, { maxRetries: 1 });
    const error = (await lucca
      .raw("PUT", path, { body: {} })
      .catch((e: unknown) => e)) as LuccaConnectionError;
    expect(error.attempts).toBe(2);
    expect(error.message).toContain("connection failed (ECONNREFUSED) (attempt 2/2)");
    expect(error.mayHaveReachedServer).toBe(true);
    expect(error.mayHaveTakenEffect).toBe(true);
  });
});
