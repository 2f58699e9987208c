import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUpstream } from "../../scripts/lib/proxy-upstream.js";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { sendJson, startTestServer, type TestServer } from "../support/http-server.js";

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

const confirmation = { id: 1, strategy: "default", createdAt: "2026-11-23T10:00:00Z" };

/** An upstream answering both operations; `confirmed` is the body of the confirmation. */
function upstream(confirmed: unknown): Promise<TestServer> {
  return startTestServer((request, res) => {
    if (request.url.endsWith("/confirmations")) return sendJson(res, 201, confirmed);
    res.writeHead(200).end();
  });
}

let good: TestServer;
let drifted: TestServer;
beforeAll(async () => {
  good = await upstream(confirmation);
  drifted = await upstream({ ...confirmation, id: "abc", createdAt: 12 });
});
afterAll(async () => {
  await good?.close();
  await drifted?.close();
});

describe.concurrent("npm run test:proxy", () => {
  it("passes against an upstream that answers as the spec says", async () => {
    const { code, output } = await testProxy([good.url], { LUCCA_API_KEY: "proxy-test-key" });
    expect(code, output).toBe(0);
    // The suite really went through Prism to the upstream, key included.
    const paths = good.requests.map((r) => r.url);
    expect(paths).toContain("/cleemy-procurement/api/invoices/42/confirmations");
    expect(paths).toContain("/cleemy-procurement/api/purchases/42/closing");
    expect(good.requests[0]?.headers.authorization).toBe("lucca application=proxy-test-key");
  }, 90_000);

  it("fails, naming the fields, against an upstream whose confirmation drifted", async () => {
    const { code, output } = await testProxy([drifted.url]);
    expect(code).not.toBe(0);
    expect(output).toContain("Response body property id must be integer");
    expect(output).toContain("Response body property createdAt must be string");
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
