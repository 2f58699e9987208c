import type { ChildProcess } from "node:child_process";

/**
 * Returns a `stop()` for exactly this child: SIGTERM, SIGKILL after `graceMs`, resolved once it has
 * exited. Never looks a process up by port or name.
 */
export function stopper(child: ChildProcess, graceMs = 5_000): () => Promise<void> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    await exited;
    clearTimeout(timer);
  };
}
