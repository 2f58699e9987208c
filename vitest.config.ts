import { defineConfig } from "vitest/config";

// Which test needs what. A unit test needs nothing beyond this process (in-process node:http
// servers included): `npm run test:unit` runs that project alone, so the inner loop starts no
// Prism, no child process and no Redis. Every file not claimed below is a unit test.

/** Files that read the shared Prism mock (`inject("apiBaseUrl")`): only their project starts it. */
const ON_SHARED_PRISM = ["test/contract/**/*.test.ts", "test/package/consumer.test.ts"];
/** Files that need a redis-server. */
const ON_REDIS = ["test/**/redis-*.test.ts", "test/rate-limit/store-limiter.test.ts"];
/** Files that start processes of their own: tsc, tsx, npm pack, a Prism of their own. */
const WITH_PROCESSES = [
  "test/package/**/*.test.ts",
  "test/scripts/**/*.test.ts",
  "test/testing/**/*.test.ts",
  "test/assemble-spec.test.ts",
  "test/generate.test.ts",
  "test/spec-growth.test.ts",
];

/**
 * Type tests: `expectTypeOf` checked by tsc over the project's tsconfig (typecheck mode), never run.
 * A type error anywhere in their imports fails the run.
 */
const TYPE_TESTS = ["test/types/**/*.test-d.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...ON_SHARED_PRISM, ...ON_REDIS, ...WITH_PROCESSES],
        },
      },
      {
        extends: true,
        test: { name: "contract", include: ON_SHARED_PRISM, globalSetup: ["test/global-setup.ts"] },
      },
      {
        extends: true,
        test: {
          name: "processes",
          include: WITH_PROCESSES,
          exclude: [...ON_SHARED_PRISM, ...ON_REDIS],
        },
      },
      { extends: true, test: { name: "redis", include: ON_REDIS } },
      {
        extends: true,
        test: {
          name: "types",
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: TYPE_TESTS,
            tsconfig: "./tsconfig.json",
          },
        },
      },
    ],
  },
});
