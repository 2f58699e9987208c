import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { NULL_BODY } from "./answer.js";
import { LuccaConfigError } from "./errors.js";

/** fetch refuses a body on GET and HEAD (the Fetch standard); a spec may still declare one. */
export const cannotCarryBody = (method: string): boolean => method === "GET" || method === "HEAD";

/**
 * The bytes and Content-Type of `body` as the operation encodes it: JSON, or what `serializer`
 * (multipart, form, binary) makes of it, read back through a Response so FormData gets its boundary.
 */
export async function encodeBody(
  body: unknown,
  serializer: ((body: unknown) => unknown) | undefined,
  contentType: string | undefined,
): Promise<{ bytes: Uint8Array; contentType: string | null }> {
  const json = serializer ? undefined : { "Content-Type": "application/json" };
  const carrier = new Response((serializer ?? JSON.stringify)(body) as BodyInit, {
    headers: contentType ? { "Content-Type": contentType } : json,
  });
  return {
    bytes: new Uint8Array(await carrier.arrayBuffer()),
    contentType: carrier.headers.get("Content-Type"),
  };
}

/** A fetch for the one request fetch cannot make: node:http(s), same Response out, signal honoured. */
export function fetchWithBody(bytes: Uint8Array) {
  return (url: string, init: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const send = target.protocol === "https:" ? httpsRequest : httpRequest;
      const headers: Record<string, string> = { "content-length": String(bytes.byteLength) };
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const req = send(target, {
        method: init.method,
        headers,
        signal: init.signal ?? undefined,
      });
      req.once("error", reject);
      req.once("response", (res: IncomingMessage) => {
        const answerHeaders = new Headers();
        const raw = res.rawHeaders;
        for (let i = 0; i < raw.length; i += 2) answerHeaders.append(raw[i]!, raw[i + 1]!);
        const status = res.statusCode ?? 0;
        const empty = NULL_BODY.has(status) || init.method === "HEAD";
        if (empty) res.resume();
        resolve(
          new Response(empty ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
            status,
            statusText: res.statusMessage ?? "",
            headers: answerHeaders,
          }),
        );
      });
      req.end(bytes);
    });
}

export const customFetchRefused = (method: string, path: string): LuccaConfigError =>
  new LuccaConfigError(
    "fetch",
    `${method} ${path} has a body, which fetch cannot send: drop the custom fetch for this call` +
      " (the client sends it over node:http).",
  );
