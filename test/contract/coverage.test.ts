import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { specPath } from "../../scripts/lib/repo-paths.js";
import { operationsOf } from "../../scripts/lib/spec-walk.js";

// Every operation is exercised by the spec-driven suite (spec-driven.test.ts); the hand-written
// files add the semantics our apps rely on. This keeps the hand-written ones honest: each names, in
// a top-level `describe("<operationId>", ...)`, an operation the vendored spec still holds.
const GENERIC = new Set(["coverage.test.ts", "spec-driven.test.ts"]);

describe("hand-written contract tests", () => {
  it("each name an operation of the vendored spec", () => {
    const spec = parse(readFileSync(specPath, "utf8")) as Record<string, unknown>;
    const ids = new Set(operationsOf(spec).map(({ operation }) => String(operation.operationId)));
    const dir = import.meta.dirname;
    const named = readdirSync(dir)
      .filter((file) => file.endsWith(".test.ts") && !GENERIC.has(file))
      .flatMap((file) =>
        [...readFileSync(join(dir, file), "utf8").matchAll(/^describe\("([^"]+)"/gm)].map((m) => ({
          file,
          id: m[1]!,
        })),
      );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter(({ id }) => !ids.has(id))).toEqual([]);
  });
});
