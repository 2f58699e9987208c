import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { GZIP_BUDGET, measureSize } from "../../scripts/size.js";

// Built into a temp dir with the same tsconfig as `npm run build`, so the result does not depend
// on whatever dist/ holds (or does not hold) in the working tree.
const outDir = mkdtempSync(join(tmpdir(), "lucca-size-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("bundle size", () => {
  it(`ships the client with openapi-fetch in at most ${GZIP_BUDGET} bytes gzipped, operations apart`, async () => {
    const tsc = repoPath("node_modules", "typescript", "bin", "tsc");
    execFileSync(process.execPath, [
      tsc,
      "-p",
      repoPath("tsconfig.build.json"),
      "--outDir",
      outDir,
    ]);
    const { client, wrapper, openapiFetch } = await measureSize({
      entry: join(outDir, "index.js"),
    });
    // Sanity: the bundle really contains openapi-fetch, so the budget measures what an app ships;
    // the operations' rules (a few bytes each, reported by npm run size) are all that is left out.
    expect(wrapper.minified).toBeGreaterThan(openapiFetch.minified);
    expect(client.minified).toBeGreaterThan(wrapper.minified);
    expect(wrapper.gzipped, "gzipped bytes of the bundle (see npm run size)").toBeLessThanOrEqual(
      GZIP_BUDGET,
    );
  }, 60_000);
});
