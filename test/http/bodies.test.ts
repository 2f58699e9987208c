import { createServer } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSpecClient } from "../../src/client/create-client.js";
import { LuccaValidationError } from "../../src/errors.js";
// The fixture pages' rules as `npm run generate` emitted them (kept fresh by test/generate.test.ts):
// assembling the pages here cost seconds per file.
import { fixtureRules } from "../support/fixture-client.js";
import { listenOnLoopback, receivedRequest, type ReceivedRequest } from "../support/http-server.js";

type Reply = { status: number; headers?: Record<string, string>; body?: Uint8Array | string };
type Loose = {
  request(
    method: string,
    path: string,
    init?: Record<string, unknown>,
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
};

// Every byte value, then reversed: 0x80-0xFF alone are not valid UTF-8, so a text round trip breaks them.
const BYTES = new Uint8Array([...Array(256).keys(), ...[...Array(256).keys()].reverse()]);
const TEXT = "code;rate\nFR20;20.0 é € 🧾\n";
const at = "/cleemy-procurement/api/synthetic-fixtures";

/** What the server got, byte for byte. */
const seen: ReceivedRequest[] = [];
let reply: Reply = { status: 204 };
const server = createServer(async (req, res) => {
  seen.push(await receivedRequest(req));
  const body = reply.body === undefined ? undefined : Buffer.from(reply.body);
  res.writeHead(reply.status, {
    ...(body ? { "Content-Length": String(body.length) } : {}),
    ...reply.headers,
  });
  res.end(body);
});
let lucca: Loose;
let close: () => Promise<void>;
beforeAll(async () => {
  const listening = await listenOnLoopback(server);
  close = listening.close;
  lucca = createSpecClient(fixtureRules, {
    baseUrl: listening.url,
    apiKey: "bodies-test-key",
    rateLimit: false,
    maxRetries: 0,
  }) as unknown as Loose;
});
afterAll(() => close());
beforeEach(() => {
  seen.length = 0;
  reply = { status: 204 };
});

const bytesOf = async (value: Blob | ArrayBuffer | Uint8Array): Promise<Uint8Array> =>
  value instanceof Blob ? new Uint8Array(await value.arrayBuffer()) : new Uint8Array(value);

describe("downloads are byte-exact in every parseAs", () => {
  const pdf = `${at}/files/{id}/pdf`;
  const params = { path: { id: 7 } };
  beforeEach(() => {
    reply = { status: 200, headers: { "Content-Type": "application/pdf" }, body: BYTES };
  });

  it("by default (the rule's blob), as a Blob", async () => {
    const { data, error } = await lucca.request("get", pdf, { params });
    expect(error).toBeUndefined();
    expect(data).toBeInstanceOf(Blob);
    expect(await bytesOf(data as Blob)).toEqual(BYTES);
    expect(seen[0]?.url).toBe(`${at}/files/7/pdf`);
  });

  it("parseAs blob", async () => {
    const { data } = await lucca.request("get", pdf, { params, parseAs: "blob" });
    expect(data).toBeInstanceOf(Blob);
    expect(await bytesOf(data as Blob)).toEqual(BYTES);
  });

  it("parseAs arrayBuffer", async () => {
    const { data } = await lucca.request("get", pdf, { params, parseAs: "arrayBuffer" });
    expect(data).toBeInstanceOf(ArrayBuffer);
    expect(await bytesOf(data as ArrayBuffer)).toEqual(BYTES);
  });

  it("parseAs stream, read by the caller", async () => {
    const { data } = await lucca.request("get", pdf, { params, parseAs: "stream" });
    expect(data).toBeInstanceOf(ReadableStream);
    const read = await new Response(data as ReadableStream<Uint8Array>).arrayBuffer();
    expect(new Uint8Array(read)).toEqual(BYTES);
  });

  it("a text/plain body by default (the rule's text) and with parseAs text", async () => {
    reply = { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: TEXT };
    const byDefault = await lucca.request("get", `${at}/vat-rates/export`);
    expect(byDefault.data).toBe(TEXT);
    const asText = await lucca.request("get", `${at}/vat-rates/export`, { parseAs: "text" });
    expect(asText.data).toBe(TEXT);
  });
});

describe("uploads arrive as the operation's media type, byte-exact", () => {
  it("multipart/form-data: the file's bytes and type, and the text field", async () => {
    reply = { status: 201, headers: { "Content-Type": "application/json" }, body: '{"id":3}' };
    const file = new Blob([BYTES], { type: "application/pdf" });
    const { data, error } = await lucca.request("post", `${at}/invoices/{id}/attachments`, {
      params: { path: { id: 5 } },
      body: { file, description: "scan é €" },
    });
    expect(error).toBeUndefined();
    expect(data).toEqual({ id: 3 });
    const [request] = seen;
    expect(request?.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    // The raw bytes hold the file unchanged, and a multipart parser reads both parts back.
    expect(request!.body.indexOf(Buffer.from(BYTES))).toBeGreaterThan(0);
    const form = await new Response(new Uint8Array(request!.body), {
      headers: { "Content-Type": request!.headers["content-type"]! },
    }).formData();
    const part = form.get("file") as File;
    expect(part.type).toBe("application/pdf");
    expect(await bytesOf(part)).toEqual(BYTES);
    expect(form.get("description")).toBe("scan é €");
    const names: string[] = [];
    form.forEach((_, name) => names.push(name));
    expect(names).toEqual(["file", "description"]);
  });

  it("application/x-www-form-urlencoded from a plain object", async () => {
    reply = { status: 201, headers: { "Content-Type": "application/json" }, body: "{}" };
    await lucca.request("post", `${at}/purchases/{id}/comments`, {
      params: { path: { id: 5 } },
      body: { text: "a b&c=é", notify: true },
    });
    expect(seen[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(seen[0]?.body.toString("latin1")).toBe("text=a+b%26c%3D%C3%A9&notify=true");
  });

  it.each([
    ["a Blob", new Blob([BYTES])],
    ["a Uint8Array", BYTES],
    ["an ArrayBuffer", BYTES.slice().buffer],
  ])("a raw application/pdf body from %s, answered 204", async (_, body) => {
    const { data, error, response } = await lucca.request("put", `${at}/files/{id}/content`, {
      params: { path: { id: 9 } },
      body,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(seen[0]?.headers["content-type"]).toBe("application/pdf");
    expect(new Uint8Array(seen[0]!.body)).toEqual(BYTES);
  });
});

describe("query parameters go out as each declares", () => {
  beforeEach(() => {
    reply = { status: 200, headers: { "Content-Type": "application/json" }, body: "[]" };
  });

  it("form, explode false: one comma-separated value; integers and fields.root as given", async () => {
    reply.body = '{"items":[],"count":0}';
    await lucca.request("get", `${at}/invoices`, {
      params: {
        query: {
          "invoice.conformityStates": ["Confirmed", "ToReview"],
          limit: 1000,
          page: 2,
          "fields.root": "count",
        },
      },
    });
    expect(seen[0]?.url).toBe(
      `${at}/invoices?invoice.conformityStates=Confirmed,ToReview&limit=1000&page=2&fields.root=count`,
    );
  });

  it("form, exploded: the name repeated; deepObject: name[key]", async () => {
    await lucca.request("get", `${at}/suppliers`, {
      params: { query: { id: [1, 2], filter: { name: "A&B", country: "FR" } } },
    });
    expect(seen[0]?.url).toBe(`${at}/suppliers?filter[name]=A%26B&filter[country]=FR&id=1&id=2`);
  });
});

describe("path parameters are refused before any request", () => {
  it.each([
    [
      "uuid",
      `${at}/approval-workflows/{workflowId}`,
      "get",
      { workflowId: "../../admin" },
      "params.path.workflowId",
      /UUID/,
    ],
    [
      "int64 beyond a safe integer",
      `${at}/documents/{id}`,
      "delete",
      { id: 2 ** 53 + 2 },
      "params.path.id",
      /int64 \(-9007199254740991 to 9007199254740991\)/,
    ],
    [
      "int64 as a string",
      `${at}/documents/{id}`,
      "delete",
      { id: "9007199254740993" },
      "params.path.id",
      /int64/,
    ],
    [
      "enum",
      `${at}/booked-documents/{kind}`,
      "get",
      { kind: "receipt" },
      "params.path.kind",
      /one of \["invoice","credit-note"\]/,
    ],
  ])("%s", async (_, path, method, values, parameter, accepted) => {
    const call = lucca.request(method, path, { params: { path: values } });
    await expect(call).rejects.toBeInstanceOf(LuccaValidationError);
    const error = (await call.catch((e: unknown) => e)) as LuccaValidationError;
    expect(error.parameter).toBe(parameter);
    expect(error.message).toContain(parameter);
    expect(error.message).toMatch(accepted);
    expect(seen).toEqual([]);
  });

  it("accepts the values the schema allows, and sends them", async () => {
    reply = { status: 200, headers: { "Content-Type": "application/json" }, body: "[]" };
    const uuid = "0b6d2f4e-8a51-4c1e-9d35-5b9f0a7c2e11";
    await lucca.request("get", `${at}/approval-workflows/{workflowId}`, {
      params: { path: { workflowId: uuid } },
    });
    await lucca.request("get", `${at}/booked-documents/{kind}`, {
      params: { path: { kind: "credit-note" } },
    });
    reply = { status: 204 };
    await lucca.request("delete", `${at}/documents/{id}`, {
      params: { path: { id: Number.MAX_SAFE_INTEGER } },
    });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET ${at}/approval-workflows/${uuid}`,
      `GET ${at}/booked-documents/credit-note`,
      `DELETE ${at}/documents/9007199254740991`,
    ]);
  });
});
