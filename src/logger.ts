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
  status?: number;
  /** What went wrong without a response: `timeout`, `connection refused`, ... */
  failure?: string;
  /** Set when the client will retry: the wait before the next attempt. */
  retryInMs?: number;
  /** Why the client retries, or why it does not. */
  reason?: string;
}

export function logAttempt(logger: LuccaLogger | undefined, entry: AttemptLog): void {
  if (!logger) return;
  const outcome = entry.status !== undefined ? `HTTP ${entry.status}` : entry.failure;
  const line =
    `lucca: ${entry.method} ${entry.url} -> ${outcome}` +
    ` (attempt ${entry.attempt}/${entry.maxAttempts}, ${entry.durationMs} ms)` +
    (entry.retryInMs !== undefined ? `; retrying in ${entry.retryInMs} ms` : "") +
    (entry.reason ? `: ${entry.reason}` : "");
  const ok = entry.status !== undefined && entry.status < 400;
  const level = ok ? "debug" : entry.retryInMs !== undefined ? "warn" : "error";
  logger[level](line, entry);
}
