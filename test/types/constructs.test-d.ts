// Type tests (vitest typecheck mode, run by `npm test`) over a hand-written `paths` holding one
// operation per construct. Exact types: a result, a parameter or a body turned `any` fails here.
// Each @ts-expect-error line sits beside a line that differs from it in one thing only and compiles,
// so it fails for that one reason.
import { describe, expectTypeOf, test } from "vitest";
import type { MaybeOptionalInit } from "openapi-fetch";
import {
  wrapAsPathBasedClient,
  type CallPaths,
  type LuccaApiError,
  type LuccaClient,
  type ProblemDetails,
} from "../../src/index.js";
import type { ConstructPaths, ConstructSchemas } from "./construct-paths.js";

declare const client: LuccaClient<ConstructPaths>;

type Call = CallPaths<ConstructPaths>;
/** The init a call accepts, as openapi-fetch derives it from the call-site paths. */
type InitOf<Path extends keyof Call, Method extends keyof Call[Path]> = NonNullable<
  MaybeOptionalInit<Call[Path], Method>
>;

describe("Authorization is the client's", () => {
  test("no operation's header parameters hold it", () => {
    expectTypeOf<Call["/things"]["get"]["parameters"]["header"]>().branded.toEqualTypeOf<
      { Authorization?: never; authorization?: never } | undefined
    >();
    expectTypeOf<Call["/things/{id}"]["parameters"]["header"]>().branded.toEqualTypeOf<
      { Authorization?: never; authorization?: never } | undefined
    >();
  });

  test("passing it in params or headers is refused, other headers are not", async () => {
    await client.DELETE("/things/{id}", { params: { path: { id: 1 }, header: {} } });
    await client.DELETE("/things/{id}", {
      // @ts-expect-error the client's own Authorization is always sent
      params: { path: { id: 1 }, header: { Authorization: "lucca application=other" } },
    });
    await client.DELETE("/things/{id}", {
      params: { path: { id: 1 } },
      headers: { "X-Trace": "1" },
    });
    await client.DELETE("/things/{id}", {
      params: { path: { id: 1 } },
      // @ts-expect-error the client's own Authorization is always sent
      headers: { Authorization: "Bearer x" },
    });
    await client.DELETE("/things/{id}", {
      params: { path: { id: 1 } },
      // @ts-expect-error whatever its case
      headers: { authorization: "Bearer x" },
    });
  });
});

describe("query: required, optional, enum", () => {
  test("params are exactly the spec's", () => {
    expectTypeOf<InitOf<"/things", "get">["params"]["query"]>().branded.toEqualTypeOf<{
      ids: number[];
      limit?: number;
      status?: "open" | "closed";
    }>();
    expectTypeOf<
      InitOf<"/things/by-status/{status}", "get">["params"]["path"]
    >().branded.toEqualTypeOf<{
      status: "open" | "closed";
    }>();
  });

  test("a required query must be given, an optional one may be left out", async () => {
    await client.GET("/things", { params: { query: { ids: [1, 2] } } });
    // @ts-expect-error the required `ids` is missing
    await client.GET("/things", { params: { query: {} } });
    await client.GET("/things", { params: { query: { ids: [1], limit: 10, status: "open" } } });
    // @ts-expect-error not one of the enum's values
    await client.GET("/things", { params: { query: { ids: [1], limit: 10, status: "gone" } } });
    // @ts-expect-error a string where the spec says integer
    await client.GET("/things", { params: { query: { ids: [1], limit: "10" } } });
    await client.GET("/things/by-status/{status}", { params: { path: { status: "closed" } } });
    // @ts-expect-error not one of the enum's values
    await client.GET("/things/by-status/{status}", { params: { path: { status: "gone" } } });
  });

  test("data and error", async () => {
    const listed = await client.GET("/things", { params: { query: { ids: [1] } } });
    expectTypeOf(listed.data).not.toBeAny();
    expectTypeOf(listed.error).not.toBeAny();
    if (listed.error) {
      expectTypeOf(listed.error).toEqualTypeOf<LuccaApiError<ProblemDetails>>();
      expectTypeOf(listed.data).toEqualTypeOf<undefined>();
    } else {
      expectTypeOf(listed.data).toEqualTypeOf<ConstructSchemas["thing-list"]>();
      expectTypeOf(listed.data.items[0]?.status).toEqualTypeOf<"open" | "closed" | undefined>();
      expectTypeOf(listed.data.items[0]?.closedAt).toEqualTypeOf<string | null | undefined>();
    }
    const byStatus = await client.GET("/things/by-status/{status}", {
      params: { path: { status: "open" } },
    });
    if (!byStatus.error) expectTypeOf(byStatus.data).toEqualTypeOf<ConstructSchemas["thing"][]>();
  });
});

describe("a oneOf body with nested objects and arrays of objects", () => {
  test("the body is exactly the spec's union", () => {
    expectTypeOf<InitOf<"/things", "post">["body"]>().branded.toEqualTypeOf<
      ConstructSchemas["payment-method"]
    >();
  });

  test("each branch is accepted", async () => {
    await client.POST("/things", { body: { kind: "card", card: { last4: "1234" } } });
    await client.POST("/things", {
      body: { kind: "card", card: { last4: "1234" }, tags: [{ name: "a", color: "red" }] },
    });
    await client.POST("/things", { body: { kind: "supplier", supplier: { id: 1 } } });
    await client.POST("/things", {
      body: {
        kind: "supplier",
        supplier: { id: 1, address: { city: "Paris", lines: ["1 rue"], geo: { lat: 1, lng: 2 } } },
      },
    });
  });

  test("a declared variable of the body's type is accepted", async () => {
    const body: ConstructSchemas["payment-method"] = { kind: "card", card: { last4: "1" } };
    await client.POST("/things", { body });
  });

  test("what no branch allows is refused", async () => {
    await client.POST("/things", { body: { kind: "card", card: { last4: "1234" } } });
    // @ts-expect-error the card branch with the supplier's discriminator
    await client.POST("/things", { body: { kind: "supplier", card: { last4: "1234" } } });
    await client.POST("/things", {
      // @ts-expect-error a key of the other branch
      body: { kind: "card", card: { last4: "1" }, supplier: { id: 1 } },
    });
    // @ts-expect-error no branch at all
    await client.POST("/things", { body: {} });
  });

  test("unknown keys are refused at every depth", async () => {
    await client.POST("/things", { body: { kind: "card", card: { last4: "1" } } });
    // @ts-expect-error top level
    await client.POST("/things", { body: { kind: "card", card: { last4: "1" }, note: "x" } });
    // @ts-expect-error in a nested object
    await client.POST("/things", { body: { kind: "card", card: { last4: "1", cvc: "123" } } });
    await client.POST("/things", {
      body: { kind: "supplier", supplier: { id: 1, address: { city: "P", lines: [] } } },
    });
    await client.POST("/things", {
      // @ts-expect-error two levels down
      body: { kind: "supplier", supplier: { id: 1, address: { city: "P", lines: [], zip: "1" } } },
    });
    await client.POST("/things", {
      body: { kind: "card", card: { last4: "1" }, tags: [{ name: "a" }, { name: "b" }] },
    });
    await client.POST("/things", {
      // @ts-expect-error in one item of an array of objects
      body: { kind: "card", card: { last4: "1" }, tags: [{ name: "a" }, { name: "b", size: 1 }] },
    });
  });

  test("data and the declared problem+json error", async () => {
    const created = await client.POST("/things", { body: { kind: "card", card: { last4: "1" } } });
    expectTypeOf(created.data).not.toBeAny();
    expectTypeOf(created.error).not.toBeAny();
    if (created.error) {
      expectTypeOf(created.error).toEqualTypeOf<
        LuccaApiError<ConstructSchemas["validation-problem"]>
      >();
      expectTypeOf(created.error.problem).toEqualTypeOf<
        ConstructSchemas["validation-problem"] | undefined
      >();
    } else {
      expectTypeOf(created.data).toEqualTypeOf<ConstructSchemas["thing"]>();
    }
  });
});

describe("an optional anyOf body", () => {
  test("the body is exactly the spec's union, optional", async () => {
    expectTypeOf<InitOf<"/things/{id}", "post">["body"]>().branded.toEqualTypeOf<
      ConstructSchemas["note"] | undefined
    >();
    await client.POST("/things/{id}", { params: { path: { id: 1 } } });
    await client.POST("/things/{id}", { params: { path: { id: 1 } }, body: { text: "x" } });
    await client.POST("/things/{id}", { params: { path: { id: 1 } }, body: { attachmentId: 2 } });
    await client.POST("/things/{id}", {
      params: { path: { id: 1 } },
      // @ts-expect-error a key neither branch declares
      body: { attachmentId: 2, size: 1 },
    });
    const noted = await client.POST("/things/{id}", { params: { path: { id: 1 } } });
    expectTypeOf(noted.data).not.toBeAny();
    if (!noted.error) expectTypeOf(noted.data).toEqualTypeOf<ConstructSchemas["note"]>();
  });
});

describe("a required body with a nullable field, nested objects and an array of objects; 204", () => {
  const path = { path: { id: 1 } };

  test("the body is exactly the spec's", () => {
    expectTypeOf<InitOf<"/things/{id}", "put">["body"]>().branded.toEqualTypeOf<
      ConstructSchemas["thing-update"]
    >();
  });

  test("nullable, enum and nested values are accepted as written", async () => {
    await client.PUT("/things/{id}", {
      params: path,
      body: { label: "x", comment: null, lines: [{ label: "a", amount: 1, unit: "day" }] },
    });
    await client.PUT("/things/{id}", {
      params: path,
      body: { label: "x", lines: [], owner: { id: 1, team: { code: "t" } } },
    });
    await client.PUT("/things/{id}", {
      params: path,
      body: { label: "x", lines: [], links: [{ url: "u" }, { fileId: 1 }] },
    });
    // TS types these items `{ url: string; fileId?: undefined } | ...`: not an unknown key.
    const links = [{ url: "u" }, { fileId: 1 }];
    await client.PUT("/things/{id}", { params: path, body: { label: "x", lines: [], links } });
  });

  test("a recursive schema: a declared value, and a literal checked to its depth", async () => {
    const category: ConstructSchemas["category"] = { name: "a", children: [] };
    await client.PUT("/things/{id}", { params: path, body: { label: "x", lines: [], category } });
    await client.PUT("/things/{id}", {
      params: path,
      body: { label: "x", lines: [], category: { name: "a", children: [{ name: "b" }] } },
    });
    await client.PUT("/things/{id}", {
      params: path,
      // @ts-expect-error an unknown key in an item of the recursive children
      body: { label: "x", lines: [], category: { name: "a", children: [{ name: "b", id: 1 }] } },
    });
  });

  test("what the spec refuses is refused", async () => {
    // @ts-expect-error the body is required
    await client.PUT("/things/{id}", { params: path });
    await client.PUT("/things/{id}", {
      params: path,
      // @ts-expect-error `label` is required
      body: { lines: [] },
    });
    await client.PUT("/things/{id}", {
      params: path,
      // @ts-expect-error not one of the enum's values
      body: { label: "x", lines: [{ label: "a", amount: 1, unit: "week" }] },
    });
    await client.PUT("/things/{id}", {
      params: path,
      // @ts-expect-error an unknown key in an array of objects
      body: { label: "x", lines: [{ label: "a", amount: 1, vat: 20 }] },
    });
    await client.PUT("/things/{id}", {
      params: path,
      // @ts-expect-error an unknown key two objects down
      body: { label: "x", lines: [], owner: { id: 1, team: { code: "t", name: "n" } } },
    });
    await client.PUT("/things/{id}", {
      params: path,
      // @ts-expect-error an unknown key in one item of an array of oneOf items
      body: { label: "x", lines: [], links: [{ url: "u" }, { fileId: 1, size: 2 }] },
    });
  });

  test("a 204 has no data (undefined)", async () => {
    const updated = await client.PUT("/things/{id}", {
      params: path,
      body: { label: "x", lines: [] },
    });
    expectTypeOf(updated.data).not.toBeAny();
    if (!updated.error) expectTypeOf(updated.data).toEqualTypeOf<undefined>();
    const deleted = await client.DELETE("/things/{id}", { params: path });
    if (!deleted.error) expectTypeOf(deleted.data).toEqualTypeOf<undefined>();
    else expectTypeOf(deleted.error).toEqualTypeOf<LuccaApiError<ProblemDetails>>();
  });
});

describe("binary bodies", () => {
  const params = { path: { id: 1 } };

  test("a download is a Blob", async () => {
    const downloaded = await client.GET("/things/{id}/content", { params });
    expectTypeOf(downloaded.data).not.toBeAny();
    if (!downloaded.error) expectTypeOf(downloaded.data).toEqualTypeOf<Blob>();
    const buffer = await client.GET("/things/{id}/content", { params, parseAs: "arrayBuffer" });
    if (!buffer.error) expectTypeOf(buffer.data).toEqualTypeOf<ArrayBuffer>();
  });

  test("an upload takes a Blob", async () => {
    // openapi-fetch types a binary body as its `Writable<Blob>`, which a Blob is assignable to.
    expectTypeOf<InitOf<"/things/{id}/content", "put">["body"]>().toEqualTypeOf<
      NonNullable<MaybeOptionalInit<ConstructPaths["/things/{id}/content"], "put">>["body"]
    >();
    expectTypeOf<InitOf<"/things/{id}/content", "put">["body"]>().not.toBeAny();
    await client.PUT("/things/{id}/content", { params, body: new Blob(["%PDF"]) });
    // @ts-expect-error a string is not the Blob the spec declares
    await client.PUT("/things/{id}/content", { params, body: "%PDF" });
  });
});

describe("methods", () => {
  test("a method the path does not declare is refused, though other paths have it", async () => {
    await client.GET("/things/{id}/content", { params: { path: { id: 1 } } });
    // @ts-expect-error no GET on this path
    await client.GET("/things/{id}", { params: { path: { id: 1 } } });
    await client.request("get", "/things/{id}/content", { params: { path: { id: 1 } } });
    // @ts-expect-error no GET on this path
    await client.request("get", "/things/{id}", { params: { path: { id: 1 } } });
    const byPath = wrapAsPathBasedClient(client);
    await byPath["/things/{id}/content"].GET({ params: { path: { id: 1 } } });
    // @ts-expect-error no GET on this path
    await byPath["/things/{id}"].GET({ params: { path: { id: 1 } } });
  });
});

describe("request() and the path-based client check as the methods do", () => {
  test("a oneOf branch is accepted, an unknown nested key refused, data typed", async () => {
    const body = { kind: "card", card: { last4: "1" } } as const;
    const requested = await client.request("post", "/things", { body });
    if (!requested.error) expectTypeOf(requested.data).toEqualTypeOf<ConstructSchemas["thing"]>();
    await client.request("post", "/things", {
      // @ts-expect-error an unknown key in a nested object
      body: { kind: "card", card: { last4: "1", cvc: "1" } },
    });
    const byPath = wrapAsPathBasedClient(client);
    const posted = await byPath["/things"].POST({
      body: { kind: "supplier", supplier: { id: 1 } },
    });
    expectTypeOf(posted.data).not.toBeAny();
    if (!posted.error) expectTypeOf(posted.data).toEqualTypeOf<ConstructSchemas["thing"]>();
    await byPath["/things"].POST({
      // @ts-expect-error an unknown key in a nested object
      body: { kind: "supplier", supplier: { id: 1, vat: "FR" } },
    });
  });
});
