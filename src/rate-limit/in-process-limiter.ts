/** A limiter in this process: its signal and abort error are optional; it needs no lease. */
export interface InProcessLimiter {
  acquire(signal?: AbortSignal, aborted?: () => unknown): Promise<() => void>;
}

/**
 * A rolling-window limiter with a first-in, first-out queue. A slot is held from the moment a
 * request starts until `perMs` after it completes: the server counts arrivals, so counting from
 * completion keeps us under its limit whatever the network adds, for one latency per window.
 * `acquire` resolves with a `release` to call when the request completes, or rejects with
 * `aborted()` if `signal` aborts first.
 */
export function inProcessLimiter(limit: { requests: number; perMs: number }): InProcessLimiter {
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

  const acquire = (
    signal?: AbortSignal,
    aborted: () => unknown = () => signal?.reason,
  ): Promise<() => void> =>
    new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener("abort", onAbort);
        slots.push(Infinity);
        let released = false;
        resolve(() => {
          // Only the first call turns an in-flight marker into a release time.
          if (released) return;
          released = true;
          slots[slots.indexOf(Infinity)] = performance.now() + limit.perMs;
          schedule();
        });
      };
      const onAbort = (): void => {
        queue = queue.filter((waiter) => waiter !== grant);
        // Disarms the timer if no one waits any more: it would keep the process alive up to perMs.
        schedule();
        reject(aborted());
      };
      if (signal?.aborted) {
        onAbort();
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(grant);
      schedule();
    });

  return { acquire };
}
