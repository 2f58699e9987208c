import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, inject, it } from "vitest";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { linkSharedInstall, outsideRepo, run, strictTsconfig } from "./packed.js";

const root = outsideRepo("lucca-consumer-");
const project = join(root, "project");
afterAll(() => rmSync(root, { recursive: true, force: true }));

const tsconfig = strictTsconfig({
  // The shipped .d.ts files are checked too, not only the consumer's own code.
  skipLibCheck: false,
  outDir: "out",
});

const consumer = `import { createLuccaInvoicesClient } from "lucca-invoices-client";

const baseUrl = process.argv[2];
if (!baseUrl) throw new Error("usage: node out/consumer.js <baseUrl>");
console.log("consumer: " + JSON.stringify({ resolved: import.meta.resolve("lucca-invoices-client") }));

// No Authorization anywhere: the client adds it, and the types do not ask for it.
const lucca = createLuccaInvoicesClient({ baseUrl, apiKey: "consumer-key" });

const confirmed = await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
  params: { path: { id: 42 } },
  body: { strategy: "default" },
});
const id: number | undefined = confirmed.data?.id;
console.log("consumer: " + JSON.stringify({ confirmation: { status: confirmed.response.status, id } }));

const closed = await lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
  params: { path: { id: 7 } },
  body: { comment: "Closed by the consumer test", date: "2026-11-23" },
});
console.log("consumer: " + JSON.stringify({ closing: { status: closed.response.status } }));

// Never called: these lines only prove the shipped types are live.
export function typeErrors(): void {
  // @ts-expect-error a path the spec does not have
  void lucca.POST("/cleemy-procurement/api/invoices/{id}/nope", { params: { path: { id: 1 } } });
  void lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
    // @ts-expect-error the id is an integer
    params: { path: { id: "7" } },
    body: { comment: "x" },
  });
}
`;

describe("the packed package, installed in a fresh project", () => {
  it("installs, type-checks under strict and calls both operations", async () => {
    mkdirSync(project);
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    await writeFile(join(project, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    await writeFile(join(project, "consumer.ts"), consumer);
    const install = await linkSharedInstall(project);
    // The link resolves to the shared install's copy of the package.
    const installed = join(install.project, "node_modules", "lucca-invoices-client");
    // The tarball holds the build and the vendored spec (./openapi.yaml), no tests or scripts.
    const shipped = readdirSync(installed);
    expect(shipped.sort()).toEqual(["README.md", "dist", "openapi", "package.json"]);

    await run(
      process.execPath,
      [repoPath("node_modules/typescript/bin/tsc"), "-p", project],
      project,
    );

    const output = await run(
      process.execPath,
      [join(project, "out", "consumer.js"), inject("apiBaseUrl")],
      project,
    );
    // Only the consumer's own lines: whatever else the client may log is not parsed.
    const lines = output
      .split("\n")
      .filter((line) => line.startsWith("consumer: "))
      .map((line) => JSON.parse(line.slice("consumer: ".length)) as Record<string, unknown>);
    expect(lines[0]?.resolved).toBe(pathToFileURL(join(installed, "dist", "index.js")).href);
    expect(lines[1]?.confirmation).toEqual({ status: 201, id: expect.any(Number) });
    expect(lines[2]?.closing).toEqual({ status: 200 });
  }, 180_000);
});
