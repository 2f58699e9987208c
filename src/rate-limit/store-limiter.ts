import type { LuccaLogger } from "../http/attempt-log.js";
import type { RateLimitStore, RateLimitStoreGrant } from "./rate-limit-store.js";
import type { Limiter } from "./limiter.js";

// A store slower than this is in trouble: a call must not hang on it.
const STORE_TIMEOUT_MS = 250;
// During an outage, calls use the in-process limiter this long before one asks the store again.
const PROBE_AFTER_MS = 1_000;

type Acquire = Parameters<Limiter["acquire"]>;
type Waiter = { args: Acquire; resolve: (release: () => void) => void; onAbort: () => void };

/**
 * The limiter of one tenant over a shared store. A FIFO queue stays in front: only its head asks
 * the store, so a process asks once per free slot, and a full window sleeps its head until the
 * earliest slot frees. On store trouble it hands calls to `fallback` (the in-process limiter),
 * warns once per outage, and asks the store again `PROBE_AFTER_MS` later.
 */
export function storeLimiter(
  store: RateLimitStore,
  key: string,
  limit: { requests: number; perMs: number },
  fallback: Limiter,
  logger: LuccaLogger | undefined,
): Limiter {
  let queue: Waiter[] = [];
  let asking = false;
  // Set during an outage: until then, calls go to the fallback.
  let probeAt: number | undefined;
  const fallingBack = (): boolean => probeAt !== undefined && Date.now() < probeAt;

  const trouble = (error: unknown): void => {
    const known = probeAt !== undefined;
    probeAt = Date.now() + PROBE_AFTER_MS;
    if (known) return;
    const why = error instanceof Error ? error.message : String(error);
    logger?.warn(
      `lucca: rate-limit store failed for ${key} (${why.slice(0, 200)}); falling back` +
        ` to this process's own limiter until it answers`,
    );
  };
  const free = (token: string, perMs: number): void => {
    bounded(() => store.release({ key, token, perMs })).catch(trouble);
  };

  const pump = async (): Promise<void> => {
    if (asking) return;
    asking = true;
    while (queue.length) {
      if (fallingBack()) {
        for (const { args, resolve, onAbort } of queue.splice(0)) {
          args[0]?.removeEventListener("abort", onAbort);
          // The fallback rejects an aborted call itself, with the same error.
          fallback.acquire(...args).then(resolve, () => onAbort());
        }
        break;
      }
      const head = queue[0]!;
      // The transport's lease is the attempt's timeout; the server counts it perMs longer.
      const request = { key, ...limit, leaseMs: head.args[2] + limit.perMs };
      let grant: RateLimitStoreGrant;
      try {
        grant = await bounded(
          () => store.acquire(request),
          (late) => late?.granted && free(late.token, 0),
        );
        if (typeof grant?.granted !== "boolean") throw new Error(`bad answer ${String(grant)}`);
      } catch (error) {
        trouble(error);
        continue;
      }
      if (probeAt !== undefined) {
        probeAt = undefined;
        logger?.debug(`lucca: rate-limit store answers again for ${key}`);
      }
      if (!grant.granted) {
        const wait = Math.max(1, Math.min(limit.perMs, Math.ceil(grant.retryInMs)));
        await new Promise((resolve) => setTimeout(resolve, wait));
        continue;
      }
      // The head aborted meanwhile: its slot goes back unused, and the next head asks afresh.
      if (queue[0] !== head) {
        free(grant.token, 0);
        continue;
      }
      queue.shift();
      head.args[0]?.removeEventListener("abort", head.onAbort);
      let released = false;
      head.resolve(() => {
        if (!released) free(grant.token, limit.perMs);
        released = true;
      });
    }
    asking = false;
  };

  return {
    acquire: (...args) => {
      if (fallingBack()) return fallback.acquire(...args);
      const [signal, aborted] = args;
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          queue = queue.filter((w) => w !== waiter);
          reject(aborted());
        };
        const waiter: Waiter = { args, resolve, onAbort };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener("abort", onAbort);
        queue.push(waiter);
        void pump();
      });
    },
  };
}

/** `call()`, rejected after STORE_TIMEOUT_MS; an answer that comes later goes to `late`. */
function bounded<T>(call: () => Promise<T>, late?: (value: T) => unknown): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let answered = false;
  const pending = Promise.resolve().then(call);
  const done = (): void => void (answered = true);
  pending.then(done, done);
  const timeout = new Promise<never>((_, reject) => {
    // setImmediate runs after pending I/O: an answer that came while this process was busy
    // (a stalled event loop) is read first, rather than taken for a slow store.
    const expire = (): void => {
      if (answered) return;
      pending.then(late, () => {});
      reject(new Error(`no answer within ${STORE_TIMEOUT_MS} ms`));
    };
    timer = setTimeout(() => setImmediate(expire), STORE_TIMEOUT_MS);
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}
