import { readdirSync, readFileSync } from "node:fs";

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
