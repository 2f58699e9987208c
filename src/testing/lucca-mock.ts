import { resolve } from "node:path";
import {
  createLuccaInvoicesClient,
  type LuccaInvoicesClient,
  type LuccaInvoicesClientOptions,
} from "../index.js";
import { startFaultLayer, type FaultLayer } from "./fault-layer.js";
import type { MockAnswer } from "./mock-answer.js";
import type { MockRequest } from "./mock-request.js";
import { LuccaMockError } from "./mock-error.js";
import { createOverride, type OverrideOptions } from "./overrides.js";
import { startPrism, type PrismServer } from "./prism-process.js";
import { shippedSpecPath } from "./shipped-spec.js";
import { specOperations } from "./spec-operations.js";

/** The key `mock.client()` sends: a test value, and redacted from `mock.requests` all the same. */
export const MOCK_API_KEY = "lucca-mock-test-key";

export interface LuccaMockOptions {
  /** The OpenAPI file Prism serves; default the spec this package ships (`./openapi.yaml`). */
  spec?: string | undefined;
  /** How long Prism may take to listen before `startLuccaMock` fails; default 30 000 ms. */
  readyTimeoutMs?: number | undefined;
}

export interface LuccaMock {
  /** `http://127.0.0.1:<port>`: the fault layer, in front of Prism. */
  readonly baseUrl: string;
  /** Every request that arrived, in order of arrival; cleared by `reset()`. */
  readonly requests: readonly MockRequest[];
  /**
   * A client for the mock: the test key, no client-side rate limit and no backoff delay (a
   * `Retry-After` is still honoured), unless `options` say otherwise.
   */
  client(options?: LuccaInvoicesClientOptions): LuccaInvoicesClient;
  /**
   * The next `times` (default 1) calls matching `"METHOD /path/{template}"` (an operation of the
   * spec) get `answer`. Overrides are taken in the order they were given.
   */
  override(operation: string, answer: MockAnswer, options?: OverrideOptions): void;
  /** Clears the overrides and the recorded requests. */
  reset(): void;
  /** Stops exactly what the mock started (its server, Prism); frees the port. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Prism on the shipped spec (or `options.spec`), on 127.0.0.1 and a free port, behind a fault
 * layer that records every request and forces any answer. Resolves once both listen. Needs
 * `@stoplight/prism-cli` (an optional peer dependency).
 */
export async function startLuccaMock(options: LuccaMockOptions = {}): Promise<LuccaMock> {
  const { readyTimeoutMs = 30_000 } = options;
  if (typeof readyTimeoutMs !== "number" || !(readyTimeoutMs >= 1 && readyTimeoutMs < 2 ** 31)) {
    throw new LuccaMockError(
      `Invalid readyTimeoutMs ${JSON.stringify(readyTimeoutMs)}: expected a number of ms from 1 to 2147483647.`,
    );
  }
  const spec = options.spec === undefined ? shippedSpecPath() : resolve(options.spec);
  // Read first: a bad spec path fails here, in one line, before any process starts.
  const operations = await specOperations(spec);
  const prism = await startPrism({ spec, readyTimeoutMs });
  let layer: FaultLayer;
  try {
    layer = await startFaultLayer(prism.baseUrl);
  } catch (error) {
    await prism.stop();
    throw error;
  }
  return mockOver(prism, layer, operations);
}

function mockOver(prism: PrismServer, layer: FaultLayer, operations: string[]): LuccaMock {
  let stopping: Promise<void> | undefined;
  return {
    baseUrl: layer.baseUrl,
    get requests() {
      return layer.requests;
    },
    client(clientOptions = {}) {
      return createLuccaInvoicesClient({
        apiKey: MOCK_API_KEY,
        rateLimit: false,
        ...clientOptions,
        baseUrl: clientOptions.baseUrl ?? layer.baseUrl,
        retry: { initialDelayMs: 0, maxDelayMs: 0, ...clientOptions.retry },
      });
    },
    override(operation, answer, overrideOptions) {
      layer.overrides.push(createOverride(operations, operation, answer, overrideOptions));
    },
    reset() {
      layer.overrides.length = 0;
      layer.requests.length = 0;
    },
    stop() {
      stopping ??= layer.close().then(() => prism.stop());
      return stopping;
    },
  };
}
