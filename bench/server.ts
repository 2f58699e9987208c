// The loopback API for the overhead and memory runs. It runs as its own process (see
// spawn-server.ts) so its CPU never counts against the client being measured.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const CONFIRM = /^\/cleemy-procurement\/api\/invoices\/(-?\d+)\/confirmations$/;
const CLOSE = /^\/cleemy-procurement\/api\/purchases\/(-?\d+)\/closing$/;

const server = createServer((req, res) => {
  // Drain the request body before answering, as a real server would.
  req.resume();
  req.on("end", () => {
    const confirm = req.method === "POST" ? CONFIRM.exec(req.url ?? "") : null;
    if (confirm) {
      const id = Number(confirm[1]);
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
