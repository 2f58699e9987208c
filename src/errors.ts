/** Base class of every error this package throws or returns: `instanceof LuccaError` catches them all. */
export class LuccaError extends Error {
  override name = "LuccaError";
}

/** Bad client options (host, baseUrl, apiKey, ...), thrown by `createLuccaInvoicesClient`. */
export class LuccaConfigError extends LuccaError {
  override name = "LuccaConfigError";
  constructor(
    /** The option at fault, e.g. `host` or `apiKey`. */
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}

/** A call argument the spec forbids (e.g. an id that is not an int32), thrown before any request is sent. */
export class LuccaValidationError extends LuccaError {
  override name = "LuccaValidationError";
  constructor(
    /** Where the bad value was, e.g. `params.path.id`. */
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}
