import { startTestServer, type TestServer } from "./http-server.js";
import { rollingLimit } from "./rate-rule.js";

export interface RateLimitedServer extends TestServer {
  /** Every request, in order of arrival (ms since the epoch, comparable across processes). */
  arrivals: { id: number; at: number; status: number }[];
  /** Creations (a POST to `.../{id}/<anything>`) answered 201, per path id. */
  confirmedIds: Map<number, number>;
  /** 429 answers sent. */
  tooMany: () => number;
  /** Ids the server confirms but never answers (their requests stay in flight). */
  hang: Set<number>;
}

/**
 * Lucca's rule in small, counted at arrival: at most `requests` accepted in any rolling `perMs`,
 * 429 with Retry-After (whole seconds until a slot frees) beyond. Confirms invoices with a
 * spec-shaped body and records each id.
 */
export async function startRateLimitedServer(
  requests: number,
  perMs: number,
): Promise<RateLimitedServer> {
  const limit = rollingLimit(requests, perMs);
  const arrivals: RateLimitedServer["arrivals"] = [];
  const confirmedIds = new Map<number, number>();
  const hang = new Set<number>();
  const server = await startTestServer((request, res) => {
    const at = performance.timeOrigin + performance.now();
    // Any `.../{id}/<action>` path: the vendor's operations and the fixture spec's alike.
    const id = Number(/\/(-?\d+)\/[^/?]+$/.exec(request.url)?.[1]);
    const retryAfter = limit(at);
    arrivals.push({ id, at, status: retryAfter === undefined ? 201 : 429 });
    if (retryAfter !== undefined) {
      res.writeHead(429, {
        "Content-Type": "application/problem+json",
        "Retry-After": String(retryAfter),
      });
      res.end(JSON.stringify({ title: "Too Many Requests", status: 429 }));
      return;
    }
    confirmedIds.set(id, (confirmedIds.get(id) ?? 0) + 1);
    if (hang.has(id)) return;
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
  const tooMany = () => arrivals.filter((a) => a.status === 429).length;
  return { ...server, arrivals, confirmedIds, tooMany, hang };
}
