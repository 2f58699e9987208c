import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { checkUpstream } from "../../scripts/lib/proxy-upstream.js";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { specPath } from "../../scripts/lib/repo-paths.js";
import { deref, operationsOf } from "../../scripts/lib/spec-walk.js";
import { drift, startForwarder, type Forwarder } from "../support/forwarder.js";

interface Run {
  code: number | null;
  output: string;
}

/** `npm run test:proxy -- ...args` as a user would type it; its whole process group is ours. */
function testProxy(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  const clean = Object.fromEntries(
    // Outer vitest's worker variables must not leak into the nested run.
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith("VITEST") && k !== "TEST_API_BASE_URL",
    ),
  );
  const child = spawn("npm", ["run", "test:proxy", "--", ...args], {
    cwd: repoPath(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...clean, NO_COLOR: "1", FORCE_COLOR: "0", LUCCA_API_KEY: undefined, ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGTERM"), 80_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

// The upstream is the contract project's Prism mock of the vendored spec behind a recording
// forwarder: it answers every operation the pages declare, whichever they are. The drifted one
// rewrites every JSON answer.
let good: Forwarder;
let drifted: Forwarder;
beforeAll(async () => {
  good = await startForwarder(inject("apiBaseUrl"));
  drifted = await startForwarder(inject("apiBaseUrl"), drift);
});
afterAll(async () => {
  await good?.close();
  await drifted?.close();
});

/** A regular expression matching the concrete paths of a path template, query allowed. */
function templateOf(path: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(
    `^${path
      .split(/\{[^}]+\}/)
      .map(literal)
      .join("[^/?]+")}(\\?|$)`,
  );
}

// Against another server (TEST_API_BASE_URL) the suite would send sampled calls through to it.
describe.skipIf(inject("externalServer")).concurrent("npm run test:proxy", () => {
  it("passes against an upstream that answers as the spec says", async () => {
    const { code, output } = await testProxy([good.url], { LUCCA_API_KEY: "proxy-test-key" });
    expect(code, output).toBe(0);
    // The suite really went through Prism to the upstream, key included, for every operation.
    const spec = parse(readFileSync(specPath, "utf8")) as Record<string, unknown>;
    for (const { path, method, operation } of operationsOf(spec)) {
      // prism proxy cannot forward a GET body (stoplightio/prism#2259): the suite reports it skipped.
      const body = deref(spec, operation.requestBody) as { required?: boolean } | undefined;
      if (/^(get|head)$/.test(method) && body?.required) continue;
      const seen = good.requests.filter(
        (r) => r.method === method.toUpperCase() && templateOf(path).test(r.url),
      );
      expect(seen.length, `${method.toUpperCase()} ${path} reached the upstream`).toBeGreaterThan(
        0,
      );
    }
    expect(good.requests[0]?.authorization).toBe("lucca application=proxy-test-key");
  }, 90_000);

  it("fails, naming the fields, against an upstream whose answers drifted", async () => {
    const { code, output } = await testProxy([drifted.url]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/Response body property \S+ must be (integer|number|string)/);
  }, 90_000);

  it("refuses a production host without --allow-production, before starting anything", async () => {
    const { code, output } = await testProxy(["https://acme.ilucca.net"], {
      LUCCA_API_KEY: "not-used",
    });
    expect(code).not.toBe(0);
    expect(output).toContain("acme.ilucca.net is a production host");
    expect(output).not.toContain("Starting prism");
  }, 90_000);
});

describe("checkUpstream", () => {
  const key = { allowProduction: false, apiKey: "k" };

  it("accepts loopback over http without a key, and test or sandbox hosts over https", () => {
    expect(checkUpstream("http://127.0.0.1:8080", { ...key, apiKey: undefined }).port).toBe("8080");
    expect(checkUpstream("https://acme.ilucca-test.net", key).hostname).toBe(
      "acme.ilucca-test.net",
    );
    expect(() =>
      checkUpstream("https://acme-sb1.sandbox.eu1.luccasoftware.com", key),
    ).not.toThrow();
  });

  it("refuses plain http off loopback, a missing key, credentials and production", () => {
    expect(() => checkUpstream("http://acme.ilucca-test.net", key)).toThrow(/https/);
    expect(() => checkUpstream("https://acme.ilucca-test.net", { ...key, apiKey: "" })).toThrow(
      /LUCCA_API_KEY/,
    );
    expect(() => checkUpstream("https://u:p@acme.ilucca-test.net", key)).toThrow(/credentials/);
    expect(() => checkUpstream("https://ACME.ilucca.net", key)).toThrow(/production/);
    expect(() => checkUpstream("not a url", key)).toThrow(/Invalid baseUrl .*expected an https/);
  });

  it("allows production only when asked", () => {
    const url = checkUpstream("https://acme.ilucca.ch", { ...key, allowProduction: true });
    expect(url.hostname).toBe("acme.ilucca.ch");
  });
});
