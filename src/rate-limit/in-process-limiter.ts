import type { LuccaLogger } from "../http/attempt-log.js";

/** A limiter in this process: its signal and abort error are optional; it needs no lease. */
export interface InProcessLimiter {
  acquire(signal?: AbortSignal, aborted?: () => unknown): Promise<() => void>;
  /**
   * Counts a slot granted elsewhere (by a shared store) as one of this window's, from now until
   * `perMs` after the returned `release` (idempotent) is called: a fallback on this limiter then
   * knows what the process already holds.
   */
  hold(): () => void;
}

/** `requests` is read each time the limiter hands out slots: a getter may change it. */
export interface InProcessLimit {
  readonly requests: number;
  readonly perMs: number;
}

/** Who hears that a call waits: the tenant's origin, and the logger. */
export interface WaitNotice {
  origin: string;
  logger: LuccaLogger | undefined;
}

/** A call waiting longer than this for a slot is said, once per wait episode. */
export const WAIT_NOTICE_MS = 1_000;

/**
 * The line said when calls start to wait: warn, not debug, since a call held tens of seconds by
 * the limit looks like a hang to whoever reads the logs at their usual level; once per episode
 * (until the queue empties), so a burst of 500 calls says it once.
 */
export function waitLine(origin: string, limit: InProcessLimit, waitMs: number): string {
  const window = limit.perMs % 1_000 === 0 ? `${limit.perMs / 1_000} s` : `${limit.perMs} ms`;
  return (
    `lucca: rate limit ${limit.requests} per ${window} reached for ${origin};` +
    ` this call waits about ${Math.round(waitMs / 1_000)} s`
  );
}

/**
 * A rolling-window limiter with a first-in, first-out queue. A slot is held from the moment a
 * request starts until `perMs` after it completes: the server counts arrivals, so counting from
 * completion keeps us under its limit whatever the network adds, for one latency per window.
 * `acquire` resolves with a `release` to call when the request completes, or rejects with
 * `aborted()` if `signal` aborts first. With `notice`, a call that must wait over
 * `WAIT_NOTICE_MS` is said (`waitLine`).
 */
export function inProcessLimiter(limit: InProcessLimit, notice?: WaitNotice): InProcessLimiter {
  // Release times of the slots in use; Infinity while a request is in flight.
  let slots: number[] = [];
  let queue: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Set once a wait was said; cleared when the queue empties (the episode ends).
  let noticed = false;

  /** Hands free slots to waiters in order, or sets one timer for the earliest release. */
  const schedule = (): void => {
    clearTimeout(timer);
    timer = undefined;
    // Sub-millisecond and monotonic: Date.now() floors, which could free a slot up to 1 ms early.
    const now = performance.now();
    slots = slots.filter((at) => at > now);
    while (queue.length > 0 && slots.length < limit.requests) {
      const grant = queue.shift();
      grant?.();
    }
    if (queue.length === 0) noticed = false;
    const next = Math.min(...slots);
    // With every slot in flight, a release calls schedule again.
    if (queue.length > 0 && next < Infinity) {
      timer = setTimeout(schedule, next - now);
    }
  };

  /** Takes a slot now; the returned release (idempotent) starts its perMs. */
  const take = (): (() => void) => {
    slots.push(Infinity);
    let released = false;
    return () => {
      // Only the first call turns an in-flight marker into a release time.
      if (released) return;
      released = true;
      slots[slots.indexOf(Infinity)] = performance.now() + limit.perMs;
      schedule();
    };
  };

  const acquire = (
    signal?: AbortSignal,
    aborted: () => unknown = () => signal?.reason,
  ): Promise<() => void> =>
    new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener("abort", onAbort);
        resolve(take());
      };
      const onAbort = (): void => {
        queue = queue.filter((waiter) => waiter !== grant);
        // No waiter left: no timer either, or it would keep the process alive up to perMs.
        if (queue.length === 0) {
          clearTimeout(timer);
          timer = undefined;
          noticed = false;
        }
        reject(aborted());
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(grant);
      schedule();
      if (queue.includes(grant)) sayWait(queue.indexOf(grant));
    });

  /** Says once per episode that a call waits, with the wait of the one at `position`. */
  const sayWait = (position: number): void => {
    if (noticed || notice?.logger === undefined) return;
    const now = performance.now();
    // A slot in flight frees perMs after its answer at the soonest: count it from now.
    const frees = slots.map((at) => Math.min(at, now + limit.perMs)).sort((a, b) => a - b);
    const n = Math.max(1, frees.length);
    const freeAt = (frees[position % n] ?? now) + Math.floor(position / n) * limit.perMs;
    const waitMs = freeAt - now;
    if (waitMs <= WAIT_NOTICE_MS) return;
    noticed = true;
    notice.logger.warn(waitLine(notice.origin, limit, waitMs));
  };

  return { acquire, hold: take };
}
