import { wrapAsPathBasedClient as wrap, type MaybeOptionalInit } from "openapi-fetch";
import type {
  CallPaths,
  HttpMethod,
  InitParam,
  LuccaClient,
  LuccaResponse,
} from "./call-site-types.js";

/** `client["/path"].POST(init)`: openapi-fetch's path-based client, with this client's types. */
export type LuccaPathBasedClient<Paths, P = CallPaths<Paths>> = {
  [Path in keyof P]: {
    [M in keyof P[Path] & HttpMethod as P[Path][M] extends {} ? Uppercase<M> : never]: <
      Init extends MaybeOptionalInit<P[Path], M>,
    >(
      ...init: InitParam<Init, MaybeOptionalInit<P[Path], M>>
    ) => Promise<LuccaResponse<P[Path][M], Init>>;
  };
};

/**
 * openapi-fetch's `wrapAsPathBasedClient`, typed for this client: openapi-fetch's own signature
 * wants its `error` type, where this client returns a LuccaApiError.
 */
export function wrapAsPathBasedClient<Paths>(
  client: LuccaClient<Paths>,
): LuccaPathBasedClient<Paths> {
  return wrap(client as never) as LuccaPathBasedClient<Paths>;
}
