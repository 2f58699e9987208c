import { afterAll, expect, it } from "vitest";
import { startRateLimitedServer } from "../support/rate-limited-server.js";
import { faultClient } from "../support/fault-harness.js";

const server = await startRateLimitedServer(30, 1000);
afterAll(() => server.close());

it("300 concurrent confirmations with the limiter off: all succeed through 429 retries, each id once", async () => {
  // 300 at 30/s is ten windows: the last ones need nine retries.
  const { lucca } = faultClient(server.url, { rateLimit: false, maxRetries: 10 });
  const ids = Array.from({ length: 300 }, (_, i) => 5000 + i);
  const results = await Promise.all(
    ids.map((id) =>
      lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
        params: { path: { id } },
        body: { strategy: "default" },
      }),
    ),
  );
  expect(results.filter((r) => r.response.status === 201)).toHaveLength(300);
  expect(server.tooMany()).toBeGreaterThan(0);
  expect(server.requests).toHaveLength(300 + server.tooMany());
  expect(server.confirmedIds.size).toBe(300);
  expect([...server.confirmedIds.values()].every((n) => n === 1)).toBe(true);
}, 60_000);
