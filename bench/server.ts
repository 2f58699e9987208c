// The loopback API for the benchmark. It runs as its own process (see spawn-server.ts) so its CPU
// never counts against the client being measured. With BENCH_RATE_LIMIT=<requests>/<perMs> it
// enforces Lucca's rule in small (429 + Retry-After beyond the limit) and reports what it accepted
// and refused at GET /__stats.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { rollingLimit } from "../test/support/rate-rule.js";

const [requests, perMs] = (process.env.BENCH_RATE_LIMIT ?? "").split("/").map(Number);
const limit = requests && perMs ? rollingLimit(requests, perMs) : () => undefined;
const stats = { tooMany: 0, confirmed: {} as Record<number, number> };

const CONFIRM = /^\/cleemy-procurement\/api\/invoices\/(-?\d+)\/confirmations$/;
const CLOSE = /^\/cleemy-procurement\/api\/purchases\/(-?\d+)\/closing$/;

const server = createServer((req, res) => {
  // Drain the request body before answering, as a real server would.
  req.resume();
  req.on("end", () => {
    if (req.url === "/__stats") return void res.end(JSON.stringify(stats));
    const retryAfter = limit(performance.now());
    if (retryAfter !== undefined) {
      stats.tooMany++;
      res.writeHead(429, { "Retry-After": String(retryAfter), "Content-Length": "0" });
      return void res.end();
    }
    const confirm = req.method === "POST" ? CONFIRM.exec(req.url ?? "") : null;
    if (confirm) {
      const id = Number(confirm[1]);
      stats.confirmed[id] = (stats.confirmed[id] ?? 0) + 1;
      const author = { id: 7, name: "Bench Author" };
      const body = { id, strategy: "default", createdAt: new Date().toISOString(), author };
      res.writeHead(201, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    } else if (req.method === "POST" && CLOSE.test(req.url ?? "")) {
      res.writeHead(200, { "Content-Length": "0" });
      res.end();
    } else {
      res.writeHead(404, { "Content-Length": "0" });
      res.end();
    }
  });
});

server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});

// The parent holds our stdin: if it dies without stopping us, we stop too.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
