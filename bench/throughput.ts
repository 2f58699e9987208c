import { createLuccaInvoicesClient } from "../src/index.js";
import { API_KEY } from "./contenders.js";
import { spawnServer } from "./spawn-server.js";

export interface ThroughputResult {
  calls: number;
  limit: { requests: number; perMs: number };
  totalMs: number;
  /** The earliest the server's rule lets the last call be accepted. */
  minimumMs: number;
  tooMany: number;
  /** Per window's worth of calls, from the start: first and last request sent, last answer. */
  windows: { firstSentMs: number; lastSentMs: number; lastAnsweredMs: number }[];
  /** Every id confirmed by the server exactly once, and no other. */
  onceEach: boolean;
}

/** `calls` confirmations started at once against a server enforcing the same rolling limit. */
export async function measureThroughput(calls = 600, requests = 100, perMs = 1000) {
  // In its own process, as a real server is: its latency is not the client's event loop's.
  const server = await spawnServer({ BENCH_RATE_LIMIT: `${requests}/${perMs}` });
  try {
    const sentAt: number[] = [];
    const answeredAt: number[] = [];
    let started = 0;
    const lucca = createLuccaInvoicesClient({
      apiKey: API_KEY,
      baseUrl: server.url,
      rateLimit: { requests, perMs },
      // Records when the limiter let each request go, to tell its waits from answer latency.
      fetch: (request) => (sentAt.push(performance.now() - started), fetch(request)),
    });
    const ids = Array.from({ length: calls }, (_, i) => i + 1);
    started = performance.now();
    const results = await Promise.all(
      ids.map(async (id) => {
        const result = await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
          params: { path: { id } },
          body: { strategy: "default" },
        });
        answeredAt.push(performance.now() - started);
        return result;
      }),
    );
    const totalMs = performance.now() - started;
    results.forEach(({ data, error }, i) => {
      if (error || data.id !== ids[i]) {
        throw new Error(`throughput: call for id ${ids[i]} failed: ${error?.message ?? data?.id}`);
      }
    });
    const stats = (await (await fetch(`${server.url}/__stats`)).json()) as {
      tooMany: number;
      confirmed: Record<number, number>;
    };
    const onceEach =
      Object.keys(stats.confirmed).length === calls && ids.every((id) => stats.confirmed[id] === 1);
    const result: ThroughputResult = {
      calls,
      limit: { requests, perMs },
      totalMs,
      minimumMs: (Math.ceil(calls / requests) - 1) * perMs,
      tooMany: stats.tooMany,
      windows: Array.from({ length: Math.ceil(calls / requests) }, (_, w) => ({
        firstSentMs: sentAt[w * requests]!,
        lastSentMs: sentAt[Math.min(calls, (w + 1) * requests) - 1]!,
        lastAnsweredMs: answeredAt[Math.min(calls, (w + 1) * requests) - 1]!,
      })),
      onceEach,
    };
    return result;
  } finally {
    await server.stop();
  }
}
