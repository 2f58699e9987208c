import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = resolve(dirname(fileURLToPath(import.meta.url)), "..", "src");

/** Every .ts file under `dir`, as paths relative to src/. */
function sources(dir = src): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") ? [relative(src, path)] : [];
  });
}

/** The src/ files a file imports (relative imports only, types included). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), "utf8");
  const found: string[] = [];
  for (const match of text.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
    const target = resolve(dirname(join(src, file)), match[1]!).replace(/\.js$/, ".ts");
    found.push(relative(src, target));
  }
  return found;
}

/** The first import cycle found, as the files along it, or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const visit = (file: string, trail: string[]): string[] | undefined => {
    const at = trail.indexOf(file);
    if (at !== -1) return [...trail.slice(at), file];
    if (done.has(file)) return undefined;
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next, [...trail, file]);
      if (cycle) return cycle;
    }
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe("the layout of src/", () => {
  const files = sources();

  it("has no import cycle", () => {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    expect(findCycle(graph)).toBeUndefined();
  });

  it("finds a cycle when there is one (the check itself can fail)", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["a.ts"]],
    ]);
    expect(findCycle(graph)).toEqual(["a.ts", "b.ts", "c.ts", "a.ts"]);
  });

  it("is one level of folders, none over 12 files", () => {
    const byFolder = new Map<string, number>();
    for (const file of files) {
      const parts = file.split("/");
      expect(parts.length, file).toBeLessThanOrEqual(2);
      const folder = parts.length === 2 ? parts[0]! : ".";
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    }
    for (const [folder, count] of byFolder) {
      if (folder !== "generated") expect(count, folder).toBeLessThanOrEqual(12);
    }
  });

  it("has entry files that only re-export", () => {
    for (const entry of ["index.ts", "redis.ts", "testing.ts", "internal.ts"]) {
      const code = readFileSync(join(src, entry), "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.trim().startsWith("//"))
        .join("\n");
      // Each statement is an `export ... from "...";`.
      const statements = code.split(/;\s*/).filter((s) => s.trim() !== "");
      for (const statement of statements) {
        expect(statement, `${entry}: ${statement}`).toMatch(/^export[\s\S]* from "[^"]+"$/);
      }
    }
  });

  it("keeps the root entry free of ioredis, Prism and node:http servers", () => {
    const reachable = new Set<string>();
    const walk = (file: string): void => {
      if (reachable.has(file)) return;
      reachable.add(file);
      for (const next of importsOf(file)) walk(next);
    };
    walk("index.ts");
    for (const file of reachable) {
      const text = readFileSync(join(src, file), "utf8");
      expect(text, file).not.toMatch(/from "ioredis"|@stoplight\/prism|createServer/);
    }
  });
});
