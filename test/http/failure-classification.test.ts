import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { LuccaConnectionError } from "../../src/index.js";
import { classifyFailure } from "../../src/http/fetch-failure.js";
import { expectNoKey, faultClient, reject } from "../support/fault-harness.js";
import { freeLoopbackPort, startTestServer, type TestServer } from "../support/http-server.js";

type Fetch = (request: Request) => Promise<Response>;

/** Where a row's calls go: a URL, and the fetch that fails there (undici's own when absent). */
interface Target {
  baseUrl: string;
  fetch?: Fetch;
}

/** A custom fetch over node:http: its errors carry their code on the error itself. */
const nodeHttpFetch: Fetch = (request) =>
  new Promise((resolve, reject) => {
    const req = httpRequest(request.url, { method: request.method }, (res) => {
      res.resume();
      resolve(new Response(null, { status: res.statusCode ?? 500 }));
    });
    req.once("error", reject);
    req.end();
  });

/** A custom fetch that throws `value` (an Error or anything else). */
const throwing =
  (value: () => unknown): Fetch =>
  async () => {
    throw value();
  };

const withCode = (message: string, code: string, cause?: unknown): Error =>
  Object.assign(new Error(message, cause === undefined ? {} : { cause }), { code });

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server that closes the connection once it has read the request: it may have acted on it. */
async function resetAfterRequest(): Promise<string> {
  server = await startTestServer((_request, res) => res.socket?.destroy());
  return server.url;
}
const refusedPort = async (): Promise<string> => `http://127.0.0.1:${await freeLoopbackPort()}`;
const unused = "http://127.0.0.1:9";

interface Row {
  form: string;
  target: () => Promise<Target>;
  /** The text in `connection failed (...)`. */
  cause: string;
  mayHaveReachedServer: boolean;
  postRetried: boolean;
  getRetried: boolean;
}

const custom = (error: () => unknown): (() => Promise<Target>) => {
  return async () => ({ baseUrl: unused, fetch: throwing(error) });
};

const rows: Row[] = [
  // undici (the global fetch), real errors from real loopback sockets.
  {
    form: "undici: refused port (code on the cause)",
    target: async () => ({ baseUrl: await refusedPort() }),
    cause: "ECONNREFUSED",
    mayHaveReachedServer: false,
    postRetried: true,
    getRetried: true,
  },
  {
    form: "undici: forbidden port (TypeError fetch failed, cause Error bad port)",
    target: async () => ({ baseUrl: "http://127.0.0.1:6000" }),
    cause: "bad port",
    mayHaveReachedServer: false,
    postRetried: false,
    getRetried: false,
  },
  {
    form: "undici: connection reset after the request was read",
    target: async () => ({ baseUrl: await resetAfterRequest() }),
    cause: "UND_ERR_SOCKET",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  // node:http in a custom fetch, real errors: the code is on the error itself.
  {
    form: "node:http: refused port (code on the error)",
    target: async () => ({ baseUrl: await refusedPort(), fetch: nodeHttpFetch }),
    cause: "ECONNREFUSED",
    mayHaveReachedServer: false,
    postRetried: true,
    getRetried: true,
  },
  {
    form: "node:http: socket hang up after the request was read",
    target: async () => ({ baseUrl: await resetAfterRequest(), fetch: nodeHttpFetch }),
    cause: "ECONNRESET",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  // Custom fetches: every place a code can be, and none.
  {
    form: "ENOTFOUND on the error",
    target: custom(() => withCode("getaddrinfo ENOTFOUND x", "ENOTFOUND")),
    cause: "ENOTFOUND",
    mayHaveReachedServer: false,
    postRetried: true,
    getRetried: true,
  },
  {
    form: "EAI_AGAIN on the cause",
    target: custom(() => new TypeError("fetch failed", { cause: withCode("dns", "EAI_AGAIN") })),
    cause: "EAI_AGAIN",
    mayHaveReachedServer: false,
    postRetried: true,
    getRetried: true,
  },
  {
    form: "EHOSTUNREACH two causes deep",
    target: custom(
      () =>
        new Error("my fetch failed", {
          cause: new TypeError("fetch failed", { cause: withCode("connect", "EHOSTUNREACH") }),
        }),
    ),
    cause: "EHOSTUNREACH",
    mayHaveReachedServer: false,
    postRetried: true,
    getRetried: true,
  },
  {
    form: "ENETUNREACH on the error",
    target: custom(() => withCode("connect ENETUNREACH", "ENETUNREACH")),
    cause: "ENETUNREACH",
    mayHaveReachedServer: false,
    postRetried: true,
    getRetried: true,
  },
  {
    form: "UND_ERR_CONNECT_TIMEOUT on the cause",
    target: custom(
      () =>
        new TypeError("fetch failed", {
          cause: withCode("Connect Timeout Error", "UND_ERR_CONNECT_TIMEOUT"),
        }),
    ),
    cause: "UND_ERR_CONNECT_TIMEOUT",
    mayHaveReachedServer: false,
    postRetried: true,
    getRetried: true,
  },
  {
    form: "ECONNREFUSED six causes deep (past the bound)",
    target: custom(() => {
      let error: Error = withCode("refused", "ECONNREFUSED");
      for (let i = 0; i < 6; i++) error = new Error(`wrap ${i}`, { cause: error });
      return error;
    }),
    cause: "wrap 0",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "ECONNRESET on the error, ECONNREFUSED under it: the first code decides",
    target: custom(() => withCode("reset", "ECONNRESET", withCode("refused", "ECONNREFUSED"))),
    cause: "ECONNRESET",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "ECONNRESET on the cause",
    target: custom(() => new TypeError("fetch failed", { cause: withCode("read", "ECONNRESET") })),
    cause: "ECONNRESET",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "EPIPE on the error",
    target: custom(() => withCode("write EPIPE", "EPIPE")),
    cause: "EPIPE",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "message only: TypeError terminated",
    target: custom(() => new TypeError("terminated")),
    cause: "terminated",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "message only: a custom fetch's Error without a code",
    target: custom(() => new Error("network is down")),
    cause: "network is down",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "message only: Error bad port not wrapped by undici",
    target: custom(() => new Error("bad port")),
    cause: "bad port",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "a thrown string",
    target: custom(() => "boom"),
    cause: "boom",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "a thrown undefined",
    target: custom(() => undefined),
    cause: "undefined",
    mayHaveReachedServer: true,
    postRetried: false,
    getRetried: true,
  },
  {
    form: "a thrown plain object with code ECONNREFUSED",
    target: custom(() => ({ code: "ECONNREFUSED" })),
    cause: "ECONNREFUSED",
    mayHaveReachedServer: false,
    postRetried: true,
    getRetried: true,
  },
];

const nothingSentNote = (cause: string) => `Not retried: nothing was sent (${cause}).`;
const mayHaveTakenEffect = "Not retried: the POST may have taken effect; check before resending.";

describe.each(rows)("$form", (row) => {
  it.each(["POST", "GET"] as const)("%s", async (method) => {
    const target = await row.target();
    const { lucca } = faultClient(target.baseUrl, {
      maxRetries: 1,
      ...(target.fetch ? { fetch: target.fetch } : {}),
    });
    const call =
      method === "POST"
        ? lucca.POST(reject, { params: { path: { id: 7 } }, body: { reason: "s" } })
        : lucca.raw("GET", "/cleemy-procurement/api/things/7");
    const error = (await call.then(
      () => undefined,
      (e: unknown) => e,
    )) as LuccaConnectionError;
    expect(error).toBeInstanceOf(LuccaConnectionError);
    expect(error.mayHaveReachedServer).toBe(row.mayHaveReachedServer);
    const retried = method === "POST" ? row.postRetried : row.getRetried;
    expect(error.attempts).toBe(retried ? 2 : 1);
    if (server) expect(server.requests).toHaveLength(retried ? 2 : 1);
    const path =
      method === "POST"
        ? "/cleemy-procurement/api/synthetic-fixtures/invoices/7/rejections"
        : "/cleemy-procurement/api/things/7";
    const url = `${target.baseUrl}${path}`;
    const head = `${method} ${url}: connection failed (${row.cause}) (attempt ${error.attempts}/2).`;
    let note: string;
    if (retried) note = "Gave up after 2 attempts.";
    else if (!row.mayHaveReachedServer) note = nothingSentNote(row.cause);
    else note = mayHaveTakenEffect;
    expect(error.message).toBe(`${head} ${note}`);
    expectNoKey(error);
  });
});

describe("classifyFailure", () => {
  it("never says nothing was sent for an error it cannot read", () => {
    for (const value of [null, 0, "", {}, [], new Error(""), Symbol("x").toString()]) {
      expect(classifyFailure(value).nothingSent).toBe(false);
    }
  });
});
