import { createHash } from "node:crypto";
import { compileErrors, validate, type ValidationResult } from "@readme/openapi-parser";
import { SpecAssemblyError } from "./spec-assembly-error.js";

/**
 * Results by document (the sha256 of its JSON), for the life of this process. The validator builds
 * a new Ajv and compiles the OpenAPI schema on every call (200 to 650 ms here), and the same pages
 * are validated again each time a spec is assembled from them: twice per `generate --check`, and
 * in every test that assembles the fixture pages.
 */
const results = new Map<string, Promise<ValidationResult>>();

/** Validates against the OpenAPI schema; `label` names the page or output in the error. */
export async function validateOpenApi(doc: object, label: string): Promise<void> {
  const key = createHash("sha256").update(JSON.stringify(doc)).digest("hex");
  let result = results.get(key);
  if (result === undefined) {
    // The validator dereferences in place: give it a copy.
    result = validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    results.set(key, result);
  }
  const outcome = await result;
  if (!outcome.valid) {
    throw new SpecAssemblyError(`${label}: invalid OpenAPI document: ${compileErrors(outcome)}`);
  }
}
