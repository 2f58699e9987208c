import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { runningProcesses, runNodeScript } from "../support/processes.js";
import { linkSharedInstall, outsideRepo, run, toolsOfTheExample } from "./packed.js";
import { typeScriptBlocks } from "./readme-blocks.js";

/**
 * A block that must not compile (a string id where the spec says integer), so that a check of
 * the README's blocks is seen to fail when a block is wrong.
 */
const BROKEN_BLOCK = `import { createLuccaInvoicesClient } from "lucca-invoices-client";
const lucca = createLuccaInvoicesClient();
await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", { params: { path: { id: "42" } } });`;

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

describe("examples/invoice-service and the README's code, on the packed package", () => {
  it("installs outside the repo, type-checks with the README's blocks, passes its tests and leaves no process", async () => {
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

    // One program for the example and the README's blocks, each block a module of the example
    // app, plus one block that must fail: a tsc run costs seconds of CPU.
    const blocks = typeScriptBlocks(readFileSync(repoPath("README.md"), "utf8"));
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    mkdirSync(join(example, "readme"));
    for (const { line, code } of [...blocks, { line: 0, code: BROKEN_BLOCK }]) {
      writeFileSync(join(example, "readme", `line-${line}.ts`), `${code}\nexport {};\n`);
    }
    const withReadme = { extends: "./tsconfig.json", include: ["src", "test", "readme"] };
    writeFileSync(join(example, "tsconfig.readme.json"), JSON.stringify(withReadme));
    const tsc = join(example, "node_modules/typescript/bin/tsc");
    const checked = await runNodeScript(tsc, ["-p", "tsconfig.readme.json"], example);
    const errors = checked.output.split("\n").filter((line) => line.includes("error TS"));
    // The example and every README block compile; the broken block fails, once.
    const [broken, others] = [
      errors.filter((e) => e.startsWith("readme/line-0.ts")),
      errors.filter((e) => !e.startsWith("readme/line-0.ts")),
    ];
    expect(others).toEqual([]);
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatch(/^readme\/line-0\.ts\(3,\d+\): error TS2322: /);
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
