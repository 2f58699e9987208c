import { spawnSync } from "node:child_process";
import type { Reporter } from "vitest/reporters";

/** The test files that need a Redis: skipped, and said so, on a machine without one. */
export const REDIS_TEST_FILES = [
  "test/rate-limit/redis-store.test.ts",
  "test/rate-limit/redis-limiter.test.ts",
  "test/rate-limit/redis-fleet.test.ts",
  "test/package/redis-consumer.test.ts",
];

/** The one command that makes them run. */
export const ENABLE_REDIS_TESTS =
  "sudo apt-get install -y redis-server   (or: LUCCA_TEST_REDIS_URL=redis://127.0.0.1:6379 npm test)";

/** A Redis the tests can use: LUCCA_TEST_REDIS_URL, or a redis-server on the PATH to start. */
export function redisAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.LUCCA_TEST_REDIS_URL) return true;
  const found = spawnSync("redis-server", ["--version"], { env, encoding: "utf8" });
  return found.error === undefined && found.status === 0;
}

/** The lines that end a run without Redis: which files did not run, and how to run them. */
export function redisSkipLines(files: string[] = REDIS_TEST_FILES): string[] {
  return [
    "",
    `Not run: ${files.length} Redis test files (no redis-server on the PATH, LUCCA_TEST_REDIS_URL not set):`,
    ...files.map((file) => `  ${file}`),
    `To run them: ${ENABLE_REDIS_TESTS}`,
  ];
}

/** LUCCA_REQUIRE_REDIS=1 (set by .ci/run) turns a missing Redis into a failure. */
export function missingRedisError(): Error {
  return new Error(
    `LUCCA_REQUIRE_REDIS=1 but no Redis: no redis-server on the PATH and LUCCA_TEST_REDIS_URL ` +
      `not set. ${ENABLE_REDIS_TESTS}`,
  );
}

/** Prints `redisSkipLines` after vitest's own summary, as the run's last lines. */
export class RedisSkipReporter implements Reporter {
  constructor(private readonly write: (text: string) => void = (t) => process.stdout.write(t)) {}

  onTestRunEnd(): void {
    this.write(`${redisSkipLines().join("\n")}\n`);
  }
}
