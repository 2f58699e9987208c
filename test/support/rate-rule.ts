/**
 * Lucca's rule in small: at most `requests` accepted in any rolling `perMs`, counted on arrival.
 * Returns undefined to accept a request now, or the whole seconds a refusal's Retry-After says.
 */
export function rollingLimit(requests: number, perMs: number): (now: number) => number | undefined {
  const accepted: number[] = [];
  return (now) => {
    while (accepted.length > 0 && accepted[0]! <= now - perMs) accepted.shift();
    if (accepted.length < requests) {
      accepted.push(now);
      return undefined;
    }
    return Math.max(1, Math.ceil((accepted[0]! + perMs - now) / 1000));
  };
}
