/** A markdown table; every column but the first is right-aligned (they hold figures). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(" | ")} |`;
  const rule = header.map((_, i) => (i === 0 ? "---" : "---:"));
  return [line(header), line(rule), ...rows.map(line)].join("\n");
}

export const fixed = (value: number, digits = 1): string => value.toFixed(digits);

export const kib = (bytes: number): string =>
  `${bytes < 0 ? "−" : ""}${(Math.abs(bytes) / 1024).toFixed(0)} KiB`;
