import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "lucca-invoices-client";

/**
 * The package's root: the nearest folder above this module whose package.json is ours. The same
 * walk works from src/testing/ (tsx, this repo) and from dist/testing/ (an installed package).
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`No package.json named ${PACKAGE_NAME} found above ${from}.`);
    }
    dir = parent;
  }
}

function readName(manifest: string): unknown {
  try {
    return (JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

/** The vendored spec the package ships (`lucca-invoices-client/openapi.yaml`). */
export function shippedSpecPath(): string {
  return join(packageRoot(), "openapi", "lucca-invoices.yaml");
}
