import type { HeapReading } from "./memory.js";
import { fixed, kib, table } from "./markdown.js";
import type { Mode, OverheadSettings, Round } from "./overhead.js";
import { median, spread } from "./stats.js";
import type { ThroughputResult } from "./throughput.js";

/**
 * Per-call time of the client ÷ bare openapi-fetch's. 1.10 since the body shortcut that skipped
 * openapi-fetch's Request body was removed ("Every promise the README makes": one body path for
 * every body type; "≤ 1.10 × bare openapi-fetch per call is enough"); 1.05 before.
 */
export const TARGET_RATIO = 1.1;
const CLIENT = "client";
const BARE = "openapi-fetch";
const RAW = "raw fetch";

/** A target's outcome, for the verdict lines. */
export interface Verdict {
  target: string;
  met: boolean;
  figure: string;
}

const wall = (rounds: readonly Round[], mode: Mode, name: string): number[] =>
  rounds.map((r) => r.samples[mode][name]!.wallUs);
const cpu = (rounds: readonly Round[], mode: Mode, name: string): number[] =>
  rounds.map((r) => r.samples[mode][name]!.cpuUs);

export function overheadSection(
  rounds: readonly Round[],
  settings: OverheadSettings,
  names: readonly string[],
): { markdown: string; verdicts: Verdict[] } {
  const parts: string[] = [];
  const verdicts: Verdict[] = [];
  const ratioRows: string[][] = [];
  for (const mode of ["sequential", "concurrent"] as const) {
    const medianOf = (name: string): number => median(wall(rounds, mode, name));
    const rows = names.map((name) => {
      const s = spread(wall(rounds, mode, name));
      return [
        name,
        fixed(s.median),
        `${fixed(s.p10)}–${fixed(s.p90)}`,
        `${fixed(s.min)}–${fixed(s.max)}`,
        fixed(median(cpu(rounds, mode, name))),
        fixed(s.median / medianOf(BARE), 3),
        fixed(s.median / medianOf(RAW), 3),
      ];
    });
    const calls = mode === "sequential" ? settings.sequentialCalls : settings.concurrentCalls;
    const inFlight = mode === "sequential" ? 1 : settings.inFlight;
    parts.push(
      `### ${mode}: ${calls} calls per batch, ${inFlight} in flight\n\n` +
        table(
          [
            "contender",
            "median µs/call",
            "p10–p90",
            "min–max",
            "client-process CPU µs/call",
            "÷ openapi-fetch",
            "÷ raw fetch",
          ],
          rows,
        ),
    );
    // Paired per round: both ran minutes apart at most, so machine drift largely cancels.
    const paired = spread(
      rounds.map((r) => r.samples[mode][CLIENT]!.wallUs / r.samples[mode][BARE]!.wallUs),
    );
    const ratio = medianOf(CLIENT) / medianOf(BARE);
    ratioRows.push([
      mode,
      fixed(ratio, 3),
      `${fixed(paired.median, 3)} (${fixed(paired.p10, 3)}–${fixed(paired.p90, 3)})`,
      fixed(median(cpu(rounds, mode, CLIENT)) / median(cpu(rounds, mode, BARE)), 3),
      fixed(medianOf(CLIENT) / medianOf(RAW), 3),
      fixed(medianOf(CLIENT) - medianOf(BARE)),
    ]);
    verdicts.push({
      target: `${mode} client/openapi-fetch ≤ ${TARGET_RATIO}`,
      met: ratio <= TARGET_RATIO,
      figure: fixed(ratio, 3),
    });
  }
  const ratios = table(
    [
      "mode",
      "client ÷ openapi-fetch (medians)",
      "per-round ratio median (p10–p90)",
      "client ÷ openapi-fetch (client-process CPU medians)",
      "client ÷ raw fetch (medians)",
      "client − openapi-fetch µs/call",
    ],
    ratioRows,
  );
  const perRound = table(
    ["round", "order", ...names.map((n) => `${n} seq`), ...names.map((n) => `${n} conc`)],
    rounds.map((r, i) => [
      String(i + 1),
      r.order.join(" → "),
      ...names.map((n) => fixed(r.samples.sequential[n]!.wallUs)),
      ...names.map((n) => fixed(r.samples.concurrent[n]!.wallUs)),
    ]),
  );
  const markdown = [
    ...parts,
    `### Ratios (target: client ÷ openapi-fetch ≤ ${TARGET_RATIO})\n\n${ratios}`,
    `### Per round: wall µs per call (batch time ÷ calls)\n\n${perRound}`,
  ].join("\n\n");
  return { markdown, verdicts };
}

export function throughputSection(t: ThroughputResult): { markdown: string; verdicts: Verdict[] } {
  const ratio = t.totalMs / t.minimumMs;
  const summary = table(
    ["calls", "limit", "total", "minimum", "ratio", "429s", "each id confirmed once"],
    [
      [
        String(t.calls),
        `${t.limit.requests} per ${t.limit.perMs} ms`,
        `${(t.totalMs / 1000).toFixed(3)} s`,
        `${(t.minimumMs / 1000).toFixed(1)} s`,
        fixed(ratio, 3),
        String(t.tooMany),
        t.onceEach ? "yes" : "NO",
      ],
    ],
  );
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
  const windows = table(
    ["window", "first request sent", "last request sent", "last answer"],
    t.windows.map((w, i) => [
      String(i + 1),
      seconds(w.firstSentMs),
      seconds(w.lastSentMs),
      seconds(w.lastAnsweredMs),
    ]),
  );
  const markdown = `${summary}\n\nPer window of ${t.limit.requests} calls:\n\n${windows}`;
  const verdicts = [
    {
      target: `throughput within 5% of the ${t.minimumMs / 1000} s minimum`,
      met: ratio <= 1.05,
      figure: `${fixed(ratio, 3)} (${(t.totalMs / 1000).toFixed(3)} s)`,
    },
    { target: "zero 429s", met: t.tooMany === 0, figure: String(t.tooMany) },
    { target: "every id confirmed exactly once", met: t.onceEach, figure: String(t.onceEach) },
  ];
  return { markdown, verdicts };
}

export function memorySection(
  client: readonly HeapReading[],
  bare: readonly HeapReading[],
): { markdown: string; verdicts: Verdict[] } {
  const range = (r: readonly HeapReading[]): number => {
    const heaps = r.map((x) => x.heapUsed);
    return Math.max(...heaps) - Math.min(...heaps);
  };
  // openapi-fetch keeps no state between calls: whatever its heap does is the noise floor.
  const noise = range(bare);
  const span = client.at(-1)!.calls - client[0]!.calls;
  const fitted = (r: readonly HeapReading[]): number => slope(r) * span;
  const rows = client.map((c, i) => [String(c.calls), kib(c.heapUsed), kib(bare[i]!.heapUsed)]);
  const summary = (label: string, f: (r: readonly HeapReading[]) => string): string[] => [
    label,
    f(client),
    f(bare),
  ];
  const markdown = table(
    ["after calls", "client heapUsed", "openapi-fetch heapUsed"],
    [
      ...rows,
      summary("**last − first**", (r) => kib(r.at(-1)!.heapUsed - r[0]!.heapUsed)),
      summary("**least-squares slope**", (r) => `${fixed(slope(r), 2)} B/call`),
      summary(`**fitted growth over ${span} calls**`, (r) => kib(fitted(r))),
      summary("**range**", (r) => kib(range(r))),
    ],
  );
  const verdicts = [
    {
      target: "no heap growth beyond noise (openapi-fetch's range)",
      met: fitted(client) <= noise,
      figure: `fitted ${kib(fitted(client))}, last − first ${kib(client.at(-1)!.heapUsed - client[0]!.heapUsed)}; noise ${kib(noise)}`,
    },
  ];
  return { markdown, verdicts };
}

/** Bytes per call, least squares over the readings. */
function slope(r: readonly HeapReading[]): number {
  const mx = r.reduce((a, x) => a + x.calls, 0) / r.length;
  const my = r.reduce((a, x) => a + x.heapUsed, 0) / r.length;
  const sxy = r.reduce((a, x) => a + (x.calls - mx) * (x.heapUsed - my), 0);
  const sxx = r.reduce((a, x) => a + (x.calls - mx) ** 2, 0);
  return sxy / sxx;
}

export const verdictLine = (v: Verdict): string =>
  `${v.met ? "MET" : "NOT MET"}: ${v.target} (${v.figure})`;
