import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { Readable } from "node:stream";
import { NULL_BODY } from "./read-answer.js";
import { LuccaConfigError } from "../errors.js";

/** fetch refuses a body on GET and HEAD (the Fetch standard); a spec may still declare one. */
export const cannotCarryBody = (method: string): boolean => method === "GET" || method === "HEAD";

/** A fetch for the one request fetch cannot make: node:http(s), same Response out, signal honoured. */
export async function fetchWithBody(url: string, init: RequestInit): Promise<Response> {
  // Read back through a Response: FormData gets its boundary, every body its bytes.
  const carrier = new Response(init.body, { headers: init.headers });
  const bytes = new Uint8Array(await carrier.arrayBuffer());
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { "content-length": String(bytes.byteLength) };
    carrier.headers.forEach((value, name) => {
      headers[name] = value;
    });
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
    `${method} ${path} has a body, which fetch cannot send: drop the custom fetch for this call.`,
  );
