import { LuccaValidationError } from "../errors.js";
import type { OperationRule, OperationRules } from "../generated/operations.js";

/**
 * The spec's rule for `method` on `path` (a template). A JavaScript caller can name a path or a
 * method the spec does not have: that is an error naming what it has, before any request.
 */
export function operationRule(rules: OperationRules, method: string, path: string): OperationRule {
  const operations = rules[path];
  if (operations === undefined) {
    throw new LuccaValidationError(
      "path",
      `${JSON.stringify(String(path))} is not a path of the spec; use raw() for endpoints it does not describe yet.`,
    );
  }
  const rule = operations[method.toLowerCase()];
  if (rule === undefined) {
    const methods = Object.keys(operations).map((m) => m.toUpperCase());
    throw new LuccaValidationError(
      "method",
      `${method} is not an operation of ${path}; it has: ${methods.join(", ")}.`,
    );
  }
  return rule;
}
