// The kafka-consumer-groups tables: Java printf columns, each left-aligned in a width of at least 15
// (or its own) and followed by one space; the last column is not padded.

/** Rows (the header first) laid out as ConsumerGroupCommand prints them. */
export function columns(rows: string[][], minWidths: number[]): string[] {
  const widths = minWidths.map((min, c) => Math.max(min, ...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join(' '));
}
