import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  assembleSpecFromPages,
  DEFAULT_PAGES_DIR,
  parsePage,
  readPages,
} from "../scripts/assemble-spec.js";
import { generateFiles } from "../scripts/generate.js";
import { startPrism, type PrismServer } from "../scripts/lib/prism.js";
import { repoPath } from "../scripts/lib/repo-paths.js";
import { operationsOf } from "../scripts/lib/spec-walk.js";
import { createSpecClient } from "../src/client/create-client.js";
import type { OperationRules } from "../src/generated/operations.js";
import { callFor, specDrivenSuite, type SpecDrivenClient } from "./contract/spec-driven.js";
import { besideRealPages } from "./spec-growth/beside-real-pages.js";
import { consumerSource } from "./spec-growth/consumer.js";

// The real pages plus the synthetic ones, assembled and generated as a user adding pages would.
// The fixtures take the real pages' title, servers, tags and security, whatever the vendor's are.
const { real, fixtures } = besideRealPages(
  await readPages(DEFAULT_PAGES_DIR),
  await readPages(repoPath("test/fixtures/pages")),
);
const specText = await assembleSpecFromPages([...real, ...fixtures]);
const dir = realpathSync(mkdtempSync(join(tmpdir(), "lucca-spec-growth-")));
const specFile = join(dir, "lucca-invoices.yaml");
writeFileSync(specFile, specText);
mkdirSync(join(dir, "generated"));
for (const file of await generateFiles(specText)) {
  writeFileSync(join(dir, "generated", file.name), file.content);
}

let prism: PrismServer | undefined;
let client: SpecDrivenClient | undefined;
beforeAll(async () => {
  prism = await startPrism({ spec: specFile });
  // The rules as generated, imported from the temporary folder.
  const generated = join(dir, "generated", "operations.ts");
  const { operationRules } = (await import(pathToFileURL(generated).href)) as {
    operationRules: OperationRules;
  };
  client = createSpecClient(operationRules, {
    baseUrl: prism.baseUrl,
    apiKey: "spec-growth-key",
    rateLimit: false,
  }) as unknown as SpecDrivenClient;
});
afterAll(async () => {
  await prism?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const operationIds = (text: string): string[] =>
  operationsOf(parse(text) as Record<string, unknown>).map((op) =>
    String(op.operation.operationId),
  );

describe("spec growth: real pages + test/fixtures/pages", () => {
  it("assembles every page's operation into one spec", async () => {
    const fromPages = (
      await Promise.all([...real, ...fixtures].map((page) => assembleSpecFromPages([page])))
    ).flatMap(operationIds);
    expect(fixtures.length).toBeGreaterThan(10);
    // A fixture page already copied into openapi/pages merges with itself: count it once.
    expect(operationIds(specText).sort()).toEqual([...new Set(fromPages)].sort());
  });

  it("type-checks a strict consumer: right calls compile, wrong ones do not", async () => {
    const base = JSON.parse(readFileSync(repoPath("tsconfig.json"), "utf8")) as {
      compilerOptions: Record<string, unknown>;
    };
    const tsconfig = {
      compilerOptions: {
        ...base.compilerOptions,
        strict: true,
        noUncheckedIndexedAccess: true,
        typeRoots: [repoPath("node_modules/@types")],
      },
      files: ["consumer.ts"],
    };
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    writeFileSync(join(dir, "consumer.ts"), consumerSource(repoPath("src/internal.js")));
    const tsc = repoPath("node_modules/typescript/bin/tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", dir], { cwd: dir })
      .then(() => "")
      .catch((error: { stdout?: string; stderr?: string }) => `${error.stdout}${error.stderr}`);
    // tsc reports an unused @ts-expect-error as an error, so this covers both directions.
    expect(result, "tsc output").toBe("");
  }, 120_000);
});

describe("spec growth: the fixtures beside any vendor document", () => {
  it("take the vendor's title, tags, servers and security, and keep their own Authorization", async () => {
    // A vendor page unlike the seed pages: another title, tags and server, OAuth2 security, its own
    // `Authorization` parameter component, OpenAPI 3.0.
    const [seed] = await readPages(repoPath("test/fixtures/assembly"));
    const vendor = parsePage(seed!.file, seed!.content) as Record<string, any>;
    vendor.openapi = "3.0.3";
    vendor.info = { title: "Lucca API", version: "2026-11" };
    vendor.servers = [{ url: "https://api.example.test" }];
    vendor.tags = [{ name: "Everything" }];
    vendor.security = [{ oauth2: [] }];
    vendor.components.securitySchemes = {
      oauth2: {
        type: "oauth2",
        flows: { clientCredentials: { tokenUrl: "https://example.test/token", scopes: {} } },
      },
    };
    vendor.components.parameters.Authorization.description = "A bearer token.";
    const pages = besideRealPages(
      [{ file: "vendor.yaml", content: JSON.stringify(vendor) }],
      await readPages(repoPath("test/fixtures/pages")),
    );
    const merged = parse(await assembleSpecFromPages([...pages.real, ...pages.fixtures])) as Record<
      string,
      any
    >;
    expect(merged.openapi).toBe("3.1.0");
    expect(merged.info).toEqual(vendor.info);
    expect(merged.tags).toEqual(vendor.tags);
    expect(merged.security).toEqual(vendor.security);
    expect(merged.components.parameters.Authorization.description).toBe("A bearer token.");
    expect(merged.components.parameters["fixture-authorization"].name).toBe("Authorization");
    const ops = operationsOf(merged);
    const fixtureOps = ops.filter((op) => String(op.operation.operationId).startsWith("fixture-"));
    expect(fixtureOps.length).toBe(pages.fixtures.length);
    for (const op of fixtureOps) expect(op.operation.security, op.path).toEqual([]);
    const vendorOps = ops.filter((op) => !fixtureOps.includes(op));
    expect(vendorOps.map((op) => op.operation.security)).toEqual([undefined]);
  });
});

describe("spec-driven suite: a construct it cannot build", () => {
  // A page using what the suite does not support fails its test naming the operation and the construct.
  const spec = {
    openapi: "3.1.0",
    paths: {
      "/a": {
        get: {
          operationId: "cookie-op",
          parameters: [
            { name: "session", in: "cookie", required: true, schema: { type: "string" } },
          ],
        },
        post: {
          operationId: "xml-op",
          requestBody: {
            required: true,
            content: { "application/xml": { schema: { type: "object", properties: {} } } },
          },
        },
      },
    },
  };
  const [get, post] = operationsOf(spec);

  it("fails an unknown parameter location by name", () => {
    expect(() => callFor(spec, get!, false)).toThrow(
      'cookie-op (GET /a) declares parameter "session" in: cookie, which the spec-driven suite cannot exercise yet',
    );
  });

  it("fails a request media type it cannot build by name", () => {
    expect(() => callFor(spec, post!, false)).toThrow(
      "xml-op (POST /a) declares a request body of media type application/xml with a non-binary schema",
    );
  });
});

specDrivenSuite({
  name: "real + fixture pages on a Prism of the temporary spec",
  specText,
  client: () => client!,
});
