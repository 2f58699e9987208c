import { invalidOption } from "../errors.js";
import type { LuccaLogger } from "../http/attempt-log.js";
import { inProcessLimiter } from "./in-process-limiter.js";
import type { Limiter } from "./limiter.js";
import type { RateLimitStore } from "./rate-limit-store.js";
import { storeLimiter } from "./store-limiter.js";

/** A resolved `rateLimit`: its bounds checked, its store checked. */
export interface TenantLimit {
  requests: number;
  perMs: number;
  store: RateLimitStore | undefined;
}

/** The value under `key`, made once. */
function once<V>(map: Map<string, V>, key: string, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

const keyOf = (origin: string, limit: TenantLimit): string =>
  `${origin} ${limit.requests}/${limit.perMs}`;

// One limiter per tenant and limit in the process, so every client of a tenant shares its budget.
const inProcess = new Map<string, Limiter>();
// Likewise per store: one queue asks it.
const onStores = new WeakMap<RateLimitStore, Map<string, Limiter>>();

/**
 * The in-process limiter of a tenant (origin) and limit: the same object for every client. The
 * first client's logger hears when calls wait.
 */
export function sharedInProcessLimiter(
  origin: string,
  limit: TenantLimit,
  logger?: LuccaLogger | undefined,
): Limiter {
  return once(inProcess, keyOf(origin, limit), () => inProcessLimiter(limit, { origin, logger }));
}

/** The limiter over `store` for a tenant and limit. The first client's logger gets the warnings. */
function sharedStoreLimiter(
  store: RateLimitStore,
  origin: string,
  limit: TenantLimit,
  logger: LuccaLogger | undefined,
): Limiter {
  let onStore = onStores.get(store);
  if (onStore === undefined) {
    onStore = new Map();
    onStores.set(store, onStore);
  }
  const key = keyOf(origin, limit);
  return once(onStore, key, () => storeLimiter(store, { key, origin }, limit, logger));
}

/**
 * The limiter of the origin of each URL a call goes to (undefined when the limit is off). Looked up
 * per call in the client's own map, by the URL's scheme and authority, which spares parsing the URL
 * and building the shared key each time.
 */
export function tenantLimiters(
  limit: TenantLimit | false,
  logger: LuccaLogger | undefined,
): (url: string) => Limiter | undefined {
  if (limit === false) return () => undefined;
  const mine = new Map<string, Limiter>();
  return (url) => {
    const end = url.indexOf("/", url.indexOf("//") + 2);
    const schemeAndAuthority = end < 0 ? url : url.slice(0, end);
    return once(mine, schemeAndAuthority, () => {
      const { origin } = new URL(url);
      if (limit.store) return sharedStoreLimiter(limit.store, origin, limit, logger);
      return sharedInProcessLimiter(origin, limit, logger);
    });
  };
}

/** JavaScript callers can pass anything: a store that cannot work is refused at creation. */
export function checkStore(store: unknown): RateLimitStore | undefined {
  if (store === undefined) return undefined;
  const candidate = store as Partial<RateLimitStore> | null;
  if (typeof candidate?.acquire !== "function" || typeof candidate.release !== "function") {
    throw invalidOption(
      "rateLimit.store",
      store,
      "a RateLimitStore (acquire and release functions), e.g. redisRateLimitStore(redis) from lucca-invoices-client/redis",
    );
  }
  return candidate as RateLimitStore;
}
