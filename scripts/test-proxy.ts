// npm run test:proxy -- <upstream-url> [--allow-production]
// Runs the contract suite against a real server through `prism proxy --errors`, which checks every
// request and response against openapi/lucca-invoices.yaml. Exits with the suite's exit code.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { isMain } from "./lib/is-main.js";
import { checkUpstream } from "./lib/proxy-upstream.js";
import { startPrism, type PrismServer } from "../src/testing/prism-process.js";
import { repoRoot } from "./lib/repo-paths.js";

function vitestCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("vitest/package.json")), "vitest.mjs");
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { "allow-production": { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) {
    throw new Error("usage: npm run test:proxy -- <upstream-url> [--allow-production]");
  }
  const upstream = checkUpstream(positionals[0]!, {
    allowProduction: values["allow-production"],
    apiKey: process.env.LUCCA_API_KEY,
  });

  let prism: PrismServer | undefined;
  let suite: ChildProcess | undefined;
  let interrupted = false;
  // Ctrl-C: stop the suite, then (in finally) Prism, instead of leaving either behind.
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupted = true;
    suite?.kill(signal);
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    console.log(`Starting prism proxy in front of ${upstream.origin} ...`);
    prism = await startPrism({ upstream: upstream.href });
    if (interrupted) return 130;
    console.log(`Prism proxy at ${prism.baseUrl} (pid ${prism.pid}); running test/contract`);
    suite = spawn(process.execPath, [vitestCli(), "run", "test/contract"], {
      cwd: repoRoot,
      stdio: "inherit",
      // The suite's global setup uses this server instead of starting its own Prism mock.
      // TEST_API_UPSTREAM tells the suite whose rate limit it shares (none for a loopback stand-in).
      env: { ...process.env, TEST_API_BASE_URL: prism.baseUrl, TEST_API_UPSTREAM: upstream.href },
    });
    const child = suite;
    const code = await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (status) => resolve(status ?? 1));
    });
    return interrupted ? 130 : code;
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    await prism?.stop();
  }
}

if (isMain(import.meta.url)) {
  main().then(
    (code) => {
      if (code !== 0) {
        console.error(
          "\ntest:proxy: the server did not answer as openapi/lucca-invoices.yaml says (see the" +
            " failures above; sl-violations name the fields). If the server is right, the spec has" +
            " drifted: update openapi/pages, then npm run spec:assemble && npm run generate.",
        );
      }
      process.exitCode ||= code;
    },
    (error: unknown) => {
      console.error(`test:proxy: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
