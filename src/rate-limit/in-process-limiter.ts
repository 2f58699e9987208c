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

/**
 * A rolling-window limiter with a first-in, first-out queue. A slot is held from the moment a
 * request starts until `perMs` after it completes: the server counts arrivals, so counting from
 * completion keeps us under its limit whatever the network adds, for one latency per window.
 * `acquire` resolves with a `release` to call when the request completes, or rejects with
 * `aborted()` if `signal` aborts first.
 */
export function inProcessLimiter(limit: InProcessLimit): InProcessLimiter {
  // Release times of the slots in use; Infinity while a request is in flight.
  let slots: number[] = [];
  let queue: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

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
        }
        reject(aborted());
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener("abort", onAbort);
      queue.push(grant);
      schedule();
    });

  return { acquire, hold: take };
}
