import { checkAnswer, type MockAnswer } from "./mock-answer.js";
import { LuccaMockError } from "./mock-error.js";

export interface OverrideOptions {
  /** How many matching calls get the answer, a whole number from 1; default 1. */
  times?: number | undefined;
}

export interface Override {
  /** `"POST /cleemy-procurement/api/invoices/{id}/confirmations"` */
  operation: string;
  answer: MockAnswer;
  method: string;
  pattern: RegExp;
  remaining: number;
}

/** A path template as a regular expression: each `{name}` matches one path segment. */
export function templatePattern(template: string): RegExp {
  const parts = template
    .split(/\{[^}/]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^/]+")}$`);
}

/** Checks an override against the spec's operations and the answer shapes; throws saying why. */
export function createOverride(
  operations: readonly string[],
  operation: string,
  answer: MockAnswer,
  options: OverrideOptions = {},
): Override {
  const match = /^([A-Za-z]+) (\/\S*)$/.exec(String(operation));
  const key = match ? `${match[1]!.toUpperCase()} ${match[2]}` : undefined;
  if (!key || !operations.includes(key)) {
    throw new LuccaMockError(
      `No operation ${JSON.stringify(operation)} in the mock's spec: expected "METHOD /path/{template}", one of: ${operations.join(", ")}.`,
    );
  }
  checkAnswer(key, answer);
  const times = options.times ?? 1;
  if (!Number.isInteger(times) || times < 1) {
    throw new LuccaMockError(
      `Invalid times ${JSON.stringify(times)} for ${key}: expected a whole number from 1.`,
    );
  }
  const [method, template] = key.split(" ") as [string, string];
  return { operation: key, answer, method, pattern: templatePattern(template), remaining: times };
}

/** The first override with calls left that matches, its count taken down by one. */
export function takeOverride(
  overrides: Override[],
  method: string,
  pathname: string,
): Override | undefined {
  const found = overrides.find(
    (o) => o.remaining > 0 && o.method === method && o.pattern.test(pathname),
  );
  if (found) found.remaining -= 1;
  return found;
}
