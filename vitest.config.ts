import { configDefaults, defineConfig } from "vitest/config";
import {
  missingRedisError,
  REDIS_TEST_FILES,
  redisAvailable,
  RedisSkipReporter,
} from "./test/support/redis-availability.js";

// Without a Redis the Redis files are left out and the run ends saying so (and how to run them);
// LUCCA_REQUIRE_REDIS=1 (CI) makes that a failure instead.
const withRedis = redisAvailable();
if (!withRedis && process.env.LUCCA_REQUIRE_REDIS === "1") throw missingRedisError();

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: withRedis ? configDefaults.exclude : [...configDefaults.exclude, ...REDIS_TEST_FILES],
    ...(withRedis ? {} : { reporters: ["default", new RedisSkipReporter()] }),
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
