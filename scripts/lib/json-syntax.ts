/** Where a JSON text stops being JSON: 1-based line and column, and what was expected there. */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/**
 * A strict RFC 8259 scan of `text`, only to say where it breaks: V8's JSON.parse names no
 * position for some errors (an unexpected token), and a trailing comma deserves its own words.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let at = 0;
  const skip = () => {
    while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  };
  const describe = () => (at < text.length ? JSON.stringify(text[at]) : "the end of the text");
  const match = (pattern: RegExp): boolean => {
    pattern.lastIndex = at;
    if (!pattern.test(text)) return false;
    at = pattern.lastIndex;
    return true;
  };
  const value = (): void => {
    skip();
    const char = text[at];
    if (char === "{") return members("}", true);
    if (char === "[") return members("]", false);
    if (char === '"') {
      if (!match(STRING)) throw new Stop(at, "an unterminated or malformed string");
      return;
    }
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return;
      }
    }
    if (match(NUMBER)) return;
    throw new Stop(at, `expected a value, found ${describe()}`);
  };
  const members = (close: string, keyed: boolean): void => {
    at++;
    skip();
    if (text[at] === close) {
      at++;
      return;
    }
    for (;;) {
      skip();
      if (keyed) {
        if (text[at] === close) throw new Stop(at, `a trailing comma before "${close}"`);
        if (text[at] !== '"' || !match(STRING)) {
          throw new Stop(at, `expected a double-quoted property name, found ${describe()}`);
        }
        skip();
        if (text[at] !== ":") throw new Stop(at, `expected ":", found ${describe()}`);
        at++;
      } else {
        skip();
        if (text[at] === close) throw new Stop(at, `a trailing comma before "${close}"`);
      }
      value();
      skip();
      if (text[at] === ",") {
        at++;
        continue;
      }
      if (text[at] === close) {
        at++;
        return;
      }
      throw new Stop(at, `expected "," or "${close}", found ${describe()}`);
    }
  };
  try {
    value();
    skip();
    if (at < text.length) throw new Stop(at, `unexpected ${describe()} after the document`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.offset).split("\n");
    const last = before[before.length - 1] ?? "";
    return { line: before.length, column: last.length + 1, reason: error.reason };
  }
}
