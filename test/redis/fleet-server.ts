import { startTestServer, type TestServer } from "../support/http-server.js";
import { rollingLimit } from "../support/rate-rule.js";

export interface FleetServer extends TestServer {
  /** Every request, in order of arrival (ms since the epoch, comparable across processes). */
  arrivals: { id: number; at: number; status: number }[];
  /** Ids answered 201, with how many times. */
  confirmed: Map<number, number>;
  tooMany(): number;
  /** Ids the server never answers (their requests stay in flight until the client goes away). */
  hang: Set<number>;
}

/**
 * Lucca's rule in small, counted at arrival: `requests` per rolling `perMs`, 429 with
 * Retry-After beyond. Records every invoice id it confirms.
 */
export async function startFleetServer(requests: number, perMs: number): Promise<FleetServer> {
  const limit = rollingLimit(requests, perMs);
  const arrivals: FleetServer["arrivals"] = [];
  const confirmed = new Map<number, number>();
  const hang = new Set<number>();
  const server = await startTestServer((request, res) => {
    const at = performance.timeOrigin + performance.now();
    const id = Number(/\/invoices\/(\d+)\/confirmations$/.exec(request.url)?.[1]);
    const retryAfter = limit(at);
    arrivals.push({ id, at, status: retryAfter === undefined ? 201 : 429 });
    if (retryAfter !== undefined) {
      res.writeHead(429, {
        "Content-Type": "application/problem+json",
        "Retry-After": String(retryAfter),
      });
      return res.end(JSON.stringify({ title: "Too Many Requests", status: 429 }));
    }
    confirmed.set(id, (confirmed.get(id) ?? 0) + 1);
    if (hang.has(id)) return;
    res.writeHead(201, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ id, strategy: "default", createdAt: new Date().toISOString() }));
  });
  const tooMany = () => arrivals.filter((a) => a.status === 429).length;
  return { ...server, arrivals, confirmed, tooMany, hang };
}
