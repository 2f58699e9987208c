import { LuccaConfigError } from "./errors.js";
import { defaultRateLimit, type RateLimit } from "./rate-limiter.js";
import { defaultRetryTiming, type RetryTiming } from "./retry-policy.js";
import type { AttemptPolicy } from "./transport.js";

export const defaultPolicy: AttemptPolicy = { maxRetries: 2, timeoutMs: 30_000 };

function check(option: string, value: unknown, min: number, max: number, integer: boolean): void {
  if (value === undefined) return;
  const ok =
    typeof value === "number" &&
    (integer ? Number.isInteger(value) : Number.isFinite(value)) &&
    value >= min &&
    value <= max;
  if (!ok) {
    throw new LuccaConfigError(
      option,
      `Invalid ${option}: expected ${integer ? "an integer" : "a number"} from ${min} to ${max}, got ${String(value).slice(0, 40)}.`,
    );
  }
}

/** Client or per-call `maxRetries` / `timeoutMs` over the defaults. */
export function attemptPolicy(
  over: Partial<AttemptPolicy> | undefined,
  base: AttemptPolicy,
): AttemptPolicy {
  check("maxRetries", over?.maxRetries, 0, 10, true);
  check("timeoutMs", over?.timeoutMs, 1, 2 ** 31 - 1, true);
  return {
    maxRetries: over?.maxRetries ?? base.maxRetries,
    timeoutMs: over?.timeoutMs ?? base.timeoutMs,
  };
}

export function retryTiming(over: Partial<RetryTiming> | undefined): RetryTiming {
  for (const key of ["initialDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    check(`retry.${key}`, over?.[key], 0, 2 ** 31 - 1, false);
  }
  return { ...defaultRetryTiming, ...over };
}

export function rateLimit(over: RateLimit | false | undefined): RateLimit | false {
  if (over === false) return false;
  if (over === undefined) return defaultRateLimit;
  check("rateLimit.requests", over.requests, 1, 1_000_000, true);
  check("rateLimit.perMs", over.perMs, 1, 2 ** 31 - 1, false);
  if (over.requests === undefined || over.perMs === undefined) {
    throw new LuccaConfigError(
      "rateLimit",
      "Invalid rateLimit: expected { requests, perMs } or false.",
    );
  }
  return { requests: over.requests, perMs: over.perMs };
}
