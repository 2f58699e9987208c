import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it, onTestFinished } from "vitest";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { prismCli } from "../../src/testing/prism-process.js";
import { packageRoot, shippedSpecPath } from "../../src/testing/shipped-spec.js";
import { createOverride, templatePattern } from "../../src/testing/overrides.js";
import { LuccaMockError, startLuccaMock } from "../../src/testing.js";
import { outsideRepo } from "../package/packed.js";

/** Every module the file imports, transitively (relative imports followed, bare ones listed). */
function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, "utf8");
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      if (!specifier!.startsWith(".")) {
        packages.add(specifier!);
        continue;
      }
      const target = resolve(dirname(file), specifier!.replace(/\.js$/, ".ts"));
      if (existsSync(target)) visit(target);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => f.slice(repoPath().length)), packages: [...packages] };
}

describe("the testing entry", () => {
  it("is never reached from the root entry, nor is yaml or Prism", () => {
    const { files, packages } = importGraph(repoPath("src/index.ts"));
    expect(files.filter((f) => f.includes("testing"))).toEqual([]);
    expect(packages.filter((p) => !p.startsWith("node:")).sort()).toEqual(["openapi-fetch"]);
  });

  it("finds the shipped spec from src/ by the package's name", () => {
    expect(packageRoot()).toBe(repoPath().replace(/\/$/, ""));
    expect(shippedSpecPath()).toBe(repoPath("openapi/lucca-invoices.yaml"));
  });

  it("says in one line what to install when @stoplight/prism-cli is missing", () => {
    const dir = outsideRepo("lucca-no-prism-");
    const from = pathToFileURL(join(dir, "index.js")).href;
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    expect(() => prismCli(from)).toThrow(
      new LuccaMockError(
        "The Lucca mock needs @stoplight/prism-cli, which is not installed: npm i -D @stoplight/prism-cli@~5.14.2",
      ),
    );
  });

  it("matches each {name} of a template to exactly one path segment", () => {
    const pattern = templatePattern("/a/{id}/b.c/{x}");
    expect(["/a/1/b.c/2", "/a/%2F/b.c/z"].map((p) => pattern.test(p))).toEqual([true, true]);
    expect(
      ["/a/1/2/b.c/3", "/a//b.c/2", "/a/1/bxc/2", "/a/1/b.c/2/"].map((p) => pattern.test(p)),
    ).toEqual([false, false, false, false]);
  });

  it("refuses a bad spec path or readyTimeoutMs before starting anything", async () => {
    const missing = repoPath("test/fixtures/no-such-spec.yaml");
    await expect(startLuccaMock({ spec: missing })).rejects.toThrow(
      new LuccaMockError(`Cannot read the spec ${missing}: ENOENT.`),
    );
    await expect(startLuccaMock({ readyTimeoutMs: 0 })).rejects.toThrow(
      new LuccaMockError("Invalid readyTimeoutMs 0: expected a number of ms from 1 to 2147483647."),
    );
  });

  it("refuses a body on a 204 or 304 answer", () => {
    const ops = ["DELETE /a/{id}"];
    expect(() => createOverride(ops, "delete /a/{id}", { status: 204, body: "x" })).toThrow(
      new LuccaMockError("Invalid body for 204 on DELETE /a/{id}: a 204 answer has no body."),
    );
    expect(createOverride(ops, "delete /a/{id}", { status: 204 })).toMatchObject({
      operation: "DELETE /a/{id}",
      method: "DELETE",
      remaining: 1,
    });
  });
});
