import { describe, expect, it } from "vitest";
import { isProductionHost } from "../../scripts/lib/production-host.js";

describe("isProductionHost", () => {
  it("tells production hosts apart", () => {
    expect(isProductionHost("acme.ilucca.net")).toBe(true);
    expect(isProductionHost("https://ACME.ILUCCA.CH/")).toBe(true);
    expect(isProductionHost("acme.ilucca-test.net")).toBe(false);
    expect(isProductionHost("acme.ilucca-demo.ch")).toBe(false);
    expect(isProductionHost("acme-x.sandbox.eu1.luccasoftware.com")).toBe(false);
  });

  it("throws on a host that is not Lucca's, as parseLuccaHost does", () => {
    expect(() => isProductionHost("acme.ilucca.net.evil.com")).toThrow(/Invalid host/);
  });
});
