/** Any console-like logger; the client writes one line per attempt when one is given. */
export interface LuccaLogger {
  debug(message: string, fields?: AttemptLog): void;
  info(message: string, fields?: AttemptLog): void;
  warn(message: string, fields?: AttemptLog): void;
  error(message: string, fields?: AttemptLog): void;
}

/** The structured fields behind each line. Never holds the API key or any header. */
export interface AttemptLog {
  method: string;
  url: string;
  attempt: number;
  maxAttempts: number;
  durationMs: number;
  status?: number | undefined;
  /** What went wrong without a response: `timed out after 30000 ms`, `connection failed (...)`. */
  failure?: string | undefined;
  /** Set when the client will retry: the wait before the next attempt. */
  retryInMs?: number | undefined;
  /** Why the client does not retry, or gave up (a retry says "retrying in"). */
  reason?: string | undefined;
}

/** debug for a success, warn before a retry, error for a final failure. */
export function logAttempt(logger: LuccaLogger | undefined, entry: AttemptLog): void {
  const { method, url, status, attempt, maxAttempts, durationMs, retryInMs, reason } = entry;
  logger?.[status! < 400 ? "debug" : retryInMs === undefined ? "error" : "warn"](
    `lucca: ${method} ${url} -> ${status ? `HTTP ${status}` : entry.failure}` +
      ` (attempt ${attempt}/${maxAttempts}, ${durationMs} ms)` +
      (retryInMs === undefined ? "" : `; retrying in ${retryInMs} ms`) +
      (reason ? `: ${reason}` : ""),
    entry,
  );
}
