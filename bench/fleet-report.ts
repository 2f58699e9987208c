import type { FleetBenchResult, FleetRun } from "./fleet.js";
import { fixed, table } from "./markdown.js";
import type { Verdict } from "./report.js";

/** Section 5: a fleet sharing one tenant's limit through Redis, against in-process limiters only. */
export function fleetSection(f: FleetBenchResult): { markdown: string; verdicts: Verdict[] } {
  const row = (name: string, r: FleetRun): string[] => [
    name,
    `${(r.totalMs / 1000).toFixed(3)} s`,
    fixed(r.ofMinimum, 3),
    String(r.tooMany),
    String(r.failed),
    r.waits.map((w) => `${(w.medianWaitMs / 1000).toFixed(1)}`).join(" / "),
    r.waits.map((w) => `${(w.lastAnswerMs / 1000).toFixed(1)}`).join(" / "),
  ];
  const runs = table(
    [
      "limiter",
      "total",
      "÷ minimum",
      "429s",
      "failed calls",
      "median wait per process (s)",
      "last answer per process (s)",
    ],
    [row("shared Redis store", f.sharedStore), row("in-process limiters only", f.inProcessOnly)],
  );
  const perCall = table(
    ["one acquire + release, sequential", "µs"],
    [
      ["Redis store alone (two scripts on loopback)", fixed(f.perCallUs.redisStore)],
      ["client limiter over the Redis store", fixed(f.perCallUs.storeLimiter)],
      ["in-process limiter", fixed(f.perCallUs.inProcessLimiter)],
    ],
  );
  const shared = f.sharedStore;
  const verdicts = [
    {
      target: "fleet with the shared store: zero 429s, within 10 % of the minimum",
      met: shared.tooMany === 0 && shared.failed === 0 && shared.ofMinimum <= 1.1,
      figure: `${fixed(shared.ofMinimum, 3)} × minimum, ${shared.tooMany} × 429; in-process only: ${fixed(f.inProcessOnly.ofMinimum, 3)}, ${f.inProcessOnly.tooMany} × 429`,
    },
  ];
  return { markdown: `${runs}\n\n${perCall}`, verdicts };
}
