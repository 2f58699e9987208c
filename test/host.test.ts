import { describe, expect, it } from "vitest";
import { LuccaConfigError, luccaHost, luccaSandboxHost, parseLuccaHost } from "../src/index.js";

describe("host", () => {
  it.each([
    ["acme.ilucca.net", "acme.ilucca.net"],
    ["acme.ilucca-test.net", "acme.ilucca-test.net"],
    ["acme.ilucca-demo.ch", "acme.ilucca-demo.ch"],
    ["ACME.iLucca-Test.NET", "acme.ilucca-test.net"],
    ["https://acme.ilucca-test.net", "acme.ilucca-test.net"],
    ["HTTPS://acme.ilucca-test.net/", "acme.ilucca-test.net"],
    ["acme.ilucca-test.net/", "acme.ilucca-test.net"],
    ["my-company2.ilucca.ch", "my-company2.ilucca.ch"],
    ["a".repeat(63) + ".ilucca.net", "a".repeat(63) + ".ilucca.net"],
    ["acme-x7k2.sandbox.eu1.luccasoftware.com", "acme-x7k2.sandbox.eu1.luccasoftware.com"],
    ["my-co-sb1.sandbox.ch1.luccasoftware.com", "my-co-sb1.sandbox.ch1.luccasoftware.com"],
    ["https://Acme-X7K2.Sandbox.EU2.LuccaSoftware.com/", "acme-x7k2.sandbox.eu2.luccasoftware.com"],
  ])("accepts %s", (input, canonical) => {
    expect(parseLuccaHost(input)).toBe(canonical);
  });

  it.each([
    ["a port", "acme.ilucca-test.net:443"],
    ["a path", "acme.ilucca-test.net/api"],
    ["two trailing slashes", "acme.ilucca-test.net//"],
    ["userinfo", "user:pw@acme.ilucca-test.net"],
    ["userinfo after the scheme", "https://evil.com@acme.ilucca-test.net"],
    ["a query", "acme.ilucca-test.net?x=1"],
    ["a fragment", "acme.ilucca-test.net#x"],
    ["an IPv4 address", "127.0.0.1"],
    ["an IPv6 address", "[::1]"],
    ["another domain", "acme.example.com"],
    ["a lookalike suffix", "acme.ilucca-test.net.evil.com"],
    ["a lookalike sandbox domain", "acme-x.sandbox.eu1.luccasoftware.com.evil.com"],
    ["http://", "http://acme.ilucca-test.net"],
    ["another scheme", "ftp://acme.ilucca-test.net"],
    ["an unknown env", "acme.ilucca-prod.net"],
    ["an unknown region", "acme.ilucca.fr"],
    ["an unknown sandbox server", "acme-x.sandbox.eu3.luccasoftware.com"],
    ["a sandbox without its name", "acme.sandbox.eu1.luccasoftware.com"],
    ["an empty label", ".ilucca.net"],
    ["an empty inner label", "acme..ilucca.net"],
    ["a label over 63 characters", "a".repeat(64) + ".ilucca.net"],
    ["a sandbox label over 63 characters", "a".repeat(60) + "-abcd.sandbox.eu1.luccasoftware.com"],
    ["a label starting with a hyphen", "-acme.ilucca.net"],
    ["an extra label", "www.acme.ilucca.net"],
    ["whitespace", " acme.ilucca.net"],
    ["an empty string", ""],
  ])("refuses %s (%s) with a typed error listing the accepted patterns", (_why, input) => {
    let thrown: unknown;
    try {
      parseLuccaHost(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LuccaConfigError);
    expect((thrown as LuccaConfigError).option).toBe("host");
    expect((thrown as Error).message).toContain(
      "{account}.{ilucca|ilucca-test|ilucca-demo}.{net|ch}",
    );
    expect((thrown as Error).message).toContain(
      "{account}-{sandboxName}.sandbox.{eu1|eu2|ch1}.luccasoftware.com",
    );
  });

  it("builds hosts from their parts and validates them", () => {
    expect(luccaHost({ account: "acme", env: "ilucca-test", region: "net" })).toBe(
      "acme.ilucca-test.net",
    );
    expect(luccaSandboxHost({ account: "acme", sandboxName: "x7k2", server: "ch1" })).toBe(
      "acme-x7k2.sandbox.ch1.luccasoftware.com",
    );
    expect(() => luccaHost({ account: "evil.com/x", env: "ilucca", region: "net" })).toThrow(
      LuccaConfigError,
    );
    // JavaScript callers are not held back by the types.
    expect(() => luccaHost({ account: "acme", env: "prod" as "ilucca", region: "net" })).toThrow(
      LuccaConfigError,
    );
  });
});
