import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoPath } from "../../scripts/lib/repo-paths.js";

/** The ```ts blocks of a Markdown file, with the line each starts on. */
export function typeScriptBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split("\n");
  let start: number | undefined;
  let code: string[] = [];
  lines.forEach((text, index) => {
    if (start === undefined && /^```ts\s*$/.test(text)) {
      start = index + 1;
      code = [];
    } else if (start !== undefined && text.startsWith("```")) {
      blocks.push({ line: start, code: code.join("\n") });
      start = undefined;
    } else if (start !== undefined) {
      code.push(text);
    }
  });
  return blocks;
}

/**
 * Type-checks each block as its own module of an app that installed the package: the package's
 * entries resolve to src/, everything else to this repo's node_modules. Returns tsc's messages.
 */
function typeCheck(blocks: { line: number; code: string }[], document: string): string[] {
  const { config } = ts.readConfigFile(repoPath("tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoPath());
  options.noEmit = true;
  options.paths = {
    "lucca-invoices-client": ["./src/index.ts"],
    "lucca-invoices-client/*": ["./src/*.ts"],
  };
  options.baseUrl = repoPath();
  // Virtual files inside the repo, so that node_modules and package.json's "type" apply.
  const files = new Map(
    blocks.map(({ line, code }) => [
      repoPath("test", "package", `${document}-line-${line}.ts`),
      `${code}\nexport {};\n`,
    ]),
  );
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.getSourceFile = (name, version, onError, create) => {
    const text = files.get(name);
    if (text !== undefined) return ts.createSourceFile(name, text, version, true);
    return getSourceFile(name, version, onError, create);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.formatDiagnostic(d, { ...host, getNewLine: () => "\n" }).trim());
}

describe("the README's code", () => {
  const readme = readFileSync(repoPath("README.md"), "utf8");
  const blocks = typeScriptBlocks(readme);
  // One program for both (a program costs seconds): the README's blocks, and one that must fail.
  const broken = {
    line: 0,
    code: `import { createLuccaInvoicesClient } from "lucca-invoices-client";
const lucca = createLuccaInvoicesClient();
await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", { params: { path: { id: "42" } } });`,
  };
  const messages = typeCheck([...blocks, broken], "README");

  it("has TypeScript examples", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it("compiles, every block, against the vendored spec and the package's entries", () => {
    expect(messages.filter((m) => !m.startsWith("test/package/README-line-0.ts"))).toEqual([]);
  });

  it("reports a block that does not compile (the check itself can fail)", () => {
    const reported = messages.filter((m) => m.startsWith("test/package/README-line-0.ts"));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain("error TS2322");
  });
});
