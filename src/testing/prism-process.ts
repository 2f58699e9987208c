import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { LuccaMockError } from "./mock-error.js";
import { shippedSpecPath } from "./shipped-spec.js";
import { stopper } from "./stop-child.js";

/** The version range this package is tested with (Node 20 resolves 5.14.x). */
export const PRISM_RANGE = "~5.14.2";

export interface PrismServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly baseUrl: string;
  readonly pid: number;
  /** What Prism printed so far (the last 100 000 characters). */
  log(): string;
  /** Stops exactly the process this module started. */
  stop(): Promise<void>;
}

export interface StartPrismOptions {
  /** Runs `prism proxy SPEC upstream` instead of `prism mock SPEC`. Default: mock. */
  upstream?: string | undefined;
  /** How long Prism may take to listen before the start fails; default 30 000 ms. */
  readyTimeoutMs?: number | undefined;
  /** The spec file; default the vendored spec the package ships. */
  spec?: string | undefined;
}

/** Children still running: killed if this process exits without stopping them (a crashed test run). */
const running = new Set<ChildProcess>();
const killRunning = (): void => {
  for (const child of running) child.kill("SIGTERM");
};

const READY = /Prism is listening on (http:\/\/[^\s]+)/;
/** Prism logs a line per request: a long test run keeps only the tail. */
const LOG_LIMIT = 100_000;

/**
 * Prism's CLI script, resolved from `from` (default: this module, so an app's own install of the
 * optional peer is found). Throws one line saying what to install when it is missing.
 */
export function prismCli(from: string = import.meta.url): string {
  const require = createRequire(from);
  let manifest: string;
  try {
    manifest = require.resolve("@stoplight/prism-cli/package.json");
  } catch {
    throw new LuccaMockError(
      `The Lucca mock needs @stoplight/prism-cli, which is not installed: npm i -D @stoplight/prism-cli@${PRISM_RANGE}`,
    );
  }
  return join(dirname(manifest), "dist", "index.js");
}

/**
 * Starts `prism mock|proxy SPEC -h 127.0.0.1 -p 0 --errors` as a child process (Prism binds port 0
 * and prints the one it got, so there is no race for a port) and resolves once it listens. Prism's
 * programmatic API is marked experimental upstream: the CLI is the stable surface.
 */
export function startPrism(options: StartPrismOptions = {}): Promise<PrismServer> {
  const { upstream, readyTimeoutMs = 30_000 } = options;
  const spec = options.spec ?? shippedSpecPath();
  const mode = upstream ? ["proxy", spec, upstream] : ["mock", spec];
  const args = [prismCli(), ...mode, "-h", "127.0.0.1", "-p", "0", "--errors"];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  let output = "";
  if (running.size === 0) process.once("exit", killRunning);
  running.add(child);
  child.once("exit", () => {
    running.delete(child);
    if (running.size === 0) process.off("exit", killRunning);
  });
  const stop = stopper(child);

  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`Prism ${why}. Its log:\n${output}`)));
    };
    const timer = setTimeout(
      () => fail(`was not listening after ${readyTimeoutMs} ms`),
      readyTimeoutMs,
    );
    const onData = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-LOG_LIMIT);
      const ready = READY.exec(output);
      if (!ready?.[1]) return;
      clearTimeout(timer);
      child.off("exit", onExit);
      resolve({ baseUrl: ready[1], pid: child.pid!, log: () => output, stop });
    };
    const onExit = (code: number | null, signal: string | null): void =>
      fail(`exited before listening (code ${code}, signal ${signal})`);
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", onExit);
    child.once("error", (error) => fail(`could not start: ${error.message}`));
  });
}
