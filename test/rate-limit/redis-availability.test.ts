import { describe, expect, it } from "vitest";
import {
  missingRedisError,
  redisAvailable,
  RedisSkipReporter,
} from "../support/redis-availability.js";

describe("the Redis suite on a machine without Redis", () => {
  it("finds no Redis without redis-server on the PATH or LUCCA_TEST_REDIS_URL", () => {
    expect(redisAvailable({ PATH: "/nonexistent" })).toBe(false);
    expect(redisAvailable({ PATH: "/nonexistent", LUCCA_TEST_REDIS_URL: "redis://h:1" })).toBe(
      true,
    );
  });

  it("ends the run naming each file not run and the command that runs them", () => {
    let written = "";
    new RedisSkipReporter((text) => {
      written += text;
    }).onTestRunEnd();
    expect(written).toBe(
      [
        "",
        "Not run: 4 Redis test files (no redis-server on the PATH, LUCCA_TEST_REDIS_URL not set):",
        "  test/rate-limit/redis-store.test.ts",
        "  test/rate-limit/redis-limiter.test.ts",
        "  test/rate-limit/redis-fleet.test.ts",
        "  test/package/redis-consumer.test.ts",
        "To run them: sudo apt-get install -y redis-server   (or: LUCCA_TEST_REDIS_URL=redis://127.0.0.1:6379 npm test)",
        "",
      ].join("\n"),
    );
  });

  it("LUCCA_REQUIRE_REDIS=1 (CI) fails instead, saying the same", () => {
    expect(missingRedisError().message).toBe(
      "LUCCA_REQUIRE_REDIS=1 but no Redis: no redis-server on the PATH and LUCCA_TEST_REDIS_URL" +
        " not set. sudo apt-get install -y redis-server   (or: LUCCA_TEST_REDIS_URL=redis://127.0.0.1:6379 npm test)",
    );
  });
});
