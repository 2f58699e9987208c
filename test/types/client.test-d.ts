// Type tests over the vendored spec's two operations (vitest typecheck mode, run by `npm test`).
// Exact types: `data` or `error` turned `any` fails here. Each @ts-expect-error line follows a line
// that differs from it in one thing only and compiles, so it fails for that one reason.
import { describe, expectTypeOf, test } from "vitest";
import {
  createLuccaInvoicesClient,
  wrapAsPathBasedClient,
  type components,
  type LuccaApiError,
  type Middleware,
  type ProblemDetails,
} from "../../src/index.js";

const lucca = createLuccaInvoicesClient({ apiKey: "k", baseUrl: "http://127.0.0.1:1" });
const confirmations = "/cleemy-procurement/api/invoices/{id}/confirmations";
const closing = "/cleemy-procurement/api/purchases/{id}/closing";
type Confirmation = components["schemas"]["confirmation"];

describe("paths and path parameters", () => {
  test("a wrong path is refused", async () => {
    await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
      params: { path: { id: 1 } },
    });
    // @ts-expect-error wrong path
    await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmation", {
      params: { path: { id: 1 } },
    });
  });

  test("the id is required and an integer", async () => {
    await lucca.POST(confirmations, { params: { path: { id: 42 } } });
    // @ts-expect-error missing init with the id
    await lucca.POST(confirmations);
    // @ts-expect-error missing id
    await lucca.POST(confirmations, { params: { path: {} } });
    // @ts-expect-error string id
    await lucca.POST(confirmations, { params: { path: { id: "42" } } });
  });
});

describe("bodies", () => {
  test("the spec's body fields are accepted, others refused", async () => {
    await lucca.POST(confirmations, {
      params: { path: { id: 42 } },
      body: { strategy: "default" },
    });
    await lucca.POST(confirmations, {
      params: { path: { id: 42 } },
      // @ts-expect-error wrong body field
      body: { strategie: "default" },
    });
    await lucca.POST(confirmations, {
      params: { path: { id: 42 } },
      // @ts-expect-error wrong body field type
      body: { strategy: 1 },
    });
    await lucca.POST(closing, { params: { path: { id: 7 } }, body: { comment: "x" } });
    await lucca.POST(closing, {
      params: { path: { id: 7 } },
      // @ts-expect-error a confirmation body field on the closing operation
      body: { comment: "x", strategy: "default" },
    });
  });

  test("a body the spec marks optional may be left out", async () => {
    await lucca.POST(closing, { params: { path: { id: 7 } } });
    await lucca.POST(closing, {
      params: { path: { id: 7 } },
      body: { comment: "done", date: "2026-11-23" },
    });
  });
});

describe("data and error", () => {
  test("a 201 with a JSON body", async () => {
    const confirmed = await lucca.POST(confirmations, {
      params: { path: { id: 42 } },
      body: { strategy: "default" },
    });
    expectTypeOf(confirmed.data).not.toBeAny();
    expectTypeOf(confirmed.error).not.toBeAny();
    expectTypeOf(confirmed.response).toEqualTypeOf<Response>();
    if (confirmed.error) {
      expectTypeOf(confirmed.error).toEqualTypeOf<LuccaApiError<ProblemDetails>>();
      expectTypeOf(confirmed.error.problem).toEqualTypeOf<ProblemDetails | undefined>();
      expectTypeOf(confirmed.data).toEqualTypeOf<undefined>();
      return;
    }
    expectTypeOf(confirmed.data).branded.toEqualTypeOf<Confirmation>();
    expectTypeOf(confirmed.data.id).toEqualTypeOf<number | undefined>();
    expectTypeOf(confirmed.data.author?.name).toEqualTypeOf<string | undefined>();
    expectTypeOf(confirmed.data.author?.pictureHref).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(confirmed.error).toEqualTypeOf<undefined>();
  });

  test("a 200 without a body", async () => {
    const closed = await lucca.POST(closing, { params: { path: { id: 7 } } });
    expectTypeOf(closed.data).not.toBeAny();
    if (closed.error) {
      expectTypeOf(closed.error.kind).toEqualTypeOf<LuccaApiError["kind"]>();
      expectTypeOf(closed.error.status).toEqualTypeOf<number>();
    } else {
      expectTypeOf(closed.data).toEqualTypeOf<undefined>();
    }
  });

  test("every parseAs mode, typed as openapi-fetch types it", async () => {
    const init = { params: { path: { id: 1 } } };
    const text = await lucca.POST(confirmations, { ...init, parseAs: "text" });
    if (!text.error) expectTypeOf(text.data).toEqualTypeOf<string>();
    const blob = await lucca.POST(confirmations, { ...init, parseAs: "blob" });
    if (!blob.error) expectTypeOf(blob.data).toEqualTypeOf<Blob>();
    const buffer = await lucca.POST(confirmations, { ...init, parseAs: "arrayBuffer" });
    if (!buffer.error) expectTypeOf(buffer.data).toEqualTypeOf<ArrayBuffer>();
    const stream = await lucca.POST(confirmations, { ...init, parseAs: "stream" });
    if (!stream.error) {
      expectTypeOf(stream.data).toEqualTypeOf<ReadableStream<Uint8Array<ArrayBuffer>> | null>();
    }
    await lucca.POST(confirmations, { ...init, parseAs: "json" });
    // @ts-expect-error not a parseAs mode
    await lucca.POST(confirmations, { ...init, parseAs: "xml" });
  });

  test("the README's example", async () => {
    const { data, error } = await lucca.POST(confirmations, {
      params: { path: { id: 42 } },
      body: { strategy: "default" },
    });
    if (error) throw error;
    expectTypeOf(data).branded.toEqualTypeOf<Confirmation>();
  });
});

describe("call options", () => {
  test("per-call options are typed", async () => {
    await lucca.POST(closing, {
      params: { path: { id: 7 } },
      maxRetries: 0,
      timeoutMs: 1_000,
      signal: AbortSignal.timeout(5_000),
    });
    await lucca.POST(closing, { params: { path: { id: 7 } }, maxRetries: 2 });
    await lucca.POST(closing, {
      params: { path: { id: 7 } },
      // @ts-expect-error maxRetries is a number
      maxRetries: "2",
    });
  });
});

describe("Authorization is the client's", () => {
  test("in params or in headers it is refused; other headers are not", async () => {
    await lucca.POST(closing, { params: { path: { id: 7 }, header: {} } });
    await lucca.POST(closing, {
      // @ts-expect-error the client's own Authorization is always sent
      params: { path: { id: 7 }, header: { Authorization: "lucca application=other" } },
    });
    await lucca.POST(closing, { params: { path: { id: 7 } }, headers: { "X-Trace": "1" } });
    await lucca.POST(closing, {
      params: { path: { id: 7 } },
      // @ts-expect-error the client's own Authorization is always sent
      headers: { Authorization: "Bearer x" },
    });
  });
});

describe("an openapi-fetch client", () => {
  test("request(), use() and eject() as openapi-fetch has them; a path-based view", async () => {
    const closed = await lucca.request("post", closing, { params: { path: { id: 7 } } });
    expectTypeOf(closed.data).not.toBeAny();
    if (!closed.error) expectTypeOf(closed.data).toEqualTypeOf<undefined>();
    const byPath = wrapAsPathBasedClient(lucca);
    const confirmed = await byPath[confirmations].POST({ params: { path: { id: 7 } } });
    if (!confirmed.error) expectTypeOf(confirmed.data).branded.toEqualTypeOf<Confirmation>();
    const trace: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set("X-Trace", "1");
      },
    };
    lucca.use(trace);
    lucca.eject(trace);
  });

  test("raw() is untyped on purpose", async () => {
    const raw = await lucca.raw("GET", "/cleemy-procurement/api/anything");
    if (!raw.error) expectTypeOf(raw.data).toEqualTypeOf<unknown>();
    else expectTypeOf(raw.error).toEqualTypeOf<LuccaApiError<ProblemDetails>>();
  });
});
