import { afterAll, expect, it } from "vitest";
import { startRateLimitedServer } from "../support/rate-limited-server.js";
import { faultClient, reject } from "../support/fault-harness.js";

// 50 per rolling second: 100 calls need two windows, and a 429's Retry-After (whole seconds)
// says 1 s, so the retries land in the second. A shorter window would not make it faster.
const server = await startRateLimitedServer(50, 1000);
afterAll(() => server.close());

it("100 concurrent rejections with the limiter off: all succeed through 429 retries, each id once", async () => {
  const { lucca } = faultClient(server.url, { rateLimit: false, maxRetries: 3 });
  const ids = Array.from({ length: 100 }, (_, i) => 5000 + i);
  const results = await Promise.all(
    ids.map((id) =>
      lucca.POST(reject, {
        params: { path: { id } },
        body: { reason: "duplicate" },
      }),
    ),
  );
  expect(results.map((r) => r.response.status)).toEqual(ids.map(() => 201));
  expect(results.map((r) => r.data?.id)).toEqual(ids);
  // The server refused some (at most 50 fit a window), and each refusal was retried.
  expect(server.tooMany()).toBeGreaterThan(0);
  expect(server.requests).toHaveLength(100 + server.tooMany());
  expect(server.confirmedIds.size).toBe(100);
  expect([...server.confirmedIds.values()].every((n) => n === 1)).toBe(true);
}, 30_000);
