import { compileErrors, validate } from "@readme/openapi-parser";
import { SpecAssemblyError } from "./spec-assembly-error.js";

/** Validates against the OpenAPI schema; `label` names the page or output in the error. */
export async function validateOpenApi(doc: object, label: string): Promise<void> {
  // The validator dereferences in place: give it a copy.
  const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
  if (!result.valid) {
    throw new SpecAssemblyError(`${label}: invalid OpenAPI document: ${compileErrors(result)}`);
  }
}
