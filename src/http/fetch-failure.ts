/** What a fetch that threw tells about the request: its cause, and whether anything was sent. */
export interface Failure {
  /** e.g. `ECONNREFUSED`, `bad port`, `terminated`, `timed out after 300 ms`. */
  cause: string;
  /**
   * Certain that the request never reached a server: the connection was never made. False for
   * anything the client cannot be sure of.
   */
  nothingSent: boolean;
  /** Worth trying again even for a POST: nothing was sent and the cause may pass. */
  transient: boolean;
}

/**
 * Codes of failures before a connection existed: refused, DNS (not found, try again), host or
 * network unreachable, undici's connect timeout. Only these say "nothing was sent".
 */
const CONNECT_FAILURES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** How deep the `cause` chain is searched: fetch wraps once, a custom fetch may add a level or two. */
const MAX_CAUSE_DEPTH = 5;

/** The error and its causes, outermost first, at most MAX_CAUSE_DEPTH + 1 links. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let link = error;
  while (chain.length <= MAX_CAUSE_DEPTH && link !== undefined && link !== null) {
    chain.push(link);
    link = typeof link === "object" ? (link as { cause?: unknown }).cause : undefined;
  }
  return chain;
}

function codeOf(link: unknown): string | undefined {
  const code = typeof link === "object" ? (link as { code?: unknown } | null)?.code : undefined;
  return typeof code === "string" ? code : undefined;
}

/**
 * undici's fetch refusing a port on the Fetch standard's blocked list (6000, 6667...): a
 * `TypeError("fetch failed")` whose cause is a plain `Error("bad port")` without a code.
 */
function isUndiciBadPort(link: unknown): boolean {
  if (!(link instanceof TypeError) || link.message !== "fetch failed") return false;
  const cause = link.cause;
  return cause instanceof Error && cause.message === "bad port" && codeOf(cause) === undefined;
}

/** The first code in the chain, else the innermost message, else the value as text. */
function describe(chain: unknown[]): string {
  for (const link of chain) {
    const code = codeOf(link);
    if (code !== undefined) return code;
  }
  const innermost = chain.at(-1);
  if (innermost instanceof Error) return innermost.message;
  return String(innermost);
}

/**
 * Classifies a fetch that threw. Nothing was sent only when the first code found on the error or
 * its causes is a connect failure, or undici refused a forbidden port. Everything else (a reset,
 * `terminated`, a custom fetch's error without a code, a thrown string) may have reached the server.
 */
export function classifyFailure(error: unknown): Failure {
  const chain = causeChain(error);
  const cause = describe(chain);
  if (chain.some(isUndiciBadPort))
    return { cause: "bad port", nothingSent: true, transient: false };
  const code = chain.map(codeOf).find((found) => found !== undefined);
  const beforeConnecting = code !== undefined && CONNECT_FAILURES.has(code);
  return { cause, nothingSent: beforeConnecting, transient: beforeConnecting };
}

/** A failure after the answer's headers arrived: sent, and answered in part. */
export function bodyFailure(error: unknown): Failure {
  return {
    cause: `the body failed: ${describe(causeChain(error))}`,
    nothingSent: false,
    transient: false,
  };
}

/** The attempt's own timeout: the request may have been sent. */
export function timeoutFailure(timeoutMs: number): Failure {
  return { cause: `timed out after ${timeoutMs} ms`, nothingSent: false, transient: false };
}
