import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { LuccaMockError } from "./mock-error.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** `"POST /cleemy-procurement/api/invoices/{id}/confirmations"` for each operation of the spec. */
export async function specOperations(specFile: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(specFile, "utf8");
  } catch (error) {
    throw new LuccaMockError(
      `Cannot read the spec ${specFile}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
    );
  }
  const doc = parse(text) as { paths?: Record<string, Record<string, unknown> | null> } | null;
  const operations: string[] = [];
  for (const [path, item] of Object.entries(doc?.paths ?? {})) {
    for (const method of Object.keys(item ?? {})) {
      if (METHODS.includes(method)) operations.push(`${method.toUpperCase()} ${path}`);
    }
  }
  if (operations.length === 0) throw new LuccaMockError(`The spec ${specFile} has no operations.`);
  return operations;
}
