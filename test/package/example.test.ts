import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { runningProcesses } from "../support/processes.js";
import { linkSharedInstall, outsideRepo, run, toolsOfTheExample } from "./packed.js";

const root = outsideRepo("lucca-example-");
const example = join(root, "invoice-service");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Processes whose command line names a path under `dir` (the example's Prism, its vitest). */
function processesUnder(dir: string): string[] {
  return runningProcesses()
    .filter(({ args }) => args.includes(dir))
    .map(({ pid, args }) => `${pid} ${args}`);
}

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
}

describe("examples/invoice-service on the packed package", () => {
  it("installs outside the repo, type-checks, passes its tests and leaves no process", async () => {
    cpSync(repoPath("examples/invoice-service"), example, {
      recursive: true,
      filter: (source) => !/[/\\](node_modules|package-lock\.json)$/.test(source),
    });
    const manifest = JSON.parse(readFileSync(join(example, "package.json"), "utf8"));
    expect(manifest.dependencies["lucca-invoices-client"]).toBe(
      "file:../../lucca-invoices-client-0.1.0.tgz",
    );
    // Its tools are the repo's copies, linked into the shared install: the ranges must match.
    const repoManifest = JSON.parse(readFileSync(repoPath("package.json"), "utf8"));
    const tools = (m: { devDependencies: Record<string, string> }) =>
      Object.fromEntries(toolsOfTheExample().map((tool) => [tool, m.devDependencies[tool]]));
    expect(Object.keys(tools(manifest)).sort()).toEqual([
      "@stoplight/prism-cli",
      "typescript",
      "vitest",
    ]);
    expect(tools(manifest)).toEqual(tools(repoManifest));
    // The packed tarball in place of the path the example names at the repo root.
    const install = await linkSharedInstall(example);

    await run(
      process.execPath,
      [join(example, "node_modules/typescript/bin/tsc"), "-p", "."],
      example,
    );
    await run(
      process.execPath,
      [
        join(example, "node_modules/vitest/vitest.mjs"),
        "run",
        "--reporter=json",
        "--outputFile=results.json",
      ],
      example,
    );
    const results = JSON.parse(readFileSync(join(example, "results.json"), "utf8")) as VitestJson;
    expect([results.numTotalTests, results.numPassedTests, results.numFailedTests]).toEqual([
      6, 6, 0,
    ]);
    expect([...processesUnder(root), ...processesUnder(install.project)]).toEqual([]);
  }, 120_000);
});
