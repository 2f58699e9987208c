import { describe, expect, it } from "vitest";
import {
  expectAuthorizationRequired,
  purchaseId,
  apiKey,
  lucca,
  rawPost,
  violations,
} from "./harness.js";

const path = "/cleemy-procurement/api/purchases/{id}/closing";

describe("post-purchase-closing", () => {
  it("closes a purchase: 200 with no body", async () => {
    const { data, error, response } = await lucca.POST(path, {
      params: { path: { id: purchaseId } },
      body: { comment: "Closed by the contract suite", date: "2026-11-23" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data).toBeUndefined();
  });

  it("is refused (422) without the Authorization header the client adds, so validation is real", async () => {
    await expectAuthorizationRequired(
      path.replace("{id}", String(purchaseId)),
      { comment: "x" },
      200,
    );
  });

  it("is refused (422) for a date that is not a calendar date", async () => {
    const bad = await rawPost(
      path.replace("{id}", "42"),
      { date: "2026-02-30" },
      {
        Authorization: `lucca application=${apiKey}`,
      },
    );
    expect(bad.status).toBe(422);
    expect(violations(bad.problem)).toContain("body.date");
  });
});
