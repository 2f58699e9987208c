/** `key` names a tenant and its limit (origin and limit, never the API key). */
export interface RateLimitStoreAcquire {
  key: string;
  requests: number;
  perMs: number;
  /** How long the slot may stay in flight before it counts as released: attempt timeout + perMs. */
  leaseMs: number;
  /**
   * Names the asking process (one id per process). A store that records it answers `processes`;
   * one that ignores it still works, and each process then falls back to the whole limit.
   */
  processId?: string | undefined;
}

/**
 * `retryInMs`: when a slot may free (exact for an answered slot, at most `perMs` for one in
 * flight). `processes` (optional): how many processes asked for this key in the last `perMs`, this
 * one included; during an outage each takes `requests / processes` (at least 1) of the limit.
 */
export type RateLimitStoreGrant = (
  { granted: true; token: string } | { granted: false; retryInMs: number }
) & { processes?: number | undefined };

/**
 * A rate-limit window shared by many processes (`redisRateLimitStore` from
 * `lucca-invoices-client/redis`, or your own): each call must be atomic and timed by the store's
 * clock, and every slot must expire by its lease even if it is never released.
 */
export interface RateLimitStore {
  acquire(request: RateLimitStoreAcquire): Promise<RateLimitStoreGrant>;
  /** Frees the slot `perMs` from now (0: it was granted but never used). */
  release(request: { key: string; token: string; perMs: number }): Promise<void>;
}
