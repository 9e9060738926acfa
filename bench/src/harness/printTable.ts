/** A table of figures, printed as Markdown so BENCHMARKS.md can take it as it is. */
export interface Table {
  title: string;
  headers: string[];
  rows: string[][];
  /** Lines printed under the table: scale, N, what a figure means. */
  notes?: string[];
}

/**
 * Formats a table as Markdown with padded columns.
 *
 * @example
 * formatTable({ title: 'Bundle cost', headers: ['import', 'bytes'], rows: [['ours', '4300']] });
 */
export function formatTable(table: Table): string {
  const widths = table.headers.map((header, i) =>
    Math.max(header.length, ...table.rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${widths.map((width, i) => (cells[i] ?? '').padEnd(width)).join(' | ')} |`;
  const out = [`### ${table.title}`, '', line(table.headers), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of table.rows) out.push(line(row));
  if (table.notes !== undefined && table.notes.length > 0) out.push('', ...table.notes);
  return `${out.join('\n')}\n`;
}

/**
 * Writes a table to stdout (a benchmark's result, not a log line).
 *
 * @example
 * printTable({ title: 'Route throughput', headers: ['case', 'req/s'], rows });
 */
export function printTable(table: Table): void {
  process.stdout.write(`\n${formatTable(table)}`);
}
