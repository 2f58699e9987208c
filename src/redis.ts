// The `lucca-invoices-client/redis` entry: the shared limiter on the app's own ioredis client.
export { redisRateLimitStore, type RedisRateLimitStoreOptions } from "./rate-limit/redis-store.js";
export type {
  RateLimitStore,
  RateLimitStoreAcquire,
  RateLimitStoreGrant,
} from "./rate-limit/rate-limit-store.js";
