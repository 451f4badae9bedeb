/** How one doctor check is printed: a symbol, the name, the summary, then the fix. */
import type { CheckResult } from '../doctor/check.ts';
import type { Output } from './output.ts';

export function formatCheck(result: CheckResult, out: Pick<Output, 'green' | 'red' | 'yellow' | 'dim'>): string[] {
  const symbol = {
    ok: out.green('✔'),
    fixed: out.green('↻'),
    warn: out.yellow('!'),
    fail: out.red('✖'),
    skip: out.dim('-'),
  }[result.status];
  const lines = [`${symbol} ${result.name.padEnd(16)} ${result.summary}`];
  for (const detail of result.details ?? []) lines.push(`  ${' '.repeat(16)} ${out.dim(detail)}`);
  if (result.fix && (result.status === 'fail' || result.status === 'warn')) lines.push(`  ${' '.repeat(16)} fix: ${result.fix}`);
  return lines;
}
