// npm run size
// What an app pays to ship the client: dist/index.js bundled with openapi-fetch, minified and
// gzipped, next to openapi-fetch alone, and what each operation the spec adds costs. Builds dist/
// first when it is missing or older than src/. Reported, never gated.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { parse } from "yaml";
import {
  assembleSpecFromPages,
  DEFAULT_PAGES_DIR,
  DEFAULT_SPEC_PATH,
  readPages,
} from "./assemble-spec.js";
import { generateFiles } from "./generate.js";
import { buildIfStale } from "./lib/build.js";
import { isMain } from "./lib/is-main.js";
import { operationsOf } from "./lib/spec-walk.js";
import { repoPath } from "./lib/repo-paths.js";

export interface BundleSize {
  minified: number;
  gzipped: number;
}

export interface SizeReport {
  /** The client as shipped, with openapi-fetch bundled in and the vendored spec's operations. */
  client: BundleSize;
  /**
   * The same without any operation (an empty rules table): the client's own weight, whatever the
   * pages. Each operation's bytes are measured apart (measureOperationCost).
   */
  wrapper: BundleSize;
  /** openapi-fetch alone (its whole public surface), for comparison. */
  openapiFetch: BundleSize;
}

export interface MeasureSizeOptions {
  /** The built entry to bundle; defaults to dist/index.js. */
  entry?: string;
}

/** Bundles `entry` and openapi-fetch alone with esbuild (ESM, minified) and measures both. */
export async function measureSize(options: MeasureSizeOptions = {}): Promise<SizeReport> {
  const entry = options.entry ?? repoPath("dist", "index.js");
  return {
    client: await bundleSize({ entryPoints: [entry] }),
    wrapper: await withRules("export const operationRules = {};\n", (swap) =>
      bundleSize({ entryPoints: [entry] }, [swap]),
    ),
    openapiFetch: await bundleSize({
      stdin: {
        contents: 'export * from "openapi-fetch"; export { default } from "openapi-fetch";',
        resolveDir: repoPath(),
        loader: "js",
      },
    }),
  };
}

async function bundleSize(
  input: Parameters<typeof build>[0],
  plugins: Plugin[] = [],
): Promise<BundleSize> {
  const result = await build({
    ...input,
    plugins,
    bundle: true,
    minify: true,
    format: "esm",
    // neutral: no Node built-ins are pulled in; `process.env` stays a plain global reference.
    platform: "neutral",
    mainFields: ["module", "main"],
    // Node's own modules (node:http for a GET that carries a body) ship with Node, not the bundle.
    external: ["node:*"],
    // So an entry built outside the repo (the size test's temp dir) still finds openapi-fetch.
    nodePaths: [repoPath("node_modules")],
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

export interface OperationCost {
  /** Operations in the spec the client ships with, and in the grown one. */
  operations: number;
  grownOperations: number;
  /** Gzipped bytes of each bundle, and the difference per added operation. */
  gzipped: number;
  grownGzipped: number;
  bytesPerOperation: number;
}

/**
 * What each operation adds to the bundle: the types are erased, so an operation costs only its
 * runtime rules (src/generated/operations.ts). Bundles `entry` again with the rules generated from
 * a grown spec (`grownRulesSource`, TypeScript) in place of the shipped ones, next to `shipped`
 * (measureSize's `client`).
 */
export async function measureOperationCost(
  grownRulesSource: string,
  counts: { operations: number; grownOperations: number },
  shipped: BundleSize,
  entry = repoPath("dist", "index.js"),
): Promise<OperationCost> {
  const grown = await withRules(grownRulesSource, (swap) =>
    bundleSize({ entryPoints: [entry] }, [swap]),
  );
  const added = counts.grownOperations - counts.operations;
  return {
    ...counts,
    gzipped: shipped.gzipped,
    grownGzipped: grown.gzipped,
    bytesPerOperation: Math.round((grown.gzipped - shipped.gzipped) / added),
  };
}

/** Runs `measure` with a plugin that bundles `source` in place of src/generated/operations.ts. */
async function withRules<T>(source: string, measure: (swap: Plugin) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "lucca-size-rules-"));
  try {
    const rules = join(dir, "operations.ts");
    writeFileSync(rules, source);
    return await measure({
      name: "swap-operation-rules",
      setup: (b) => b.onResolve({ filter: /generated\/operations\.js$/ }, () => ({ path: rules })),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The cost per operation, growing the vendored spec with the synthetic pages of test/fixtures/pages. */
export async function measureFixtureOperationCost(
  shipped: BundleSize,
  entry?: string,
): Promise<OperationCost> {
  const grownText = await assembleSpecFromPages([
    ...(await readPages(DEFAULT_PAGES_DIR)),
    ...(await readPages(repoPath("test", "fixtures", "pages"))),
  ]);
  const count = (text: string) => operationsOf(parse(text) as Record<string, unknown>).length;
  const rules = (await generateFiles(grownText)).find((file) => file.name === "operations.ts")!;
  const counts = {
    operations: count(await readFile(DEFAULT_SPEC_PATH, "utf8")),
    grownOperations: count(grownText),
  };
  return measureOperationCost(rules.content, counts, shipped, entry);
}

export function sizeTable({ client, wrapper, openapiFetch }: SizeReport): string {
  const row = (name: string, s: BundleSize): string => `| ${name} | ${s.minified} | ${s.gzipped} |`;
  return [
    "| bundle | minified (bytes) | gzip -9 (bytes) |",
    "| --- | ---: | ---: |",
    row("lucca-invoices-client + openapi-fetch, no operation", wrapper),
    row("lucca-invoices-client + openapi-fetch, as shipped", client),
    row("openapi-fetch alone", openapiFetch),
  ].join("\n");
}

export const operationCostLine = (c: OperationCost): string =>
  `Each operation adds ${c.bytesPerOperation} bytes gzipped: ${c.operations} operations ship in` +
  ` ${c.gzipped} bytes; with the ${c.grownOperations - c.operations} synthetic ones of` +
  ` test/fixtures/pages, ${c.grownOperations} ship in ${c.grownGzipped}.`;

if (isMain(import.meta.url)) {
  buildIfStale();
  const report = await measureSize();
  console.log(sizeTable(report));
  console.log(`\n${operationCostLine(await measureFixtureOperationCost(report.client))}`);
  // Reported, not gated: a server-side client of an API allowing 50 requests a minute gains
  // nothing from bytes saved by squeezing code.
}
