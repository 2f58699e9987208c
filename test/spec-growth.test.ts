import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assembleSpecFromPages, DEFAULT_PAGES_DIR, readPages } from "../scripts/assemble-spec.js";
import { generateFiles } from "../scripts/generate.js";
import { startPrism, type PrismServer } from "../scripts/lib/prism.js";
import { repoPath } from "../scripts/lib/repo-paths.js";
import { operationsOf } from "../scripts/lib/spec-walk.js";
import { createSpecClient } from "../src/client/create-client.js";
import type { OperationRules } from "../src/generated/operations.js";
import { callFor, specDrivenSuite, type SpecDrivenClient } from "./contract/spec-driven.js";
import { consumerSource } from "./spec-growth/consumer.js";

// The real pages plus the synthetic ones, assembled and generated as a user adding pages would.
const real = await readPages(DEFAULT_PAGES_DIR);
const fixtures = await readPages(repoPath("test/fixtures/pages"));
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
