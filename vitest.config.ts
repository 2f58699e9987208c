import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import {
  missingRedisError,
  REDIS_TEST_FILES,
  redisAvailable,
  RedisSkipReporter,
} from "./test/support/redis-availability.js";

// Which test needs what. A unit test needs nothing beyond this process (in-process node:http
// servers included): `npm run test:unit` runs that project alone, so the inner loop starts no
// Prism, no child process and no Redis. Every file not claimed below is a unit test.

/** Files that read the shared Prism mock (`inject("apiBaseUrl")`): only their project starts it. */
const ON_SHARED_PRISM = ["test/contract/**/*.test.ts", "test/package/consumer.test.ts"];
/** Files that start processes of their own: tsc, tsx, npm pack, a Prism of their own. */
const WITH_PROCESSES = [
  "test/package/**/*.test.ts",
  "test/scripts/**/*.test.ts",
  "test/testing/**/*.test.ts",
  "test/assemble-spec.test.ts",
  "test/generate.test.ts",
  "test/spec-growth.test.ts",
];

// Without a Redis the Redis project is left out and the run ends saying so (and how to run it);
// LUCCA_REQUIRE_REDIS=1 (CI) makes that a failure instead.
const withRedis = redisAvailable();
if (!withRedis && process.env.LUCCA_REQUIRE_REDIS === "1") throw missingRedisError();

/**
 * Type tests: `expectTypeOf` checked by tsc over the project's tsconfig (typecheck mode), never run.
 * A type error anywhere in their imports fails the run.
 */
const TYPE_TESTS = ["test/types/**/*.test-d.ts"];

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: "unit",
      include: ["test/**/*.test.ts"],
      exclude: [...ON_SHARED_PRISM, ...REDIS_TEST_FILES, ...WITH_PROCESSES],
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
      exclude: [...ON_SHARED_PRISM, ...REDIS_TEST_FILES],
    },
  },
  {
    extends: true,
    test: {
      name: "types",
      include: [],
      typecheck: { enabled: true, only: true, include: TYPE_TESTS, tsconfig: "./tsconfig.json" },
    },
  },
];
if (withRedis) projects.push({ extends: true, test: { name: "redis", include: REDIS_TEST_FILES } });

export default defineConfig({
  test: {
    // vitest's default on 2 cores is one worker; most files here wait on I/O or child
    // processes, so two overlap well (npm run test:unit: 16 s -> 11 s on 2 cores).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    ...(withRedis ? {} : { reporters: ["default", new RedisSkipReporter()] }),
    projects,
  },
});
