import { describe, expect, it } from "vitest";
import {
  expectAuthorizationRequired,
  invoiceId,
  apiKey,
  isDateTime,
  isInt32,
  lucca,
  onOurMock,
  rawPost,
  violations,
} from "./harness.js";

const path = "/cleemy-procurement/api/invoices/{id}/confirmations";

describe("post-invoice-confirmation", () => {
  it("confirms an invoice and returns the confirmation the schema describes", async () => {
    const { data, error, response } = await lucca.POST(path, {
      params: { path: { id: invoiceId } },
      body: { strategy: "default" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")?.split(";")[0]).toBe("application/json");
    if (onOurMock) {
      // Prism's static mock answers every declared property from its schema, the same each time:
      // the smallest int32, "string", its date-time and uri samples. The whole body, exactly.
      expect(data).toEqual({
        id: -2147483648,
        strategy: "string",
        createdAt: "2019-08-24T14:15:22Z",
        author: {
          id: -2147483648,
          href: "http://example.com",
          name: "string",
          firstName: "string",
          lastName: "string",
          pictureHref: "http://example.com",
        },
      });
      return;
    }
    // Another server: the schema marks no property required; those it sends have their types.
    expect(typeof data).toBe("object");
    if (data?.id !== undefined) expect(isInt32(data.id)).toBe(true);
    if (data?.strategy !== undefined) expect(typeof data.strategy).toBe("string");
    if (data?.createdAt !== undefined) expect(isDateTime(data.createdAt)).toBe(true);
    if (data?.author?.id !== undefined) expect(isInt32(data.author.id)).toBe(true);
  });

  it("is accepted without a body, which the spec makes optional", async () => {
    const { error, response } = await lucca.POST(path, { params: { path: { id: 7 } } });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
  });

  it("is refused (422) without the Authorization header the client adds, so validation is real", async () => {
    await expectAuthorizationRequired(
      path.replace("{id}", String(invoiceId)),
      { strategy: "default" },
      201,
    );
  });

  it("is refused (422) for an id that is not an integer", async () => {
    const bad = await rawPost(
      path.replace("{id}", "4.5"),
      {},
      {
        Authorization: `lucca application=${apiKey}`,
      },
    );
    expect(bad.status).toBe(422);
    expect(violations(bad.problem)).toContain("path.id");
  });
});
