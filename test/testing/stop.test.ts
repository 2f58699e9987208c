import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { startLuccaMock } from "../../src/testing.js";
import { runningProcesses } from "../support/processes.js";

/** The pids of this test process's children running Prism's CLI. */
function prismChildren(): number[] {
  return runningProcesses()
    .filter(({ ppid, args }) => ppid === process.pid && args.includes("prism-cli"))
    .map(({ pid }) => pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a new server can listen on this loopback port. */
function portIsFree(port: number): Promise<boolean> {
  const probe = createServer();
  return new Promise((resolve) => {
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

describe("mock.stop()", () => {
  it("on the shipped spec: stops the Prism it started and frees the port", async () => {
    expect(prismChildren()).toEqual([]);
    const mock = await startLuccaMock();
    const pids = prismChildren();
    expect(pids).toHaveLength(1);
    const port = Number(new URL(mock.baseUrl).port);
    expect(mock.baseUrl).toBe(`http://127.0.0.1:${port}`);
    expect(await portIsFree(port)).toBe(false);

    // A kept-alive connection must not hold stop() up.
    const answer = await fetch(`${mock.baseUrl}/no-such-path`);
    expect(answer.status).toBe(404);
    expect(mock.requests.map((r) => [r.path, r.status])).toEqual([["/no-such-path", 404]]);

    await mock.stop();
    expect(pids.filter(isRunning)).toEqual([]);
    expect(prismChildren()).toEqual([]);
    expect(await portIsFree(port)).toBe(true);
    // A second stop() is the same promise's outcome, not an error.
    await expect(mock.stop()).resolves.toBeUndefined();
  });
});
