import { runBatch, type Sample } from "./batch.js";
import type { Contender } from "./contenders.js";

export interface OverheadSettings {
  rounds: number;
  sequentialCalls: number;
  concurrentCalls: number;
  inFlight: number;
}

export type Mode = "sequential" | "concurrent";

export interface Round {
  /** Contender names in the order they ran this round. */
  order: string[];
  samples: Record<Mode, Record<string, Sample>>;
}

/**
 * Interleaved rounds: in each, every contender runs a sequential batch, then every contender a
 * concurrent one, in an order rotated each round so no one always runs first or last (cold
 * sockets, the previous contender's garbage). One uncounted warm-up round comes first.
 */
export async function measureOverhead(
  contenders: readonly Contender[],
  settings: OverheadSettings,
): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let r = -1; r < settings.rounds; r++) {
    const shift = (r + contenders.length) % contenders.length;
    const order = [...contenders.slice(shift), ...contenders.slice(0, shift)];
    const round: Round = {
      order: order.map((c) => c.name),
      samples: { sequential: {}, concurrent: {} },
    };
    for (const c of order) {
      round.samples.sequential[c.name] = await runBatch(c.call, settings.sequentialCalls, 1);
    }
    for (const c of order) {
      round.samples.concurrent[c.name] = await runBatch(
        c.call,
        settings.concurrentCalls,
        settings.inFlight,
      );
    }
    if (r >= 0) rounds.push(round);
  }
  return rounds;
}
