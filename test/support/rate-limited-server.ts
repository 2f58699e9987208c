import { startTestServer, type TestServer } from "./http-server.js";
import { rollingLimit } from "./rate-rule.js";

export interface RateLimitedServer extends TestServer {
  /** Confirmations answered 201, per invoice id. */
  confirmedIds: Map<number, number>;
  /** 429 answers sent. */
  tooMany: () => number;
}

/**
 * Lucca's rule in small: at most `requests` accepted in any rolling `perMs`, 429 with Retry-After
 * (whole seconds until a slot frees) beyond. Confirms invoices with a spec-shaped body.
 */
export async function startRateLimitedServer(
  requests: number,
  perMs: number,
): Promise<RateLimitedServer> {
  const limit = rollingLimit(requests, perMs);
  const confirmedIds = new Map<number, number>();
  let tooMany = 0;
  const server = await startTestServer((request, res) => {
    const retryAfter = limit(performance.now());
    if (retryAfter !== undefined) {
      tooMany++;
      res.writeHead(429, {
        "Content-Type": "application/problem+json",
        "Retry-After": String(retryAfter),
      });
      res.end(JSON.stringify({ title: "Too Many Requests", status: 429 }));
      return;
    }
    const id = Number(/\/invoices\/(-?\d+)\/confirmations$/.exec(request.url)?.[1]);
    confirmedIds.set(id, (confirmedIds.get(id) ?? 0) + 1);
    res.writeHead(201, { "Content-Type": "application/json" });
    res.end(
      JSON.stringify({
        id,
        strategy: "default",
        createdAt: new Date().toISOString(),
        author: { id: 1 },
      }),
    );
  });
  return { ...server, confirmedIds, tooMany: () => tooMany };
}
