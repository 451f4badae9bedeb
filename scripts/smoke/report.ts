/** The smoke test's table of steps, and the failure details under it. */
import { formatDuration } from '../lib/wait/clock.ts';
import { renderTable } from '../lib/ui/table.ts';
import type { StepResult } from './step-runner.ts';

export function renderReport(results: StepResult[], totalMs: number, budgetMs: number): string {
  const mark = { ok: 'ok', failed: 'FAILED', skipped: '-' } as const;
  const table = renderTable(
    ['step', 'result', 'time', 'detail'],
    results.map((r) => [r.name, mark[r.status], r.status === 'skipped' ? '' : formatDuration(r.ms), clip(r.detail, 90)]),
  );
  const lines = [table, '', `total ${formatDuration(totalMs)} (budget ${formatDuration(budgetMs)})`];
  if (totalMs > budgetMs) lines.push(`warning: slower than the ${formatDuration(budgetMs)} budget`);
  for (const r of results.filter((x) => x.failure)) {
    lines.push('', `✖ step "${r.name}" failed`, `  expected: ${r.failure!.expected}`, `  seen:     ${r.failure!.seen}`, `  hint:     ${r.failure!.hint}`);
  }
  return lines.join('\n');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
