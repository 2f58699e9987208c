import { afterAll, expect, it } from "vitest";
import { startRateLimitedServer } from "../support/rate-limited-server.js";
import { expectNoKey, faultClient } from "../support/fault-harness.js";

const server = await startRateLimitedServer(30, 1000);
afterAll(() => server.close());

it("300 concurrent confirmations with the limiter at the server's rate: no 429, each id once", async () => {
  // Two clients for the same host share one budget, as two integrations of one app would.
  const limit = { rateLimit: { requests: 30, perMs: 1000 } };
  const clients = [faultClient(server.url, limit), faultClient(server.url, limit)];
  const ids = Array.from({ length: 300 }, (_, i) => 1000 + i);
  const results = await Promise.all(
    ids.map((id) =>
      clients[id % 2]!.lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
        params: { path: { id } },
        body: { strategy: "default" },
      }),
    ),
  );
  expect(results.filter((r) => r.response.status === 201)).toHaveLength(300);
  expect(results.map((r) => r.data?.id)).toEqual(ids);
  expect(server.tooMany()).toBe(0);
  expect(server.requests).toHaveLength(300);
  expect([...server.confirmedIds.values()].every((n) => n === 1)).toBe(true);
  expect(server.confirmedIds.size).toBe(300);
  expectNoKey(results, ...clients.flatMap((c) => c.lines));
}, 60_000);
