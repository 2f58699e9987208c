import type { Call } from "./contenders.js";

/** Per-call figures of one batch: wall time, and this process's CPU (user + system). */
export interface Sample {
  wallUs: number;
  cpuUs: number;
}

let lastId = 0;

/** Ids are never reused across the whole run, so no answer can be mistaken for another's. */
export const nextId = (): number => ++lastId;

/** Makes `calls` calls with at most `inFlight` outstanding (1: one after another). */
export async function runBatch(call: Call, calls: number, inFlight: number): Promise<Sample> {
  // Each batch starts from a collected heap, so no contender pays for another's garbage.
  globalThis.gc?.();
  let left = calls;
  const worker = async (): Promise<void> => {
    while (left-- > 0) await call(nextId());
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallUs: (wallMs * 1000) / calls, cpuUs: (used.user + used.system) / calls };
}
