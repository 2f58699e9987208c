import { STATUS_CODES } from "node:http";
import { LuccaMockError } from "./mock-error.js";

/** What the mock answers to a call that matches an override. */
export type MockAnswer =
  | {
      /** The status sent instead of Prism's, 200 to 599. */
      status: number;
      /** Sent as given; `Content-Type` defaults from the body (see `body`). */
      headers?: Record<string, string> | undefined;
      /**
       * A string or bytes are sent as they are (`text/plain`), anything else as JSON
       * (`application/json`, or `application/problem+json` for a status >= 400). Default: none
       * below 400, a problem+json naming the override from 400 up.
       */
      body?: unknown;
    }
  | {
      /**
       * The request reaches Prism and is answered there, then the mock closes the connection
       * without answering: the call may have taken effect, and the client cannot know.
       */
      drop: "after-request";
    }
  | {
      /** Prism's answer, held back this many ms (e.g. past the client's `timeoutMs`). */
      delayMs: number;
    };

/** Statuses HTTP sends without a body (nor a Content-Length). */
const NO_BODY = [204, 304];

/** A status answer as bytes on the wire. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Throws a LuccaMockError saying what is accepted when `answer` is not one of the three shapes. */
export function checkAnswer(operation: string, answer: MockAnswer): void {
  const shape = '{ status, headers?, body? }, { drop: "after-request" } or { delayMs }';
  const given = answer as Record<string, unknown> | null | undefined;
  const keys = given && typeof given === "object" ? Object.keys(given) : [];
  if (keys.includes("status")) {
    const { status } = given as { status: unknown };
    if (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599) {
      throw new LuccaMockError(
        `Invalid status ${JSON.stringify(status)} for ${operation}: expected an integer from 200 to 599.`,
      );
    }
    if (NO_BODY.includes(status as number) && (given as { body?: unknown }).body !== undefined) {
      throw new LuccaMockError(
        `Invalid body for ${status} on ${operation}: a ${status} answer has no body.`,
      );
    }
    return;
  }
  if (keys.includes("drop")) {
    const { drop } = given as { drop: unknown };
    if (drop !== "after-request") {
      throw new LuccaMockError(
        `Invalid drop ${JSON.stringify(drop)} for ${operation}: expected "after-request".`,
      );
    }
    return;
  }
  if (keys.includes("delayMs")) {
    const { delayMs } = given as { delayMs: unknown };
    if (typeof delayMs !== "number" || !Number.isFinite(delayMs) || delayMs < 0) {
      throw new LuccaMockError(
        `Invalid delayMs ${JSON.stringify(delayMs)} for ${operation}: expected a number of ms, 0 or more.`,
      );
    }
    return;
  }
  throw new LuccaMockError(`Invalid answer for ${operation}: expected ${shape}.`);
}

/** The bytes for a `{ status, headers?, body? }` answer. */
export function replyFor(
  operation: string,
  answer: { status: number; headers?: Record<string, string> | undefined; body?: unknown },
): Reply {
  const { status } = answer;
  const headers: Record<string, string> = { ...answer.headers };
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
  let body = answer.body;
  if (body === undefined && status >= 400) {
    body = {
      type: "about:blank",
      title: STATUS_CODES[status] ?? `HTTP ${status}`,
      status,
      detail: `Forced by the Lucca mock: override of ${operation}`,
    };
  }
  let bytes = Buffer.alloc(0);
  let type: string | undefined;
  if (typeof body === "string" || body instanceof Uint8Array) {
    bytes = Buffer.from(body);
    type = "text/plain; charset=utf-8";
  } else if (body !== undefined) {
    bytes = Buffer.from(JSON.stringify(body));
    type = status >= 400 ? "application/problem+json" : "application/json";
  }
  if (type && !hasType) headers["Content-Type"] = type;
  if (!NO_BODY.includes(status)) headers["Content-Length"] = String(bytes.length);
  return { status, headers, body: bytes };
}
