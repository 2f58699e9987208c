import { defineConfig } from "vitest/config";

// The tests Stryker runs against each mutant (`npm run test:mutation`, stryker.config.json): only
// fast files that start no process and wait on no real clock (fake timers), so that a few hundred
// mutants run in minutes on 2 cores. The full suite stays `npm test` (vitest.config.ts).
export default defineConfig({
  test: {
    include: [
      "test/http/failure-classification.test.ts",
      "test/http/retry-policy.test.ts",
      "test/http/backoff-timing.test.ts",
      "test/http/*-mutants.test.ts",
      "test/rate-limit/in-process-limiter.test.ts",
      "test/rate-limit/store-limiter.test.ts",
      "test/rate-limit/nothing-outlives.test.ts",
      "test/rate-limit/wait-notice.test.ts",
      "test/rate-limit/*-mutants.test.ts",
    ],
    testTimeout: 3_000,
  },
});
