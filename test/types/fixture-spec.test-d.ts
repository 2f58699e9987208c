// Type tests over the types generated from the synthetic fixture pages (test/fixtures/generated,
// compiled by `npm run generate` from test/fixtures/pages): every construct a page can declare, as
// a call site sees it. Exact types: `data`, `error`, a parameter or a body turned `any` fails here.
// Each @ts-expect-error line follows a line that differs from it in one thing only and compiles.
import { describe, expectTypeOf, test } from "vitest";
import type { MaybeOptionalInit } from "openapi-fetch";
import type { CallPaths, LuccaApiError, LuccaClient, ProblemDetails } from "../../src/index.js";
import type { components, paths } from "../fixtures/generated/lucca-invoices.js";

declare const client: LuccaClient<paths>;

type Schemas = components["schemas"];
type Call = CallPaths<paths>;
type InitOf<Path extends keyof Call, Method extends keyof Call[Path]> = NonNullable<
  MaybeOptionalInit<Call[Path], Method>
>;
const base = "/cleemy-procurement/api/synthetic-fixtures";
const id = { path: { id: 7 } };

describe("a oneOf body with nested objects and arrays of objects (create-payment)", () => {
  const payments = `${base}/purchases/{id}/payments` as const;
  const line = { amount: { value: 10, currency: "EUR" } } as const;

  test("the body is exactly the spec's union", () => {
    expectTypeOf<InitOf<typeof payments, "post">["body"]>().branded.toEqualTypeOf<
      Schemas["fixture-card-payment"] | Schemas["fixture-transfer-payment"]
    >();
  });

  test("each branch is accepted, enums inferred as literals", async () => {
    await client.POST(payments, {
      params: id,
      body: { method: "card", card: { last4: "4242", holder: { name: "A" } }, lines: [line] },
    });
    await client.POST(payments, { params: id, body: { method: "transfer", iban: "FR76" } });
    await client.POST(payments, {
      params: id,
      body: {
        method: "transfer",
        iban: "FR76",
        lines: [{ amount: { value: 1, currency: "CHF" }, allocation: { costCenter: { id: 3 } } }],
      },
    });
  });

  test("what no branch allows is refused", async () => {
    await client.POST(payments, { params: id, body: { method: "transfer", iban: "FR76" } });
    // @ts-expect-error the transfer branch with the card's discriminator
    await client.POST(payments, { params: id, body: { method: "card", iban: "FR76" } });
    // @ts-expect-error not one of the enum's values
    await client.POST(payments, { params: id, body: { method: "cheque", iban: "FR76" } });
  });

  test("unknown keys are refused at every depth", async () => {
    await client.POST(payments, {
      params: id,
      body: { method: "card", card: { last4: "1", holder: { name: "A" } }, lines: [] },
    });
    await client.POST(payments, {
      params: id,
      // @ts-expect-error two objects down
      body: { method: "card", card: { last4: "1", holder: { name: "A", age: 3 } }, lines: [] },
    });
    await client.POST(payments, {
      params: id,
      body: {
        method: "transfer",
        iban: "FR76",
        lines: [{ amount: { value: 1, currency: "EUR" } }],
      },
    });
    await client.POST(payments, {
      params: id,
      body: {
        method: "transfer",
        iban: "FR",
        // @ts-expect-error in an object inside an array of objects
        lines: [{ amount: { value: 1, currency: "EUR", vat: 2 } }],
      },
    });
  });

  test("data and error", async () => {
    const paid = await client.POST(payments, {
      params: id,
      body: { method: "transfer", iban: "F" },
    });
    expectTypeOf(paid.data).not.toBeAny();
    expectTypeOf(paid.error).not.toBeAny();
    if (paid.error) expectTypeOf(paid.error).toEqualTypeOf<LuccaApiError<ProblemDetails>>();
    else expectTypeOf(paid.data).toEqualTypeOf<{ id: number; status: "Pending" | "Done" }>();
  });
});

describe("query parameters", () => {
  test("optional: a form array of enums, integers, a one-value enum (list-invoices)", async () => {
    const invoices = `${base}/invoices` as const;
    expectTypeOf<NonNullable<InitOf<typeof invoices, "get">["params"]>["query"]>().toEqualTypeOf<
      | {
          "invoice.conformityStates"?: ("Confirmed" | "ToReview" | "Rejected")[];
          limit?: number;
          page?: number;
          "fields.root"?: "count";
        }
      | undefined
    >();
    await client.GET(invoices);
    await client.GET(invoices, {
      params: { query: { "invoice.conformityStates": ["Confirmed"], limit: 10, page: 2 } },
    });
    // @ts-expect-error not one of the enum's values
    await client.GET(invoices, { params: { query: { "invoice.conformityStates": ["Paid"] } } });
    await client.GET(invoices, { params: { query: { "fields.root": "count" } } });
    const listed = await client.GET(invoices);
    expectTypeOf(listed.data).not.toBeAny();
    if (!listed.error) {
      expectTypeOf(listed.data).toEqualTypeOf<Schemas["fixture-invoice-page"]>();
    }
  });

  test("required: an exploded array, and a deepObject (list-suppliers)", async () => {
    const suppliers = `${base}/suppliers` as const;
    expectTypeOf<InitOf<typeof suppliers, "get">["params"]["query"]>().toEqualTypeOf<{
      id: number[];
      filter?: { name?: string; country?: string };
    }>();
    await client.GET(suppliers, { params: { query: { id: [1, 2], filter: { name: "a" } } } });
    // @ts-expect-error the required `id` is missing
    await client.GET(suppliers, { params: { query: { filter: { name: "a" } } } });
    const listed = await client.GET(suppliers, { params: { query: { id: [1] } } });
    expectTypeOf(listed.data).not.toBeAny();
    if (!listed.error) expectTypeOf(listed.data).toEqualTypeOf<Schemas["fixture-supplier"][]>();
  });
});

describe("path parameters", () => {
  test("uuid string (get-approval-workflow)", async () => {
    const workflows = `${base}/approval-workflows/{workflowId}` as const;
    expectTypeOf<InitOf<typeof workflows, "get">["params"]["path"]>().toEqualTypeOf<{
      workflowId: string;
    }>();
    const got = await client.GET(workflows, { params: { path: { workflowId: "0f8f" } } });
    // @ts-expect-error a number where the spec says string
    await client.GET(workflows, { params: { path: { workflowId: 1 } } });
    if (!got.error) expectTypeOf(got.data).toEqualTypeOf<{ id?: string; steps?: number }>();
  });

  test("enum (list-booked-documents)", async () => {
    const booked = `${base}/booked-documents/{kind}` as const;
    const listed = await client.GET(booked, { params: { path: { kind: "credit-note" } } });
    // @ts-expect-error not one of the enum's values
    await client.GET(booked, { params: { path: { kind: "receipt" } } });
    expectTypeOf(listed.data).not.toBeAny();
    if (!listed.error) {
      expectTypeOf(listed.data).toEqualTypeOf<
        { id?: number; kind?: "invoice" | "credit-note" }[]
      >();
    }
  });

  test("a string code (rename-supplier-contact, PATCH, 204)", async () => {
    const contact = `${base}/supplier-contacts/{code}` as const;
    const renamed = await client.PATCH(contact, {
      params: { path: { code: "c1" } },
      body: { code: "c2", name: "n" },
    });
    expectTypeOf(renamed.data).not.toBeAny();
    if (!renamed.error) expectTypeOf(renamed.data).toEqualTypeOf<undefined>();
    await client.PATCH(contact, {
      params: { path: { code: "c1" } },
      // @ts-expect-error `name` is required
      body: { code: "c2" },
    });
  });
});

describe("JSON bodies", () => {
  test("a required field (update-inbox-document)", async () => {
    const inbox = `${base}/inbox-documents/{id}` as const;
    expectTypeOf<InitOf<typeof inbox, "put">["body"]>().branded.toEqualTypeOf<
      Schemas["fixture-inbox-document-update"]
    >();
    const updated = await client.PUT(inbox, { params: id, body: { name: "n" } });
    // @ts-expect-error `name` is required
    await client.PUT(inbox, { params: id, body: { comment: "c" } });
    // @ts-expect-error an unknown key
    await client.PUT(inbox, { params: id, body: { name: "n", title: "t" } });
    expectTypeOf(updated.data).not.toBeAny();
    if (!updated.error) {
      expectTypeOf(updated.data).toEqualTypeOf<Schemas["fixture-inbox-document"]>();
    }
  });

  test("a schema with readOnly fields, sent and answered (create-supplier-contact)", async () => {
    const contacts = `${base}/suppliers/{id}/contacts` as const;
    const created = await client.POST(contacts, { params: id, body: { code: "c" } });
    await client.POST(contacts, {
      params: id,
      // @ts-expect-error an unknown key
      body: { code: "c", phone: "1" },
    });
    expectTypeOf(created.data).not.toBeAny();
    if (!created.error) {
      expectTypeOf(created.data).toEqualTypeOf<Schemas["fixture-supplier-contact"]>();
    }
  });

  test("a GET declaring an optional body (search-invoices)", async () => {
    const searches = `${base}/invoice-searches` as const;
    await client.GET(searches);
    const found = await client.GET(searches, { body: { supplierIds: [1], text: "t" } });
    // @ts-expect-error an unknown key
    await client.GET(searches, { body: { supplierIds: [1], txt: "t" } });
    expectTypeOf(found.data).not.toBeAny();
    if (!found.error) expectTypeOf(found.data).toEqualTypeOf<{ id?: number }[]>();
  });

  test("a problem+json error with its own schema (reject-invoice)", async () => {
    const rejections = `${base}/invoices/{id}/rejections` as const;
    const rejected = await client.POST(rejections, { params: id, body: { reason: "r" } });
    // @ts-expect-error an unknown key
    await client.POST(rejections, { params: id, body: { reason: "r", code: 1 } });
    expectTypeOf(rejected.error).not.toBeAny();
    if (rejected.error) {
      expectTypeOf(rejected.error).toEqualTypeOf<LuccaApiError<Schemas["fixture-problem"]>>();
      expectTypeOf(rejected.error.problem?.errors).toEqualTypeOf<
        { [key: string]: string[] } | undefined
      >();
    } else {
      expectTypeOf(rejected.data).toEqualTypeOf<{ id?: number }>();
    }
  });
});

describe("forms, files and text", () => {
  test("multipart: a Blob file and a text field (upload-invoice-attachment)", async () => {
    const attachments = `${base}/invoices/{id}/attachments` as const;
    const file = new Blob(["%PDF"], { type: "application/pdf" });
    const uploaded = await client.POST(attachments, {
      params: id,
      body: { file, description: "d" },
    });
    // @ts-expect-error a string where the spec says a binary file
    await client.POST(attachments, { params: id, body: { file: "%PDF", description: "d" } });
    // @ts-expect-error an unknown key
    await client.POST(attachments, { params: id, body: { file, description: "d", size: 4 } });
    expectTypeOf(uploaded.data).not.toBeAny();
    if (!uploaded.error) {
      expectTypeOf(uploaded.data).toEqualTypeOf<{ id?: number; fileName?: string }>();
    }
  });

  test("x-www-form-urlencoded (post-purchase-comment)", async () => {
    const comments = `${base}/purchases/{id}/comments` as const;
    const posted = await client.POST(comments, { params: id, body: { text: "t", notify: true } });
    // @ts-expect-error a string where the spec says boolean
    await client.POST(comments, { params: id, body: { text: "t", notify: "true" } });
    expectTypeOf(posted.data).not.toBeAny();
    if (!posted.error) expectTypeOf(posted.data).toEqualTypeOf<{ id?: number; text?: string }>();
  });

  test("a raw binary body, 204 (replace-file-content)", async () => {
    const content = `${base}/files/{id}/content` as const;
    const replaced = await client.PUT(content, { params: id, body: new Blob(["%PDF"]) });
    // @ts-expect-error a string is not the Blob the spec declares
    await client.PUT(content, { params: id, body: "%PDF" });
    expectTypeOf(replaced.data).not.toBeAny();
    if (!replaced.error) expectTypeOf(replaced.data).toEqualTypeOf<undefined>();
  });

  test("a binary download is a Blob (download-invoice-pdf)", async () => {
    const pdf = await client.GET(`${base}/files/{id}/pdf`, { params: id });
    expectTypeOf(pdf.data).not.toBeAny();
    if (!pdf.error) expectTypeOf(pdf.data).toEqualTypeOf<Blob>();
  });

  test("a text/plain answer is a string (export-vat-rates)", async () => {
    const exported = await client.GET(`${base}/vat-rates/export`);
    expectTypeOf(exported.data).not.toBeAny();
    if (!exported.error) expectTypeOf(exported.data).toEqualTypeOf<string>();
  });
});

describe("responses", () => {
  test("nullable fields and an enum (get-nature)", async () => {
    const nature = await client.GET(`${base}/natures/{id}`, { params: id });
    expectTypeOf(nature.data).not.toBeAny();
    if (!nature.error) {
      expectTypeOf(nature.data).toEqualTypeOf<Schemas["fixture-nature"]>();
      expectTypeOf(nature.data.code).toEqualTypeOf<string | null | undefined>();
      expectTypeOf(nature.data.status).toEqualTypeOf<"Active" | "Archived">();
    }
  });

  test("a DELETE with a 204 (delete-document)", async () => {
    const deleted = await client.DELETE(`${base}/documents/{id}`, { params: id });
    expectTypeOf(deleted.data).not.toBeAny();
    if (deleted.error) expectTypeOf(deleted.error).toEqualTypeOf<LuccaApiError<ProblemDetails>>();
    else expectTypeOf(deleted.data).toEqualTypeOf<undefined>();
    // @ts-expect-error a string where the spec says integer
    await client.DELETE(`${base}/documents/{id}`, { params: { path: { id: "7" } } });
  });
});
