import { describe, expect, it } from "vitest";
import { bodyFailure, classifyFailure, timeoutFailure } from "../../src/http/fetch-failure.js";

// Edges of the failure classification that the table in failure-classification.test.ts does not
// reach: values that are not plain errors, codes that are not strings, and near misses of undici's
// "bad port" form. Each expectation is exact: the classification decides whether a POST is resent.

const withCode = (message: string, code: unknown, cause?: unknown): Error =>
  Object.assign(new Error(message, cause === undefined ? {} : { cause }), { code });

const sentMaybe = (cause: string) => ({ cause, nothingSent: false, transient: false });
const notSent = (cause: string) => ({ cause, nothingSent: true, transient: true });

describe("classifyFailure at its edges", () => {
  it("reads no code and follows no cause on a thrown function", () => {
    const thrown = Object.assign(() => undefined, {
      code: "ECONNREFUSED",
      cause: withCode("refused", "ECONNREFUSED"),
    });
    expect(classifyFailure(thrown)).toEqual(sentMaybe(String(thrown)));
  });

  it("ignores a code that is not a string: the message is the cause, and it may have been sent", () => {
    expect(classifyFailure(withCode("boom", 61))).toEqual(sentMaybe("boom"));
    expect(classifyFailure(withCode("outer", 61, withCode("inner", "ECONNREFUSED")))).toEqual(
      notSent("ECONNREFUSED"),
    );
  });

  it("a thrown string or number is its own cause", () => {
    expect(classifyFailure("socket hang up")).toEqual(sentMaybe("socket hang up"));
    expect(classifyFailure(42)).toEqual(sentMaybe("42"));
  });

  it("follows the cause chain at most 5 links below the error", () => {
    const chain = (depth: number): Error => {
      let error: Error = withCode("refused", "ECONNREFUSED");
      for (let i = 0; i < depth; i++) error = new Error(`wrap ${i}`, { cause: error });
      return error;
    };
    expect(classifyFailure(chain(5))).toEqual(notSent("ECONNREFUSED"));
    expect(classifyFailure(chain(6))).toEqual(sentMaybe("wrap 0"));
  });

  it("undici's bad port: only a TypeError 'fetch failed' over a code-less Error 'bad port'", () => {
    const badPort = new TypeError("fetch failed", { cause: new Error("bad port") });
    expect(classifyFailure(badPort)).toEqual({
      cause: "bad port",
      nothingSent: true,
      transient: false,
    });
    // Same cause under another error type or message: not undici's refusal.
    expect(classifyFailure(new Error("fetch failed", { cause: new Error("bad port") }))).toEqual(
      sentMaybe("bad port"),
    );
    expect(
      classifyFailure(new TypeError("request failed", { cause: new Error("bad port") })),
    ).toEqual(sentMaybe("bad port"));
    // Another message, a non-Error with that message, or a code on it: not a bad port either.
    expect(
      classifyFailure(new TypeError("fetch failed", { cause: new Error("other socket error") })),
    ).toEqual(sentMaybe("other socket error"));
    expect(
      classifyFailure(new TypeError("fetch failed", { cause: { message: "bad port" } })),
    ).toEqual(sentMaybe("[object Object]"));
    expect(
      classifyFailure(new TypeError("fetch failed", { cause: withCode("bad port", "ECONNRESET") })),
    ).toEqual(sentMaybe("ECONNRESET"));
  });

  it("a TypeError 'fetch failed' without a cause may have been sent", () => {
    expect(classifyFailure(new TypeError("fetch failed"))).toEqual(sentMaybe("fetch failed"));
  });
});

describe("failures after sending", () => {
  it("bodyFailure names the first code, else the innermost message", () => {
    expect(
      bodyFailure(new TypeError("terminated", { cause: withCode("x", "ECONNRESET") })),
    ).toEqual(sentMaybe("the body failed: ECONNRESET"));
    expect(bodyFailure(new Error("aborted"))).toEqual(sentMaybe("the body failed: aborted"));
  });

  it("timeoutFailure says the timeout and that the request may have been sent", () => {
    expect(timeoutFailure(300)).toEqual(sentMaybe("timed out after 300 ms"));
  });
});
