import { realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { ProjectOrderSequencer } from "./test/support/project-order.js";
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
const ON_SHARED_PRISM = [
  "test/contract/**/*.test.ts",
  "test/package/consumer.test.ts",
  "test/package/proxy-mode.test.ts",
];
/**
 * Files that install the packed package first (test/package/packed.ts): their project starts that
 * work as the run starts. The consumer (contract) and the Redis consumer (redis) use the same
 * install, waiting for it, or building it themselves when run without this project.
 */
const ON_PACKED_INSTALL = ["test/package/example.test.ts"];
/** Files that start processes of their own: tsc, tsx, npm pack, a Prism of their own. */
const WITH_PROCESSES = [
  "test/package/**/*.test.ts",
  "test/scripts/**/*.test.ts",
  "test/testing/**/*.test.ts",
  "test/assemble-spec.test.ts",
  "test/generate.test.ts",
  "test/spec-growth.test.ts",
  "test/format.test.ts",
];

// One directory per run for what test files share across workers (the packed install of
// test/package/packed.ts), removed when the run ends. A nested run (test:proxy's) inherits the
// variable and leaves the directory to the run that made it.
if (process.env.LUCCA_TEST_RUN_DIR === undefined) {
  const runDir = join(realpathSync(tmpdir()), `lucca-test-run-${process.pid}`);
  process.env.LUCCA_TEST_RUN_DIR = runDir;
  process.once("exit", () => rmSync(runDir, { recursive: true, force: true }));
}

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
      exclude: [...ON_SHARED_PRISM, ...REDIS_TEST_FILES, ...WITH_PROCESSES, ...ON_PACKED_INSTALL],
      // Worker threads start faster than forked processes, and a unit file needs no process of
      // its own (it counts timers and listeners of its own thread).
      pool: "threads",
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
      exclude: [...ON_SHARED_PRISM, ...REDIS_TEST_FILES, ...ON_PACKED_INSTALL],
    },
  },
  {
    extends: true,
    test: {
      name: "packed",
      include: ON_PACKED_INSTALL,
      globalSetup: ["test/package/packed-setup.ts"],
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
    // vitest's default on 2 cores is one worker; most files here wait on I/O, child processes or
    // real time, so three overlap well on 2 cores (npm test: 2 min 36 s with two workers).
    maxWorkers: 3,
    sequence: { sequencer: ProjectOrderSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    ...(withRedis ? {} : { reporters: ["default", new RedisSkipReporter()] }),
    projects,
  },
});
