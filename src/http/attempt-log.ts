/**
 * Any console-like logger (`console`, pino, winston...): the levels the client calls. One line per
 * attempt, with its facts as a second argument.
 */
export interface LuccaLogger {
  debug(message: string, fields?: AttemptLog | ErrorLog): void;
  warn(message: string, fields?: AttemptLog | ErrorLog): void;
  error(message: string, fields?: AttemptLog | ErrorLog): void;
}

/** The fields of a line about a failure outside an attempt (the rate-limit store): its error. */
export interface ErrorLog {
  error: unknown;
}

/**
 * The structured fields behind each line: only what is true of that attempt (no `failure` on an
 * answer, no key left undefined). Never holds the API key or any header.
 */
export interface AttemptLog {
  method: string;
  url: string;
  attempt: number;
  maxAttempts: number;
  durationMs: number;
  /** The answer's status; absent when there was none. */
  status?: number;
  /** What went wrong without an answer: `timed out after 30000 ms`, `connection failed (...)`. */
  failure?: string;
  /** Set when the client will retry: the wait before the next attempt. */
  retryInMs?: number;
  /** Why the client does not retry, or gave up (a retry says "retrying in"). */
  reason?: string;
}

/** debug for a success, warn before a retry, error for a final failure. */
export function logAttempt(logger: LuccaLogger, entry: AttemptLog): void {
  const { method, url, status, attempt, maxAttempts, durationMs, retryInMs, reason } = entry;
  let level: "debug" | "warn" | "error" = "error";
  if (status !== undefined && status < 400) level = "debug";
  else if (retryInMs !== undefined) level = "warn";
  const outcome = status === undefined ? entry.failure : `HTTP ${status}`;
  logger[level](
    `lucca: ${method} ${url} -> ${outcome}` +
      ` (attempt ${attempt}/${maxAttempts}, ${durationMs} ms)` +
      (retryInMs === undefined ? "" : `; retrying in ${retryInMs} ms`) +
      (reason ? `: ${reason}` : ""),
    entry,
  );
}
