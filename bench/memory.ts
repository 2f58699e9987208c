import type { Contender } from "./contenders.js";
import { nextId } from "./batch.js";

export interface HeapReading {
  calls: number;
  heapUsed: number;
}

/** heapUsed after full collections, with turns of the event loop for finalizers in between. */
async function collectedHeap(): Promise<number> {
  const gc = globalThis.gc;
  if (!gc) throw new Error("memory: run node with --expose-gc (npm run bench does)");
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

/** One contender, `total` sequential calls, a collected-heap reading at each checkpoint. */
export async function measureHeap(
  contender: Contender,
  checkpoints: readonly number[],
): Promise<HeapReading[]> {
  const readings: HeapReading[] = [];
  let calls = 0;
  for (const checkpoint of checkpoints) {
    for (; calls < checkpoint; calls++) await contender.call(nextId());
    readings.push({ calls, heapUsed: await collectedHeap() });
  }
  return readings;
}
