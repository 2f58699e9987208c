import { createServer, request, type IncomingMessage } from "node:http";
import { listenOnLoopback } from "./http-server.js";

export interface Forwarded {
  method: string;
  /** Path and query as received. */
  url: string;
  authorization: string | undefined;
}

export interface Forwarder {
  url: string;
  requests: Forwarded[];
  close(): Promise<void>;
}

/** Rewrites a JSON answer's body; anything else passes through byte for byte. */
export type Rewrite = (body: unknown) => unknown;

/**
 * A `node:http` server on 127.0.0.1, port 0, that forwards every request to `upstream` with its
 * exact bytes and records it: an upstream stand-in that answers every operation of a spec when
 * `upstream` is a Prism mock of it, and that drifts from the spec when given a `rewrite`.
 */
export async function startForwarder(upstream: string, rewrite?: Rewrite): Promise<Forwarder> {
  const requests: Forwarded[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = req.method ?? "GET";
    requests.push({ method, url: req.url ?? "", authorization: req.headers.authorization });
    // node:http, not fetch: a spec may declare a body on a GET, which fetch refuses to send.
    const answer = await new Promise<IncomingMessage>((resolve, reject) => {
      const headers = { ...req.headers, host: new URL(upstream).host };
      request(new URL(req.url ?? "/", upstream), { method, headers }, resolve)
        .once("error", reject)
        .end(Buffer.concat(chunks));
    });
    const parts: Buffer[] = [];
    for await (const chunk of answer) parts.push(chunk as Buffer);
    let body = Buffer.concat(parts);
    const type = String(answer.headers["content-type"] ?? "");
    if (rewrite && /json/i.test(type) && body.length > 0) {
      body = Buffer.from(JSON.stringify(rewrite(JSON.parse(body.toString("utf8")))));
    }
    const out = Object.fromEntries(
      Object.entries(answer.headers).filter(
        ([name]) => !/^(content-length|transfer-encoding|connection)$/i.test(name),
      ),
    );
    res.writeHead(answer.statusCode ?? 502, { ...out, "content-length": String(body.length) });
    res.end(body);
  });
  return { ...(await listenOnLoopback(server)), requests };
}

/** Every number becomes a string and every string a number: no typed schema accepts the result. */
export function drift(value: unknown): unknown {
  if (typeof value === "number") return `drifted-${value}`;
  if (typeof value === "string") return 12;
  if (Array.isArray(value)) return value.map(drift);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, drift(v)]));
  return value;
}
