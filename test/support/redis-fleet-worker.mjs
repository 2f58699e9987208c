// One instance of an app, in its own process: a client (with its own ioredis connection when a
// Redis target is given) confirming the invoice ids its parent sends. Plain JavaScript, so the
// packed-package test runs it as is with bare specifiers. Reports over IPC, never the key.
const config = JSON.parse(process.argv[2] ?? "{}");
const { createLuccaInvoicesClient } = await import(config.modules.client);
const now = () => performance.timeOrigin + performance.now();
const send = (message) => process.send?.(message);

let redis;
let store;
let lucca;
// connectOnRun: the Redis connection opens with the first run and the calls go at once, as at a
// deploy (with redisOptions such as { enableOfflineQueue: false }, a common production setting).
async function connect() {
  const { redisRateLimitStore } = await import(config.modules.redis);
  const { Redis } = await import(config.modules.ioredis);
  redis = new Redis(config.redis, config.redisOptions ?? {});
  // Outages are part of the tests; the client reports them through its logger.
  redis.on("error", () => {});
  if (!config.connectOnRun) await redis.ping();
  store = redisRateLimitStore(redis, { keyPrefix: config.keyPrefix });
}
const redisReady = () =>
  new Promise((resolve) => (redis.status === "ready" ? resolve() : redis.once("ready", resolve)));

const line = (level) => (message) => send({ type: "log", level, message });
const makeClient = () =>
  createLuccaInvoicesClient({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    rateLimit: { requests: config.requests, perMs: config.perMs, ...(store ? { store } : {}) },
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    logger: { debug: line("debug"), warn: line("warn"), error: line("error") },
    // When the limiter let each attempt go.
    fetch: (request) => {
      send({ type: "sent", id: Number(/invoices\/(\d+)/.exec(request.url)?.[1]), at: now() });
      return fetch(request);
    },
  });
if (config.redis && !config.connectOnRun) await connect();
if (!config.connectOnRun) lucca = makeClient();

async function confirm(id) {
  const start = now();
  try {
    const { response, error } = await lucca.POST(
      "/cleemy-procurement/api/invoices/{id}/confirmations",
      { params: { path: { id } }, body: { strategy: "default" } },
    );
    send({ type: "done", id, status: response.status, start, end: now(), error: error?.message });
  } catch (error) {
    send({ type: "done", id, status: 0, start, end: now(), error: String(error?.message) });
  }
}

// A running app's process is warm: load fetch's machinery before the clock starts.
await fetch("data:,warm").then((response) => response.text());

process.on("message", async (message) => {
  if (message.type === "run") {
    if (!lucca) {
      await connect();
      lucca = makeClient();
    }
    if (message.waitForRedis) await redisReady();
    await Promise.all(message.ids.map(confirm));
    send({ type: "ran" });
  } else if (message.type === "exit") {
    redis?.disconnect();
    process.exit(0);
  }
});
send({ type: "ready" });
