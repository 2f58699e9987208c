// npm run bench: per-request overhead, throughput at the rate limit, heap over 20 000 calls and
// bundle size, measured in one run. Prints a summary; `npm run bench -- --write` also rewrites the
// committed bench/RESULTS.md. Missing a target still exits 0 (it is a measurement); a failed call
// or setup exits 1.
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { repoPath } from "../scripts/lib/repo-paths.js";
import { buildIfStale } from "../scripts/lib/build.js";

type Shipped = typeof import("../src/index.js");
import { bareOpenapiFetch, luccaClient, rawFetch } from "./contenders.js";
import { measureHeap } from "./memory.js";
import { measureOverhead, type OverheadSettings } from "./overhead.js";
import { memorySection, overheadSection, throughputSection, verdictLine } from "./report.js";
import { spawnServer } from "./spawn-server.js";
import { measureThroughput } from "./throughput.js";

const settings: OverheadSettings = {
  rounds: 20,
  sequentialCalls: 300,
  concurrentCalls: 800,
  inFlight: 32,
};
// Every 2 000 calls, so a leak shows as a trend that a single spike cannot fake.
const HEAP_CHECKPOINTS = [1_000, ...Array.from({ length: 10 }, (_, i) => (i + 1) * 2_000)];

const command =
  process.env.npm_lifecycle_event === "bench"
    ? `npm run bench (${process.env.npm_lifecycle_script})`
    : ["node", ...process.execArgv, ...process.argv.slice(1)].join(" ");

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { write: { type: "boolean", default: false } } });
  const started = performance.now();
  // The client as it ships (dist/, as openapi-fetch's own dist is measured), built if stale.
  buildIfStale();
  const built = (await import(pathToFileURL(repoPath("dist", "index.js")).href)) as Shipped;
  const create = built.createLuccaInvoicesClient;
  const server = await spawnServer();
  console.error(`bench server: ${server.url} (pid ${server.pid})`);
  let overhead, memory;
  try {
    const contenders = [
      rawFetch(server.url),
      bareOpenapiFetch(server.url),
      luccaClient(server.url, create),
    ];
    console.error("memory: 20 000 sequential calls per contender...");
    // First, while one keep-alive socket is all there is: the concurrent batches open dozens,
    // whose teardown would otherwise land in the readings.
    const clientHeap = await measureHeap(luccaClient(server.url, create), HEAP_CHECKPOINTS);
    const bareHeap = await measureHeap(bareOpenapiFetch(server.url), HEAP_CHECKPOINTS);
    memory = memorySection(clientHeap, bareHeap);
    console.error(`overhead: ${settings.rounds} rounds + 1 warm-up...`);
    const rounds = await measureOverhead(contenders, settings);
    overhead = overheadSection(
      rounds,
      settings,
      contenders.map((c) => c.name),
    );
  } finally {
    await server.stop();
  }
  console.error("throughput: 600 confirmations at 100 per rolling second...");
  const throughput = throughputSection(await measureThroughput());

  console.error("size: bundling dist/index.js with openapi-fetch...");
  // Loaded only now (it brings esbuild, openapi-typescript and prettier), so it is not in the
  // heap the memory part reads.
  const { measureFixtureOperationCost, measureSize } = await import("../scripts/size.js");
  const { sizeSection } = await import("./size-report.js");
  const sizes = await measureSize();
  const size = sizeSection(sizes, await measureFixtureOperationCost(sizes.client));
  console.error(
    "fleet: 4 processes × 40 calls at 20 per rolling second, with and without Redis...",
  );
  const { measureFleet } = await import("./fleet.js");
  const { fleetSection } = await import("./fleet-report.js");
  const fleet = fleetSection(await measureFleet());

  const verdicts = [
    ...overhead.verdicts,
    ...throughput.verdicts,
    ...memory.verdicts,
    ...size.verdicts,
    ...fleet.verdicts,
  ];
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const markdown = `# Benchmark results

- Date: ${new Date().toISOString()}
- Node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? "unknown CPU"}
- Command: \`${command}\` (whole run: ${seconds} s)

## 1. Per-request overhead

Loopback \`node:http\` server in a separate process (bench/server.ts). Calls alternate the two
operations: confirm an invoice (201, JSON body) and close a purchase (200, empty body).
${settings.rounds} interleaved rounds after one uncounted warm-up; each round runs every contender's
sequential batch, then every contender's concurrent batch, in an order rotated each round, each
batch starting after a forced gc. A round's figure is batch wall time ÷ calls; the spreads are
over the rounds. Client: the built package (dist/, as openapi-fetch runs from its own dist), every
default on, limiter at 10 000 per 1 ms (never waits).

${overhead.markdown}

## 2. Throughput at the rate limit

Server in its own process (bench/server.ts with BENCH_RATE_LIMIT=100/1000, the rule of test/support/rate-rule.ts).
600 confirmations of distinct ids started at once (Promise.all) against a server allowing 100
requests per rolling second (429 + Retry-After beyond); client \`rateLimit: { requests: 100, perMs: 1000 }\`.
The minimum is six full windows, the first starting at once.

${throughput.markdown}

## 3. Memory

Measured first in the run. One client, 20 000 sequential calls (alternating operations) against
the loopback server; \`heapUsed\` after forced gc at each checkpoint. The same with one
openapi-fetch client gives the noise: it keeps nothing between calls, so its range is what the
heap does on its own. A leak is a trend: the verdict compares the client's least-squares growth
over 19 000 calls with that noise.

${memory.markdown}

## 4. Size

\`dist/index.js\` bundled with openapi-fetch by esbuild (ESM, minified), gzip -9, as \`npm run size\`
measures it. An operation's types are erased: it costs only its runtime rules
(\`src/generated/operations.ts\`), measured by bundling again with the rules of the vendored spec
grown by the synthetic pages of \`test/fixtures/pages\`.

${size.markdown}

## 5. One tenant, several processes

Four processes (child processes, each with its own ioredis connection to a \`redis-server\` on
loopback TCP) confirm 40 invoices each against a \`node:http\` server allowing 20 requests per
rolling second (429 + Retry-After beyond), \`maxRetries: 10\`. The minimum is 160 ÷ 20 − 1 = 7
windows after the first. First with \`rateLimit: { requests: 20, perMs: 1000, store }\` on
\`redisRateLimitStore\`, then with each process's in-process limiter only. Then the cost of one
acquire and release, sequential, median of 5 rounds of 1 000.

${fleet.markdown}

## Verdicts

${verdicts.map((v) => `- ${verdictLine(v)}`).join("\n")}
`;
  // Formatted as the repo's prettier would, so \`prettier --check\` passes on the results too.
  // Loaded only now, so it is not in the heap the memory part reads.
  const { format, resolveConfig } = await import("prettier");
  const path = fileURLToPath(new URL("./RESULTS.md", import.meta.url));
  const formatted = await format(markdown, { ...(await resolveConfig(path)), filepath: path });
  console.log(`bench: ${seconds} s\n${verdicts.map((v) => `- ${verdictLine(v)}`).join("\n")}`);
  if (values.write) {
    await writeFile(path, formatted);
    console.log("bench: wrote bench/RESULTS.md");
  } else {
    console.log("bench: bench/RESULTS.md left as it is; `npm run bench -- --write` refreshes it");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
