import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { stopper } from "../../src/testing/stop-child.js";

/**
 * The directory prefix of every redis-server the tests start: their process title is
 * `redis-server unixsocket:<tmp>/lucca-test-redis-XXXX/redis.sock`, which .ci/run looks for to
 * prove none is left running (a system redis never has it).
 */
export const REDIS_MARKER = "lucca-test-redis-";

export const MISSING_REDIS =
  "The Redis tests need a redis-server: install it (`apt-get install redis-server`, " +
  "`brew install redis`) or set LUCCA_TEST_REDIS_URL to an existing server (redis://host:port).";

export interface TestRedis {
  /** What `new Redis(target)` connects to: a unix socket path or a redis:// URL. */
  target: string;
  /** The redis-server process started here; undefined for LUCCA_TEST_REDIS_URL. */
  pid: number | undefined;
  /** A new ioredis connection, closed by `stop()`. */
  connect(): Redis;
  /** Stops the server (its process, by pid) without removing anything; `start()` brings it back. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Closes the connections and stops exactly the process started here. */
  stop(): Promise<void>;
}

/** LUCCA_TEST_REDIS_URL when set, else an own redis-server (see `startRedisServer`). */
export async function testRedis(): Promise<TestRedis> {
  const url = process.env.LUCCA_TEST_REDIS_URL;
  return url ? externalRedis(url) : startRedisServer();
}

function externalRedis(url: string): TestRedis {
  const connections: Redis[] = [];
  const refuse = () => Promise.reject(new Error("LUCCA_TEST_REDIS_URL is not ours to stop"));
  return {
    target: url,
    pid: undefined,
    connect: () => track(connections, new Redis(url)),
    kill: refuse,
    start: refuse,
    stop: async () => quitAll(connections),
  };
}

/**
 * Starts a redis-server of our own on a unix socket in a fresh temp dir (no TCP: `--port 0`), no
 * persistence, and resolves once it accepts connections. Throws MISSING_REDIS without the binary.
 */
export async function startRedisServer(options: { tcpPort?: number } = {}): Promise<TestRedis> {
  const found = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (found.error || found.status !== 0) throw new Error(MISSING_REDIS);
  const dir = mkdtempSync(join(tmpdir(), REDIS_MARKER));
  const socket = join(dir, "redis.sock");
  const port = options.tcpPort;
  const args = [
    ...["--port", String(port ?? 0), "--bind", "127.0.0.1", "--unixsocket", socket],
    ...["--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"],
  ];
  const connections: Redis[] = [];
  let stopServer: (() => Promise<void>) | undefined;
  let pid: number | undefined;
  const start = async (): Promise<void> => {
    const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    stopServer = stopper(child);
    pid = child.pid;
    await new Promise<void>((resolve, reject) => {
      let output = "";
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        if (/ready to accept connections/i.test(output)) resolve();
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
  };
  const kill = async (): Promise<void> => {
    await stopServer?.();
    stopServer = undefined;
  };
  await start();
  return {
    target: port ? `redis://127.0.0.1:${port}` : socket,
    get pid() {
      return pid;
    },
    connect: () => track(connections, new Redis(port ? `redis://127.0.0.1:${port}` : socket)),
    kill,
    start,
    stop: async () => {
      quitAll(connections);
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function track(connections: Redis[], redis: Redis): Redis {
  // A stopped server is what some tests are about: its connection errors are expected.
  redis.on("error", () => {});
  connections.push(redis);
  return redis;
}

function quitAll(connections: Redis[]): void {
  // disconnect(), not quit(): it also ends a connection whose server is down, and its retries.
  for (const redis of connections.splice(0)) redis.disconnect();
}
