import { afterAll, expect, it } from "vitest";
import { startRateLimitedServer } from "../support/rate-limited-server.js";
import { expectNoKey, faultClient, reject } from "../support/fault-harness.js";

// Lucca's rule in small and fast: 50 per rolling 250 ms, so 100 calls span two windows.
const server = await startRateLimitedServer(50, 250);
afterAll(() => server.close());

it("100 concurrent rejections with the limiter at the server's rate: no 429, each id once", async () => {
  // Two clients for the same host share one budget, as two integrations of one app would.
  const limit = { rateLimit: { requests: 50, perMs: 250 } };
  const clients = [faultClient(server.url, limit), faultClient(server.url, limit)];
  const ids = Array.from({ length: 100 }, (_, i) => 1000 + i);
  const results = await Promise.all(
    ids.map((id) =>
      clients[id % 2]!.lucca.POST(reject, {
        params: { path: { id } },
        body: { reason: "duplicate" },
      }),
    ),
  );
  expect(results.map((r) => r.response.status)).toEqual(ids.map(() => 201));
  expect(results.map((r) => r.data?.id)).toEqual(ids);
  expect(server.tooMany()).toBe(0);
  expect(server.requests).toHaveLength(100);
  expect([...server.confirmedIds.values()].every((n) => n === 1)).toBe(true);
  expect(server.confirmedIds.size).toBe(100);
  // The limiter did hold calls back: the second 50 arrived a window after the first.
  const arrivals = server.arrivals.map((a) => a.at).sort((a, b) => a - b);
  expect(arrivals[50]! - arrivals[0]!).toBeGreaterThanOrEqual(250);
  expectNoKey(results, ...clients.flatMap((c) => c.lines));
}, 30_000);
