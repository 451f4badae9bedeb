/** A plain text table; widths ignore ANSI colour codes so coloured cells line up. */
import { stripAnsi } from './output.ts';

export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(stripAnsi(header).length, ...rows.map((row) => stripAnsi(row[column] ?? '').length)),
  );
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => cell + ' '.repeat((widths[column] ?? 0) - stripAnsi(cell).length))
      .join('  ')
      .trimEnd();
  return [format(headers), format(widths.map((width) => '-'.repeat(width))), ...rows.map(format)].join('\n');
}
