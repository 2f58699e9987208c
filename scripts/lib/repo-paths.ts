import { fileURLToPath } from "node:url";
import { relative, resolve, sep } from "node:path";

/** Repository root, found from this file so scripts behave the same from any cwd. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export const repoPath = (...parts: string[]): string => resolve(repoRoot, ...parts);

/** Path as shown in messages and headers: repo-relative with forward slashes. */
export const displayPath = (path: string): string => relative(repoRoot, path).split(sep).join("/");
export const specPath = repoPath("openapi", "lucca-invoices.yaml");
