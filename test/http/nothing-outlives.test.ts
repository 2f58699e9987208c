import { createHook } from "node:async_hooks";
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { LuccaAbortError, LuccaTimeoutError } from "../../src/index.js";
import { faultClient, send } from "../support/fault-harness.js";
import { startTestServer, type TestServer } from "../support/http-server.js";

/** Nothing outlives a call: no timer, abort listener or socket, counted, not timed. */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Active resources of a kind: `Timeout` (ref'd timers), `TCPSocketWrap` (sockets). */
const active = (kind: string): number =>
  process.getActiveResourcesInfo().filter((resource) => resource === kind).length;

// vitest's runner arms ref'd timers of its own (it throttles its reports to 100 ms): those live
// timers are known by where they were made, and taken out of the count.
const runnerTimers = new Map<number, NodeJS.Timeout>();
createHook({
  init(id, type, _trigger, resource) {
    if (type === "Timeout" && new Error().stack?.includes("@vitest/runner")) {
      runnerTimers.set(id, resource as NodeJS.Timeout);
    }
  },
  destroy(id) {
    runnerTimers.delete(id);
  },
}).enable();
// A timer's destroy hook may come a turn after it fired or was cleared; Node marks it at once.
const isLive = (timer: NodeJS.Timeout): boolean =>
  timer.hasRef() && !(timer as unknown as { _destroyed: boolean })._destroyed;
/** The process's ref'd timers, less vitest's own. */
const timerCount = (): number =>
  active("Timeout") - [...runnerTimers.values()].filter(isLive).length;
const listeners = (signal: AbortSignal): number => getEventListeners(signal, "abort").length;

/** Turns of the event loop until `done()` holds (at most 1 000, no timer of its own). */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000 && !done(); turn++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(done()).toBe(true);
}

describe("nothing outlives a call", () => {
  it("an abort while queued for the limiter disarms its timer and drops its listener", async () => {
    server = await startTestServer((_request, res) => send(res, 200, "{}"));
    const { lucca } = faultClient(server.url, {
      rateLimit: { requests: 1, perMs: 60_000 },
      maxRetries: 0,
    });
    await lucca.raw("GET", "/first");
    const timers = timerCount();
    const controller = new AbortController();
    const waiting = lucca.raw("GET", "/second", { signal: controller.signal });
    // Queued: the limiter's timer for the slot's release, and one listener on the signal.
    await until(() => timerCount() === timers + 1);
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(LuccaAbortError);
    expect(timerCount()).toBe(timers);
    expect(listeners(controller.signal)).toBe(0);
    expect(server.requests.map((r) => r.url)).toEqual(["/first"]);
  });

  it("an abort during a backoff sleep clears the sleep's timer and listener", async () => {
    server = await startTestServer((_request, res) => send(res, 503, "", { "Retry-After": "30" }));
    const { lucca, lines } = faultClient(server.url, { maxRetries: 1 });
    const timers = timerCount();
    const controller = new AbortController();
    const call = lucca.raw("GET", "/x", { signal: controller.signal });
    // The retry's log line is written just before the sleep starts.
    await until(() => lines.length === 1);
    expect(lines[0]!.fields?.retryInMs).toBe(30_000);
    expect(timerCount()).toBe(timers + 1);
    expect(listeners(controller.signal)).toBe(1);
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(LuccaAbortError);
    expect(timerCount()).toBe(timers);
    expect(listeners(controller.signal)).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it("a stream body read to its end leaves no listener on the caller's signal, nor a timer", async () => {
    server = await startTestServer((_request, res) => {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.write("first part, ");
      res.end("last part");
    });
    const { lucca } = faultClient(server.url);
    const timers = timerCount();
    const controller = new AbortController();
    const { data } = await lucca.raw("GET", "/download", {
      parseAs: "stream",
      signal: controller.signal,
    });
    // Until it is read, the caller's signal can still cancel the body.
    expect(listeners(controller.signal)).toBe(1);
    const text = await new Response(data as ReadableStream<Uint8Array>).text();
    expect(text).toBe("first part, last part");
    expect(listeners(controller.signal)).toBe(0);
    expect(timerCount()).toBe(timers);
  });

  it("a timeout clears its timer, its listener and its socket", async () => {
    let closed = false;
    server = await startTestServer((_request, _res, req) => {
      req.socket.once("close", () => {
        closed = true;
      });
    });
    const { lucca } = faultClient(server.url, { maxRetries: 0, timeoutMs: 50 });
    const timers = timerCount();
    const sockets = active("TCPSocketWrap");
    const controller = new AbortController();
    const error = await lucca
      .raw("GET", "/hang", { signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LuccaTimeoutError);
    expect(timerCount()).toBe(timers);
    expect(listeners(controller.signal)).toBe(0);
    // The server saw the client close the connection (it never closes one itself), and both ends
    // are gone: no more sockets than before the call (an earlier test's may close meanwhile).
    await until(() => closed && active("TCPSocketWrap") <= sockets);
  });
});
