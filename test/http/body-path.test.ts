import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSpecClient } from "../../src/client/create-client.js";
import type { Middleware } from "../../src/index.js";
// The fixture pages' rules as `npm run generate` emitted them (kept fresh by test/generate.test.ts):
// assembling the pages here cost seconds per file.
import { fixtureRules } from "../support/fixture-client.js";
import { listenOnLoopback, receivedRequest, type ReceivedRequest } from "../support/http-server.js";

/** One body path: typed calls and raw() send every body as openapi-fetch would, with or without middleware. */

type Loose = {
  request(
    method: string,
    path: string,
    init?: Record<string, unknown>,
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  raw(
    method: string,
    path: string,
    init?: Record<string, unknown>,
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
  use(...middleware: Middleware[]): void;
};

// Every byte value, then reversed: 0x80-0xFF alone are not valid UTF-8, so a text round trip breaks them.
const BYTES = new Uint8Array([...Array(256).keys(), ...[...Array(256).keys()].reverse()]);
const at = "/cleemy-procurement/api/synthetic-fixtures";

/** What the server got, byte for byte. */
const seen: ReceivedRequest[] = [];
/** Statuses to answer, in order; 204 once they run out. */
let statuses: number[] = [];
const server = createServer(async (req, res) => {
  seen.push(await receivedRequest(req));
  res.writeHead(statuses.shift() ?? 204);
  res.end();
});

/** The Content-Type each middleware saw on openapi-fetch's Request. */
const middlewareSaw: (string | null)[] = [];
const watcher: Middleware = {
  onRequest({ request }) {
    middlewareSaw.push(request.headers.get("content-type"));
  },
};

const clients: Record<string, Loose> = {};
let close: () => Promise<void>;
beforeAll(async () => {
  const listening = await listenOnLoopback(server);
  close = listening.close;
  const make = (): Loose =>
    createSpecClient(fixtureRules, {
      baseUrl: listening.url,
      apiKey: "body-path-test-key",
      rateLimit: false,
      maxRetries: 1,
      retry: { initialDelayMs: 0, maxDelayMs: 0 },
    }) as unknown as Loose;
  clients.bare = make();
  clients.middleware = make();
  clients.middleware.use(watcher);
});
afterAll(() => close());
beforeEach(() => {
  seen.length = 0;
  middlewareSaw.length = 0;
  statuses = [];
});

const streamOf = (bytes: Uint8Array): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, 100));
      controller.enqueue(bytes.slice(100));
      controller.close();
    },
  });

/** The form a multipart body parses back to, and its bytes' file. */
async function partsOf(request: ReceivedRequest): Promise<{ names: string[]; form: FormData }> {
  const form = await new Response(new Uint8Array(request.body), {
    headers: { "Content-Type": request.headers["content-type"]! },
  }).formData();
  const names: string[] = [];
  form.forEach((_, name) => names.push(name));
  return { names, form };
}

const multipart = /^multipart\/form-data; boundary=/;

interface BodyCase {
  name: string;
  body: () => unknown;
  headers?: Record<string, string>;
  /** The exact Content-Type on the wire (undefined: none), or a pattern for multipart's boundary. */
  contentType: string | RegExp | undefined;
  /** The exact bytes on the wire, or a check of a multipart body. */
  wire: Uint8Array | string | ((request: ReceivedRequest) => Promise<void>);
}

const checkForm = async (request: ReceivedRequest): Promise<void> => {
  const { names, form } = await partsOf(request);
  expect(names).toEqual(["note", "file"]);
  expect(form.get("note")).toBe("é €");
  const file = form.get("file") as File;
  expect(file.type).toBe("application/pdf");
  expect(new Uint8Array(await file.arrayBuffer())).toEqual(BYTES);
};

const rawCases: BodyCase[] = [
  {
    name: "a plain object: JSON",
    body: () => ({ a: 1, b: "é" }),
    contentType: "application/json",
    wire: '{"a":1,"b":"é"}',
  },
  {
    name: "a string: as is, openapi-fetch's JSON Content-Type",
    body: () => '{"already":"serialized"}',
    contentType: "application/json",
    wire: '{"already":"serialized"}',
  },
  {
    name: "URLSearchParams: a form",
    body: () =>
      new URLSearchParams([
        ["a", "1"],
        ["b", "é &"],
      ]),
    contentType: "application/x-www-form-urlencoded;charset=UTF-8",
    wire: "a=1&b=%C3%A9+%26",
  },
  {
    name: "FormData: multipart",
    body: () => {
      const form = new FormData();
      form.append("note", "é €");
      form.append("file", new Blob([BYTES], { type: "application/pdf" }), "scan.pdf");
      return form;
    },
    contentType: multipart,
    wire: checkForm,
  },
  {
    name: "a typed Blob: its bytes and type",
    body: () => new Blob([BYTES], { type: "application/pdf" }),
    contentType: "application/pdf",
    wire: BYTES,
  },
  {
    name: "an untyped Blob: its bytes, no Content-Type",
    body: () => new Blob([BYTES]),
    contentType: undefined,
    wire: BYTES,
  },
  {
    name: "an ArrayBuffer: its bytes, no Content-Type",
    body: () => BYTES.slice().buffer,
    contentType: undefined,
    wire: BYTES,
  },
  {
    name: "a Uint8Array: its bytes, no Content-Type",
    body: () => BYTES,
    contentType: undefined,
    wire: BYTES,
  },
  {
    name: "a Uint8Array with the caller's Content-Type",
    body: () => BYTES,
    headers: { "Content-Type": "application/octet-stream" },
    contentType: "application/octet-stream",
    wire: BYTES,
  },
  {
    name: "a ReadableStream: its bytes, no Content-Type",
    body: () => streamOf(BYTES),
    contentType: undefined,
    wire: BYTES,
  },
];

async function expectOnWire(
  request: ReceivedRequest | undefined,
  expected: BodyCase,
): Promise<void> {
  expect(request).toBeInstanceOf(Object);
  const contentType = request!.headers["content-type"];
  if (expected.contentType instanceof RegExp) expect(contentType).toMatch(expected.contentType);
  else expect(contentType).toBe(expected.contentType);
  const { wire } = expected;
  if (typeof wire === "function") await wire(request!);
  else if (typeof wire === "string") expect(request!.body.toString("utf8")).toBe(wire);
  else expect(new Uint8Array(request!.body)).toEqual(wire);
}

describe.each([
  ["without middleware", "bare"],
  ["with a middleware registered", "middleware"],
])("%s", (_, which) => {
  const lucca = () => clients[which]!;
  const sawMiddleware = (count: number) =>
    expect(middlewareSaw).toHaveLength(which === "middleware" ? count : 0);

  describe("raw()", () => {
    it.each(rawCases)("$name", async (body) => {
      const { response } = await lucca().raw("POST", "/anything/uploads", {
        body: body.body(),
        ...(body.headers ? { headers: body.headers } : {}),
      });
      expect(response.status).toBe(204);
      expect(seen).toHaveLength(1);
      await expectOnWire(seen[0], body);
      sawMiddleware(1);
      if (which === "middleware") {
        // The middleware saw the Request that went out, Content-Type included.
        const saw = middlewareSaw[0];
        if (body.contentType instanceof RegExp) expect(saw).toBe(seen[0]!.headers["content-type"]);
        else expect(saw).toBe(body.contentType ?? null);
      }
    });

    it("a stream is read once and its bytes resent by a retry", async () => {
      statuses = [503];
      const { response } = await lucca().raw("PUT", "/anything/uploads", {
        body: streamOf(BYTES),
      });
      expect(response.status).toBe(204);
      expect(seen.map((s) => s.method)).toEqual(["PUT", "PUT"]);
      expect(new Uint8Array(seen[0]!.body)).toEqual(BYTES);
      expect(new Uint8Array(seen[1]!.body)).toEqual(BYTES);
      sawMiddleware(1);
    });
  });

  describe("typed calls, as the operation declares", () => {
    it("multipart/form-data from a plain object", async () => {
      await lucca().request("post", `${at}/invoices/{id}/attachments`, {
        params: { path: { id: 5 } },
        body: { note: "é €", file: new Blob([BYTES], { type: "application/pdf" }) },
      });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.url).toBe(`${at}/invoices/5/attachments`);
      await expectOnWire(seen[0], {
        name: "",
        body: () => 0,
        contentType: multipart,
        wire: checkForm,
      });
      sawMiddleware(1);
    });

    it("application/x-www-form-urlencoded from a plain object", async () => {
      await lucca().request("post", `${at}/purchases/{id}/comments`, {
        params: { path: { id: 5 } },
        body: { text: "a b&c=é", notify: true },
      });
      expect(seen[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(seen[0]!.body.toString("latin1")).toBe("text=a+b%26c%3D%C3%A9&notify=true");
      sawMiddleware(1);
    });

    it.each([
      ["a Blob", () => new Blob([BYTES])],
      ["a Uint8Array", () => BYTES],
      ["a ReadableStream", () => streamOf(BYTES)],
    ])("application/pdf from %s", async (_kind, body) => {
      await lucca().request("put", `${at}/files/{id}/content`, {
        params: { path: { id: 9 } },
        body: body(),
      });
      expect(seen[0]!.headers["content-type"]).toBe("application/pdf");
      expect(new Uint8Array(seen[0]!.body)).toEqual(BYTES);
      sawMiddleware(1);
    });

    it("application/json from a plain object", async () => {
      statuses = [200];
      await lucca().request("put", `${at}/inbox-documents/{id}`, {
        params: { path: { id: 4 } },
        body: { name: "March é", comment: "twice" },
      });
      expect(seen[0]!.headers["content-type"]).toBe("application/json");
      expect(seen[0]!.body.toString("utf8")).toBe('{"name":"March é","comment":"twice"}');
      sawMiddleware(1);
    });

    it("a GET's JSON body, over node:http", async () => {
      statuses = [200];
      await lucca().request("get", `${at}/invoice-searches`, {
        body: { supplierIds: [1, 2], text: "é" },
      });
      expect(seen[0]!.method).toBe("GET");
      expect(seen[0]!.headers["content-type"]).toBe("application/json");
      expect(seen[0]!.body.toString("utf8")).toBe('{"supplierIds":[1,2],"text":"é"}');
      sawMiddleware(1);
    });
  });
});
