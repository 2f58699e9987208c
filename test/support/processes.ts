import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { promisify } from "node:util";

export interface RunningProcess {
  pid: number;
  ppid: number;
  /** The command line, its arguments joined by spaces. */
  args: string;
}

/**
 * Every process of this machine, read from /proc: `ps` comes with procps, which a bare machine
 * (a slim Node image) may lack. A process that ends while it is read is left out.
 */
export function runningProcesses(): RunningProcess[] {
  const found: RunningProcess[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").trim();
      // stat: "pid (comm) state ppid ...": comm may hold spaces, so read after its last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      found.push({ pid: Number(name), ppid, args });
    } catch {
      // It ended meanwhile.
    }
  }
  return found;
}

export interface Outcome {
  /** The exit code: 0 on success. */
  code: number;
  /** stdout, then stderr. */
  output: string;
}

/** Runs `node script ...args` in `cwd` and resolves with its exit code and output, failed or not. */
export function runNodeScript(script: string, args: string[], cwd: string): Promise<Outcome> {
  return promisify(execFile)(process.execPath, [script, ...args], { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, output: `${stdout}${stderr}` }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: `${error.stdout}${error.stderr}`,
    }),
  );
}
