import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { faultClient, send } from "../support/fault-harness.js";
import { startTestServer, type TestServer } from "../support/http-server.js";

/**
 * The waits between attempts, on fake timers (only setTimeout, clearTimeout and Date are faked:
 * the sockets and setImmediate stay real), against a real node:http server.
 */

let server: TestServer | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(Date.parse("2026-12-01T09:00:00Z"));
});
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** Turns of the event loop until `done()` holds (at most 1 000; setImmediate is not faked). */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000 && !done(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(done()).toBe(true);
}

/** Lets sockets and promises run for a while, without moving the fake clock. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
}

describe("Retry-After is honoured exactly", () => {
  it.each([
    ["delta-seconds", () => "3", 3_000],
    ["an HTTP date", () => new Date(Date.now() + 5_000).toUTCString(), 5_000],
  ])("as %s", async (_form, retryAfter, waitMs) => {
    server = await startTestServer((_request, res) =>
      server!.requests.length === 1
        ? send(res, 503, "", { "Retry-After": retryAfter() })
        : send(res, 200, "{}"),
    );
    const { lucca, lines } = faultClient(server.url, { maxRetries: 1 });
    const call = lucca.raw("GET", "/x");
    await until(() => lines.length === 1);
    expect(lines[0]!.fields?.retryInMs).toBe(waitMs);
    vi.advanceTimersByTime(waitMs - 1);
    await settle();
    expect(server.requests).toHaveLength(1);
    vi.advanceTimersByTime(1);
    await until(() => server!.requests.length === 2);
    const { data, response } = await call;
    expect(response.status).toBe(200);
    expect(data).toEqual({});
  });
});

describe("backoff without Retry-After", () => {
  it("with random fixed at 0.5: 438, 875, 1750, 3500, then capped at 7000 ms (8000 less 12.5 %)", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    server = await startTestServer((_request, res) => send(res, 503, ""));
    // The client's default timing: 500 ms doubling, up to 8 000 ms.
    const { lucca, lines } = faultClient(server.url, { maxRetries: 5, retry: {} });
    const call = lucca.raw("GET", "/x");
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      await until(() => lines.length === attempt);
      const wait = lines[attempt - 1]!.fields!.retryInMs!;
      waits.push(wait);
      vi.advanceTimersByTime(wait - 1);
      await settle();
      expect(server.requests).toHaveLength(attempt);
      vi.advanceTimersByTime(1);
      await until(() => server!.requests.length === attempt + 1);
    }
    expect(waits).toEqual([438, 875, 1_750, 3_500, 7_000]);
    const { error } = await call;
    expect(error!.status).toBe(503);
    expect(error!.attempts).toBe(6);
    expect(lines.map((line) => line.level)).toEqual([
      "warn",
      "warn",
      "warn",
      "warn",
      "warn",
      "error",
    ]);
  });
});
