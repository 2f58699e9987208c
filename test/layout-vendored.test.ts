import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Adding or changing a page in openapi/pages must never break a test that is not about that page:
// client behaviour is tested on the fixture spec (test/support/fixture-client.ts). So only the
// files below may name an operation of the vendored spec.

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Files that are about the vendored operations themselves. */
const allowed = [
  /^test\/contract\/post-[^/]+\.test\.ts$/,
  /^test\/package\/(consumer|example)\.test\.ts$/,
];

/**
 * Files that still name a vendored operation and are not yet moved to the fixture spec, each
 * owned elsewhere. Remove a line once its file is moved: the last test fails while it stays.
 */
const notYetMoved = [
  "test/assemble-spec.test.ts",
  "test/fixtures/assembly/post-invoice-confirmation.md",
  "test/fixtures/assembly/post-purchase-closing.md",
  "test/generate.test.ts",
  "test/types/client.test-d.ts",
];

/** The vendored spec's paths, each as a pattern where a path parameter stands for any segment. */
function vendoredPaths(): { path: string; pattern: RegExp }[] {
  const spec = parse(readFileSync(join(root, "openapi/lucca-invoices.yaml"), "utf8")) as {
    paths: Record<string, unknown>;
  };
  return Object.keys(spec.paths).map((path) => {
    const source = path
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[^/\\s\"'`]+");
    return { path, pattern: new RegExp(`${source}(?![\\w-])`) };
  });
}

/** Every file under test/, relative to the repository root, generated folders included. */
function testFiles(dir = join(root, "test")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return [relative(root, path).split("\\").join("/")];
  });
}

/** "file names path" for every file under test/ naming a vendored path. */
function namings(): string[] {
  const paths = vendoredPaths();
  return testFiles().flatMap((file) => {
    const text = readFileSync(join(root, file), "utf8");
    return paths
      .filter(({ pattern }) => pattern.test(text))
      .map(({ path }) => `${file} names ${path}`);
  });
}

describe("tests survive a change of the vendored pages", () => {
  it("reads the vendored spec's paths", () => {
    expect(vendoredPaths().length).toBeGreaterThan(0);
  });

  it("no file under test/ names a vendored path, except the contract and package tests about them", () => {
    const forbidden = namings().filter((line) => {
      const file = line.slice(0, line.indexOf(" names "));
      return !allowed.some((rule) => rule.test(file)) && !notYetMoved.includes(file);
    });
    expect(forbidden).toEqual([]);
  });

  it("each file listed as not yet moved still names one (drop it from the list once moved)", () => {
    const naming = new Set(namings().map((line) => line.slice(0, line.indexOf(" names "))));
    expect(notYetMoved.filter((file) => !naming.has(file))).toEqual([]);
  });
});
