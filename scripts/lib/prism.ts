import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stopper } from "./stop-child.js";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const specPath = join(repoRoot, "openapi", "lucca-invoices.yaml");

export interface PrismServer {
  /** e.g. `http://127.0.0.1:41234` */
  readonly baseUrl: string;
  readonly pid: number;
  /** Everything Prism printed so far. */
  log(): string;
  /** Stops exactly the process this module started. */
  stop(): Promise<void>;
}

export interface StartPrismOptions {
  /** `mock` (default) or `proxy` to an upstream URL. */
  upstream?: string;
  readyTimeoutMs?: number;
  spec?: string;
}

const READY = /Prism is listening on (http:\/\/[^\s]+)/;

function prismCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
}

/**
 * Starts `prism mock|proxy SPEC --errors` on a free loopback port (Prism binds port 0 and prints
 * the one it got, so there is no race for a port) and resolves once it listens.
 */
export function startPrism(options: StartPrismOptions = {}): Promise<PrismServer> {
  const { upstream, readyTimeoutMs = 30_000, spec = specPath } = options;
  const mode = upstream ? ["proxy", spec, upstream] : ["mock", spec];
  const args = [prismCli(), ...mode, "-h", "127.0.0.1", "-p", "0", "--errors"];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  let output = "";
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
      output += chunk.toString();
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
