import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { replyFor, type Reply } from "./mock-answer.js";
import {
  bodyOf,
  queryRecord,
  redactedHeaders,
  violationsOf,
  type MockRequest,
} from "./mock-request.js";
import { takeOverride, type Override } from "./overrides.js";

/** Headers about one hop's connection, never passed on. */
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "host"];

export interface FaultLayer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly requests: MockRequest[];
  readonly overrides: Override[];
  /** Closes the server and every connection, drops held answers; idempotent. */
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A node:http server on 127.0.0.1 (port 0) in front of Prism: every request is recorded and
 * forwarded to Prism byte for byte, so Prism validates each one; an override then replaces,
 * drops or holds back Prism's answer.
 */
export async function startFaultLayer(prismUrl: string): Promise<FaultLayer> {
  const prism = new URL(prismUrl);
  const agent = new Agent({ keepAlive: true });
  const requests: MockRequest[] = [];
  const overrides: Override[] = [];
  const held = new Set<NodeJS.Timeout>();

  const forward = (req: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const headers: IncomingHttpHeaders = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (!HOP_BY_HOP.includes(name)) headers[name] = value;
      }
      if (body.length > 0 || req.headers["content-length"] !== undefined) {
        headers["content-length"] = String(body.length);
      }
      const upstream = httpRequest(
        {
          agent,
          host: prism.hostname,
          port: prism.port,
          method: req.method,
          path: req.url,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.once("error", reject);
          res.once("end", () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      upstream.once("error", reject);
      upstream.end(body);
    });

  const send = (res: ServerResponse, reply: Reply): void => {
    if (res.destroyed) return;
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://mock");
    const method = req.method ?? "GET";
    const record: MockRequest = {
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      headers: redactedHeaders(req.headers),
      body: bodyOf(body, req.headers["content-type"]),
      status: "pending",
      violations: [],
    };
    requests.push(record);
    const override = takeOverride(overrides, method, url.pathname);

    let upstream: Upstream;
    try {
      upstream = await forward(req, body);
    } catch (error) {
      const reply = replyFor(`${method} ${url.pathname}`, {
        status: 502,
        body: {
          type: "about:blank",
          title: "Bad Gateway",
          status: 502,
          detail: `The Lucca mock could not reach Prism: ${(error as Error).message}.`,
        },
      });
      record.status = reply.status;
      send(res, reply);
      return;
    }
    record.violations = violationsOf(upstream.headers, upstream.status, upstream.body);

    const answer = override?.answer;
    if (answer && "drop" in answer) {
      record.status = "dropped";
      res.socket?.destroy();
      return;
    }
    if (answer && "status" in answer) {
      const reply = replyFor(override.operation, answer);
      record.status = reply.status;
      send(res, reply);
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(upstream.headers)) {
      if (value !== undefined && !HOP_BY_HOP.includes(name)) headers[name] = value;
    }
    // Prism's own Content-Length stands (the body is passed on whole); without one, node chunks.
    const reply = {
      status: upstream.status,
      headers: headers as Record<string, string>,
      body: upstream.body,
    };
    record.status = reply.status;
    if (answer && "delayMs" in answer) {
      const timer = setTimeout(() => {
        held.delete(timer);
        send(res, reply);
      }, answer.delayMs);
      held.add(timer);
      return;
    }
    send(res, reply);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
        res.end(`The Lucca mock failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of held) clearTimeout(timer);
      held.clear();
      server.close(() => resolve());
      server.closeAllConnections();
      agent.destroy();
    });
    return closing;
  };
  return { baseUrl: `http://127.0.0.1:${port}`, requests, overrides, close };
}
