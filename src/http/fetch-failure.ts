/** What a fetch that threw tells about the request: its cause, and whether anything was sent. */
export interface Failure {
  /** e.g. `ECONNREFUSED`, `bad port`, `timed out after 300 ms`. */
  cause: string;
  /** Certain that no byte of the request left the process or reached a server. */
  nothingSent: boolean;
  /** Worth trying again even for a POST: nothing was sent and the cause may pass. */
  transient: boolean;
}

// Failures before a connection existed: nothing was sent. undici puts the code on `cause`.
const BEFORE_SENDING =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR_CONNECT_TIMEOUT)$/;

/** `answered`: the headers had arrived (the body failed), so the request was surely sent. */
export function describeFailure(
  error: unknown,
  timedOutMs: number | undefined,
  answered: boolean,
): Failure {
  if (timedOutMs !== undefined || answered) {
    const cause = timedOutMs === undefined ? bodyCause(error) : `timed out after ${timedOutMs} ms`;
    return { cause, nothingSent: false, transient: false };
  }
  const code = codeOf(error);
  if (code) {
    const before = BEFORE_SENDING.test(code);
    return { cause: code, nothingSent: before, transient: before };
  }
  // undici fails without a code only before sending: a forbidden port, a bad URL or header.
  return { cause: messageOf(error), nothingSent: true, transient: false };
}

type Wrapped = { cause?: { code?: unknown; message?: unknown }; message?: unknown } | undefined;

const codeOf = (error: unknown): string | undefined => {
  const code = (error as Wrapped)?.cause?.code;
  return typeof code === "string" ? code : undefined;
};
const messageOf = (error: unknown): string =>
  String((error as Wrapped)?.cause?.message ?? (error as Wrapped)?.message ?? error);
const bodyCause = (error: unknown): string =>
  `the body failed: ${codeOf(error) ?? messageOf(error)}`;
