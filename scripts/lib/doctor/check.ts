/**
 * What every doctor check returns. Checks never throw: a failure is a value with one
 * fix line, so the doctor can run every check and print them all.
 */
export type CheckStatus = 'ok' | 'fixed' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  summary: string;
  /** One line: the command or setting that fixes it (required for warn/fail). */
  fix?: string;
  /** Extra lines worth showing (rewritten files, a port's holder). */
  details?: string[];
}

export const ok = (name: string, summary: string, details?: string[]): CheckResult => ({ name, status: 'ok', summary, ...(details ? { details } : {}) });
export const fail = (name: string, summary: string, fix: string, details?: string[]): CheckResult => ({ name, status: 'fail', summary, fix, ...(details ? { details } : {}) });
export const warn = (name: string, summary: string, fix: string, details?: string[]): CheckResult => ({ name, status: 'warn', summary, fix, ...(details ? { details } : {}) });
export const skip = (name: string, summary: string): CheckResult => ({ name, status: 'skip', summary });

export const GiB = 1024 ** 3;

export function formatGiB(bytes: number): string {
  return `${(bytes / GiB).toFixed(1)} GiB`;
}
