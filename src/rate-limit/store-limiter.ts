import { randomUUID } from "node:crypto";
import type { LuccaLogger } from "../http/attempt-log.js";
import { inProcessLimiter, WAIT_NOTICE_MS, waitLine } from "./in-process-limiter.js";
import type { Limiter } from "./limiter.js";
import type { RateLimitStore, RateLimitStoreGrant } from "./rate-limit-store.js";

/** An acquire the store has not answered in this long is asked again: a call must not hang on it. */
export const STORE_TIMEOUT_MS = 250;
/**
 * A store that answers late is slow, not down (a busy event loop or network): its acquires are
 * asked again for this long before a fallback. One that fails outright is down at once.
 */
export const SLOW_STORE_WAIT_MS = 2_000;
/** During an outage, calls use this process's share of the limit this long before one asks again. */
export const PROBE_AFTER_MS = 1_000;
/**
 * At start-up the store may not be connected yet (ioredis with `enableOfflineQueue: false` refuses
 * every command until then): until its first answer, failures are retried for this long, from the
 * first ask, before any fallback.
 */
export const CONNECT_WAIT_MS = 3_000;
/** How often a store not connected yet is asked again. */
const CONNECT_RETRY_MS = 50;

/** Names this process to the store, which counts the processes sharing a window. */
const PROCESS_ID = randomUUID();

type Acquire = Parameters<Limiter["acquire"]>;
type Waiter = { args: Acquire; resolve: (release: () => void) => void; onAbort: () => void };

/**
 * The limiter of one tenant over a shared store. A FIFO queue stays in front: only its head asks
 * the store, so a process asks once per free slot, and a full window sleeps its head until the
 * earliest slot frees.
 *
 * Store trouble: a store that never answered yet is waited for (`CONNECT_WAIT_MS`), a slow one too
 * (`SLOW_STORE_WAIT_MS`, asking again each `STORE_TIMEOUT_MS`); after that, or when an acquire
 * fails outright, calls go to this process's share of the
 * limit (the limit ÷ the processes the store saw in the last window, at least 1), counted together
 * with the slots this process still holds from the store; one warning per outage, and the store is
 * asked again every `PROBE_AFTER_MS`. A release is never timed: a late one is not an outage, and
 * the slot stays counted here until `perMs` after the call ended whatever the store does.
 */
export function storeLimiter(
  store: RateLimitStore,
  { key, origin }: { key: string; origin: string },
  limit: { requests: number; perMs: number },
  logger: LuccaLogger | undefined,
): Limiter {
  // Processes the store saw in the last window, from its last answer (1 if it does not count).
  let processes = 1;
  const share = {
    perMs: limit.perMs,
    get requests(): number {
      return Math.max(1, Math.floor(limit.requests / processes));
    },
  };
  // Holds every slot this process has, from the store or not: the fallback counts them all.
  const local = inProcessLimiter(share);
  let queue: Waiter[] = [];
  let asking = false;
  // Set once a wait was said; cleared when the queue empties (the episode ends).
  let noticed = false;
  let answeredOnce = false;
  let firstAskAt: number | undefined;
  // When the store's current run of late answers began.
  let slowSince: number | undefined;
  // Set during an outage: until then, calls go to the fallback.
  let probeAt: number | undefined;
  // The pump's current sleep: ended early when the last waiter aborts, so no timer outlives it.
  let napping: { timer: ReturnType<typeof setTimeout>; wake: () => void } | undefined;
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        napping = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      napping = { timer, wake };
    });

  const fallingBack = (): boolean => probeAt !== undefined && performance.now() < probeAt;
  const stillConnecting = (): boolean =>
    !answeredOnce && firstAskAt !== undefined && performance.now() - firstAskAt < CONNECT_WAIT_MS;

  const trouble = (error: unknown): void => {
    const known = probeAt !== undefined;
    probeAt = performance.now() + PROBE_AFTER_MS;
    if (known) return;
    logger?.warn(
      `lucca: rate-limit store failed for ${key} (${describe(error)}); falling back to this` +
        ` process's share of the limit, ${share.requests} per ${limit.perMs} ms` +
        ` (${processes} process${processes === 1 ? "" : "es"} used the store in the last window),` +
        ` and asking the store again every ${PROBE_AFTER_MS} ms until it answers`,
      { error },
    );
  };

  const free = (token: string, perMs: number): void => {
    store.release({ key, token, perMs }).catch((error: unknown) => {
      logger?.debug(
        `lucca: rate-limit store did not take back a slot for ${key} (${describe(error)});` +
          ` it frees when its lease ends`,
        { error },
      );
    });
  };

  const pump = async (): Promise<void> => {
    if (asking) return;
    asking = true;
    while (queue.length > 0) {
      if (fallingBack()) {
        for (const { args, resolve, onAbort } of queue.splice(0)) {
          args[0]?.removeEventListener("abort", onAbort);
          // The fallback rejects an aborted call itself, with the same error.
          local.acquire(args[0], args[1]).then(resolve, () => onAbort());
        }
        break;
      }
      const head = queue[0]!;
      if (firstAskAt === undefined) firstAskAt = performance.now();
      // The transport's lease is the attempt's timeout; the server counts it perMs longer.
      const request = {
        key,
        requests: limit.requests,
        perMs: limit.perMs,
        leaseMs: head.args[2] + limit.perMs,
        processId: PROCESS_ID,
      };
      let grant: RateLimitStoreGrant;
      try {
        grant = await bounded(
          () => store.acquire(request),
          (late) => {
            if (late?.granted) free(late.token, 0);
          },
        );
        if (typeof grant?.granted !== "boolean") throw new Error(`bad answer ${String(grant)}`);
      } catch (error) {
        const now = performance.now();
        const late = error instanceof NoAnswer;
        if (late && slowSince === undefined) slowSince = now;
        if (probeAt !== undefined) {
          // A probe during a known outage: back to the fallback at once.
          trouble(error);
        } else if (stillConnecting()) {
          await sleep(CONNECT_RETRY_MS);
        } else if (!late || now - slowSince! >= SLOW_STORE_WAIT_MS) {
          trouble(error);
        }
        continue;
      }
      answeredOnce = true;
      slowSince = undefined;
      if (typeof grant.processes === "number" && grant.processes >= 1) {
        processes = grant.processes;
      }
      if (probeAt !== undefined) {
        probeAt = undefined;
        logger?.debug(`lucca: rate-limit store answers again for ${key}`);
      }
      if (!grant.granted) {
        const wait = Math.max(1, Math.min(limit.perMs, Math.ceil(grant.retryInMs)));
        if (!noticed && wait > WAIT_NOTICE_MS) {
          noticed = true;
          logger?.warn(waitLine(origin, limit, wait));
        }
        await sleep(wait);
        continue;
      }
      // The head aborted meanwhile: its slot goes back unused, and the next head asks afresh.
      if (queue[0] !== head) {
        free(grant.token, 0);
        continue;
      }
      queue.shift();
      head.args[0]?.removeEventListener("abort", head.onAbort);
      const unhold = local.hold();
      const token = grant.token;
      let released = false;
      head.resolve(() => {
        if (released) return;
        released = true;
        unhold();
        free(token, limit.perMs);
      });
    }
    noticed = false;
    asking = false;
  };

  return {
    acquire: (...args) => {
      if (fallingBack()) return local.acquire(args[0], args[1]);
      const [signal, aborted] = args;
      return new Promise((resolve, reject) => {
        const onAbort = (): void => {
          queue = queue.filter((w) => w !== waiter);
          if (queue.length === 0) napping?.wake();
          reject(aborted());
        };
        const waiter: Waiter = { args, resolve, onAbort };
        if (signal?.aborted) {
          onAbort();
          return;
        }
        signal?.addEventListener("abort", onAbort);
        queue.push(waiter);
        void pump();
      });
    },
  };
}

/** An error's message, cut to a line's length: the error itself goes in the log's fields. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 200);
}

/** The store did not answer in time (it may still answer: a slow store, not a failed one). */
class NoAnswer extends Error {}

/** `call()`, rejected after STORE_TIMEOUT_MS; an answer that comes later goes to `late`. */
function bounded<T>(call: () => Promise<T>, late: (value: T) => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let answered = false;
  const pending = Promise.resolve().then(call);
  const done = (): void => {
    answered = true;
  };
  pending.then(done, done);
  const timeout = new Promise<never>((_, reject) => {
    // setImmediate runs after pending I/O: an answer that came while this process was busy
    // (a stalled event loop) is read first, rather than taken for a slow store.
    const expire = (): void => {
      if (answered) return;
      pending.then(late, () => {});
      reject(new NoAnswer(`no answer within ${STORE_TIMEOUT_MS} ms`));
    };
    timer = setTimeout(() => setImmediate(expire), STORE_TIMEOUT_MS);
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}
