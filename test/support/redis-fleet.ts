import { fork } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoPath } from "../../scripts/lib/repo-paths.js";
import { stopper } from "../../src/testing/stop-child.js";
import { linkSharedInstall } from "../package/packed.js";

export interface WorkerConfig {
  baseUrl: string;
  /** What `new Redis(...)` takes; without it the worker uses the in-process limiter only. */
  redis?: string | undefined;
  keyPrefix?: string | undefined;
  /** Options for `new Redis(target, options)`, e.g. `{ enableOfflineQueue: false }`. */
  redisOptions?: Record<string, unknown> | undefined;
  /** Open the Redis connection at the first run and call at once, as at a deploy. */
  connectOnRun?: boolean | undefined;
  requests: number;
  perMs: number;
  timeoutMs: number;
  maxRetries: number;
  apiKey: string;
  /** Import specifiers of the client, its /redis entry and ioredis. */
  modules: { client: string; redis: string; ioredis: string };
}

export interface Done {
  id: number;
  status: number;
  /** ms since the epoch: the call started, and its answer came. */
  start: number;
  end: number;
  error?: string;
}

export interface FleetWorker {
  pid: number;
  /** Each attempt the limiter let go. */
  sent: { id: number; at: number }[];
  done: Done[];
  logs: { level: string; message: string }[];
  /** Confirms `ids` at once; resolves when every call has settled. */
  run(ids: number[], options?: { waitForRedis?: boolean }): Promise<void>;
  /** SIGKILL, as a crash would: nothing is released. */
  crash(): Promise<void>;
  stop(): Promise<void>;
}

/** How a worker is started, and the specifiers it imports the client, its /redis entry and ioredis by. */
export interface WorkerHow {
  entry: string;
  execArgv: string[];
  cwd?: string;
  modules: WorkerConfig["modules"];
}

/** The source tree, loaded through tsx (about 0.5 s of CPU more per process than the build). */
export const sourceWorker: WorkerHow = {
  entry: repoPath("test/support/redis-fleet-worker.mjs"),
  execArgv: ["--import", "tsx"],
  modules: {
    client: pathToFileURL(repoPath("src/index.ts")).href,
    redis: pathToFileURL(repoPath("src/redis.ts")).href,
    ioredis: "ioredis",
  },
};

/**
 * The packed package, as an app runs it: the worker script in `dir`, beside a link to the run's
 * shared install (test/package/packed.ts), importing by bare specifiers.
 */
export async function packedWorker(dir: string): Promise<WorkerHow> {
  await linkSharedInstall(dir);
  copyFileSync(repoPath("test/support/redis-fleet-worker.mjs"), join(dir, "worker.mjs"));
  return {
    entry: join(dir, "worker.mjs"),
    execArgv: [],
    cwd: dir,
    modules: {
      client: "lucca-invoices-client",
      redis: "lucca-invoices-client/redis",
      ioredis: "ioredis",
    },
  };
}

/** Forks one worker process and resolves once it is connected and ready. */
export function startWorker(
  config: WorkerConfig,
  how: WorkerHow = sourceWorker,
): Promise<FleetWorker> {
  const child = fork(how.entry, [JSON.stringify(config)], {
    execArgv: how.execArgv,
    cwd: how.cwd ?? repoPath(),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const stop = stopper(child, 2_000);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const worker: FleetWorker = {
    pid: child.pid!,
    sent: [],
    done: [],
    logs: [],
    run: (ids, options = {}) =>
      new Promise((resolve, reject) => {
        const onExit = () => reject(new Error(`worker ${child.pid} exited during a run`));
        child.once("exit", onExit);
        const onMessage = (message: { type: string }) => {
          if (message.type !== "ran") return;
          child.off("message", onMessage);
          child.off("exit", onExit);
          resolve();
        };
        child.on("message", onMessage);
        child.send({ type: "run", ids, ...options });
      }),
    crash: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.connected) child.send({ type: "exit" });
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
      await stop();
    },
  };
  child.on("message", (message: Record<string, unknown>) => {
    if (message.type === "sent") worker.sent.push(message as never);
    if (message.type === "done") worker.done.push(message as never);
    if (message.type === "log") worker.logs.push(message as never);
  });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`worker exited at start (${code})`));
    child.once("exit", onExit);
    child.once("message", (message: { type: string }) => {
      child.off("exit", onExit);
      if (message.type === "ready") resolve(worker);
      else reject(new Error(`worker said ${JSON.stringify(message)} before ready`));
    });
  });
}

export interface WaitSpread {
  calls: number;
  /** From a call's start to its first attempt leaving, in ms. */
  medianWaitMs: number;
  maxWaitMs: number;
  /** When its last call was answered, from `since`. */
  lastAnswerMs: number;
}

/** Per worker: how long its calls waited for the limiter, to show no instance starves. */
export function waitSpread(workers: FleetWorker[], since: number): WaitSpread[] {
  return workers.map(({ sent, done }) => {
    const firstSent = new Map<number, number>();
    for (const { id, at } of sent) if (!firstSent.has(id)) firstSent.set(id, at);
    const waits = done.map((d) => (firstSent.get(d.id) ?? d.end) - d.start).sort((a, b) => a - b);
    return {
      calls: done.length,
      medianWaitMs: Math.round(waits[Math.floor(waits.length / 2)] ?? 0),
      maxWaitMs: Math.round(waits.at(-1) ?? 0),
      lastAnswerMs: Math.round(Math.max(...done.map((d) => d.end)) - since),
    };
  });
}
