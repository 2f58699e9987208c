// npm run bench: per-request overhead, throughput at the rate limit and heap over 20 000 calls,
// measured in one run and written to bench/RESULTS.md. Missing a target still exits 0 (it is a
// measurement); a failed call or setup exits 1.
import { writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { bareOpenapiFetch, luccaClient, rawFetch } from "./contenders.js";
import { measureHeap } from "./memory.js";
import { measureOverhead, type OverheadSettings } from "./overhead.js";
import { memorySection, overheadSection, throughputSection, verdictLine } from "./report.js";
import { spawnServer } from "./spawn-server.js";
import { measureThroughput } from "./throughput.js";

const settings: OverheadSettings = {
  rounds: 10,
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
  const started = performance.now();
  const server = await spawnServer();
  console.error(`bench server: ${server.url} (pid ${server.pid})`);
  let overhead, memory;
  try {
    const contenders = [
      rawFetch(server.url),
      bareOpenapiFetch(server.url),
      luccaClient(server.url),
    ];
    console.error("memory: 20 000 sequential calls per contender...");
    // First, while one keep-alive socket is all there is: the concurrent batches open dozens,
    // whose teardown would otherwise land in the readings.
    const clientHeap = await measureHeap(luccaClient(server.url), HEAP_CHECKPOINTS);
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

  const verdicts = [...overhead.verdicts, ...throughput.verdicts, ...memory.verdicts];
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
over the rounds. Client: every default on, limiter at 10 000 per 1 ms (never waits).

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

## Verdicts

${verdicts.map((v) => `- ${verdictLine(v)}`).join("\n")}
`;
  // Formatted as the repo's prettier would, so \`prettier --check\` passes on the results too.
  // Loaded only now, so it is not in the heap the memory part reads.
  const { format, resolveConfig } = await import("prettier");
  const path = fileURLToPath(new URL("./RESULTS.md", import.meta.url));
  const formatted = await format(markdown, { ...(await resolveConfig(path)), filepath: path });
  console.log(formatted);
  await writeFile(path, formatted);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
