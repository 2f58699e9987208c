// npm run size
// What an app pays to ship the client: dist/index.js bundled with openapi-fetch, minified and
// gzipped, next to openapi-fetch alone. Builds dist/ first when it is missing or older than src/.
// Exits 1 when the bundle is over the budget.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { isMain } from "./lib/is-main.js";
import { repoPath } from "./lib/repo-paths.js";

/** Budget for the whole bundle (client + openapi-fetch), gzipped. */
export const GZIP_BUDGET = 5000;

export interface BundleSize {
  minified: number;
  gzipped: number;
}

export interface SizeReport {
  /** The client as shipped, with openapi-fetch bundled in. */
  client: BundleSize;
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
    openapiFetch: await bundleSize({
      stdin: {
        contents: 'export * from "openapi-fetch"; export { default } from "openapi-fetch";',
        resolveDir: repoPath(),
        loader: "js",
      },
    }),
  };
}

async function bundleSize(input: Parameters<typeof build>[0]): Promise<BundleSize> {
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: "esm",
    // neutral: no Node built-ins are pulled in; `process.env` stays a plain global reference.
    platform: "neutral",
    mainFields: ["module", "main"],
    // So an entry built outside the repo (the size test's temp dir) still finds openapi-fetch.
    nodePaths: [repoPath("node_modules")],
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const path = join(e.parentPath, e.name);
      return e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    }),
  );
}

function buildIfStale(): void {
  const entry = repoPath("dist", "index.js");
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(repoPath("src"))) return;
  const run = spawnSync("npm", ["run", "build"], { cwd: repoPath(), stdio: "inherit" });
  if (run.status !== 0) throw new Error(`npm run build failed (exit ${run.status})`);
}

export function sizeTable({ client, openapiFetch }: SizeReport): string {
  const row = (name: string, s: BundleSize): string => `| ${name} | ${s.minified} | ${s.gzipped} |`;
  return [
    "| bundle | minified (bytes) | gzip -9 (bytes) |",
    "| --- | ---: | ---: |",
    row("lucca-invoices-client + openapi-fetch", client),
    row("openapi-fetch alone", openapiFetch),
  ].join("\n");
}

if (isMain(import.meta.url)) {
  buildIfStale();
  const report = await measureSize();
  console.log(sizeTable(report));
  const over = report.client.gzipped > GZIP_BUDGET;
  console.log(
    `\nBudget: ${GZIP_BUDGET} bytes gzipped for the whole bundle: ${over ? "OVER" : "within"}.`,
  );
  if (over) process.exitCode = 1;
}
