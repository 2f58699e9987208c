import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { stopper } from "../src/internal.js";

export interface ChildServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** Stops exactly the process started here. */
  stop(): Promise<void>;
}

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** Starts bench/server.ts in a child process and resolves once it prints its port. */
export function spawnServer(env: Record<string, string> = {}): Promise<ChildServer> {
  const entry = fileURLToPath(new URL("./server.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
  const stop = stopper(child);
  return new Promise((resolve, reject) => {
    let output = "";
    const onExit = (code: number | null): void =>
      reject(new Error(`bench server exited before listening (code ${code}): ${output}`));
    child.once("exit", onExit);
    child.once("error", reject);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^\{.*\}$/m.exec(output)?.[0];
      if (!line) return;
      child.off("exit", onExit);
      const { port } = JSON.parse(line) as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, pid: child.pid!, stop });
    });
  });
}
