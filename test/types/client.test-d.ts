// Checked by `tsc` in `npm test`: each @ts-expect-error must fail to compile, the rest must compile.
import {
  createLuccaInvoicesClient,
  wrapAsPathBasedClient,
  type Middleware,
} from "../../src/index.js";

const lucca = createLuccaInvoicesClient({ apiKey: "k", baseUrl: "http://127.0.0.1:1" });

export async function compiles(): Promise<void> {
  const confirmed = await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
    params: { path: { id: 42 } },
    body: { strategy: "default" },
  });
  if (confirmed.data) {
    const id: number | undefined = confirmed.data.id;
    const author: string | undefined = confirmed.data.author?.name;
    void [id, author];
  }
  const closed = await lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
    params: { path: { id: 7 } },
    body: { comment: "done", date: "2026-11-23" },
  });
  void closed.response.status;
  // A body is optional in the spec.
  await lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
    params: { path: { id: 7 } },
  });
}

export async function fails(): Promise<void> {
  // @ts-expect-error wrong path
  await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmation", {
    params: { path: { id: 1 } },
  });
  // @ts-expect-error no such method on this path
  await lucca.GET("/cleemy-procurement/api/invoices/{id}/confirmations", {
    params: { path: { id: 1 } },
  });
  // @ts-expect-error missing init with the id
  await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations");
  // @ts-expect-error missing id
  await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", { params: { path: {} } });
  await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
    // @ts-expect-error string id
    params: { path: { id: "42" } },
  });
  await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
    params: { path: { id: 42 } },
    // @ts-expect-error wrong body field
    body: { strategie: "default" },
  });
  await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
    params: { path: { id: 42 } },
    // @ts-expect-error wrong body field type
    body: { strategy: 1 },
  });
  await lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
    params: { path: { id: 42 } },
    // @ts-expect-error a confirmation body on the closing operation
    body: { comment: "x", strategy: "default" },
  });
}

export async function readmeExample(): Promise<void> {
  const { data, error } = await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
    params: { path: { id: 42 } },
    body: { strategy: "default" },
  });
  if (error) throw error;
  const name: string | undefined = data.author?.name;
  const status: number = error === undefined ? 0 : 1;
  void [name, status];
}

export async function errorIsTyped(): Promise<void> {
  const closed = await lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
    params: { path: { id: 7 } },
  });
  if (closed.error) {
    const kind: "rate_limited" | string = closed.error.kind;
    const status: number = closed.error.status;
    void [kind, status];
  }
  // Per-call options are typed.
  await lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
    params: { path: { id: 7 } },
    maxRetries: 0,
    timeoutMs: 1_000,
    signal: AbortSignal.timeout(5_000),
  });
  await lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
    params: { path: { id: 7 } },
    // @ts-expect-error maxRetries is a number
    maxRetries: "2",
  });
}

export async function parseAs(): Promise<void> {
  const path = "/cleemy-procurement/api/invoices/{id}/confirmations";
  const init = { params: { path: { id: 1 } } };
  const text = await lucca.POST(path, { ...init, parseAs: "text" });
  if (text.data !== undefined) {
    const raw: string = text.data;
    void raw;
  }
  // Every parseAs mode of openapi-fetch, typed as openapi-fetch types it.
  const blob: Blob | undefined = (await lucca.POST(path, { ...init, parseAs: "blob" })).data;
  const buffer: ArrayBuffer | undefined = (
    await lucca.POST(path, { ...init, parseAs: "arrayBuffer" })
  ).data;
  const stream: ReadableStream | null | undefined = (
    await lucca.POST(path, { ...init, parseAs: "stream" })
  ).data;
  void [blob, buffer, stream];
  // @ts-expect-error not a parseAs mode
  await lucca.POST(path, { ...init, parseAs: "xml" });
}

export async function authorizationIsTheClients(): Promise<void> {
  const path = "/cleemy-procurement/api/purchases/{id}/closing";
  await lucca.POST(path, {
    // @ts-expect-error the client's own Authorization is always sent
    params: { path: { id: 7 }, header: { Authorization: "lucca application=other" } },
  });
  await lucca.POST(path, {
    params: { path: { id: 7 } },
    // @ts-expect-error the client's own Authorization is always sent
    headers: { Authorization: "Bearer x" },
  });
  // Other headers are fine.
  await lucca.POST(path, { params: { path: { id: 7 } }, headers: { "X-Trace": "1" } });
}

export async function anOpenapiFetchClient(): Promise<void> {
  // request(), use() and eject() as openapi-fetch has them; a path-based view with the same types.
  const closed = await lucca.request("post", "/cleemy-procurement/api/purchases/{id}/closing", {
    params: { path: { id: 7 } },
  });
  void closed.response;
  const byPath = wrapAsPathBasedClient(lucca);
  await byPath["/cleemy-procurement/api/purchases/{id}/closing"].POST({
    params: { path: { id: 7 } },
  });
  const trace: Middleware = {
    onRequest: ({ request }) => {
      request.headers.set("X-Trace", "1");
    },
  };
  lucca.use(trace);
  lucca.eject(trace);
  // @ts-expect-error not a method of that path
  await lucca.request("get", "/cleemy-procurement/api/purchases/{id}/closing", {
    params: { path: { id: 7 } },
  });
}
