import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { specPath } from "../../scripts/lib/prism.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operationId in the vendored spec, read from the file so a growing spec turns this red. */
function specOperationIds(): string[] {
  const spec = parse(readFileSync(specPath, "utf8")) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.values(spec.paths).flatMap((item) =>
    METHODS.flatMap((m) => {
      const op = item[m] as { operationId?: string } | undefined;
      return op ? [op.operationId ?? "(an operation without operationId)"] : [];
    }),
  );
}

/** Operation ids that a contract test file names in a top-level `describe("<operationId>", ...)`. */
function coveredOperationIds(): Set<string> {
  const dir = import.meta.dirname;
  const ids = readdirSync(dir)
    .filter((f) => f.endsWith(".test.ts"))
    .flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/^describe\("([^"]+)"/gm)])
    .map((m) => m[1]!);
  return new Set(ids);
}

describe("contract coverage", () => {
  it("has a contract test for every operation of the vendored spec", () => {
    const ids = specOperationIds();
    expect(ids.length).toBeGreaterThan(0);
    const covered = coveredOperationIds();
    expect(
      ids.filter((id) => !covered.has(id)),
      "operations without a contract test",
    ).toEqual([]);
  });
});
