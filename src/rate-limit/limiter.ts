import type { RateLimitStore } from "./rate-limit-store.js";

/** The `rateLimit` option: a window of `requests` per `perMs`, in this process or over a store. */
export interface RateLimit {
  /** Requests allowed per window: 1 to 10 000. Default: 50. */
  requests: number;
  /** Window length in ms: 1 to 2^31 - 1. Default: 60 000. */
  perMs: number;
  /**
   * Holds the window for every process of the fleet (`redisRateLimitStore` from
   * `lucca-invoices-client/redis`). Default: none, each process keeps its own window.
   */
  store?: RateLimitStore | undefined;
}

/** What the transport needs of a limiter: one slot per attempt, released when its answer starts. */
export interface Limiter {
  /**
   * Resolves with a `release` (idempotent) once a slot is free; rejects with `aborted()` if
   * `signal` aborts first. `leaseMs` bounds how long the slot may stay in flight.
   */
  acquire(
    signal: AbortSignal | undefined,
    aborted: () => unknown,
    leaseMs: number,
  ): Promise<() => void>;
}
