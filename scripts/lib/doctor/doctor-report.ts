/**
 * The doctor as the user sees it, for `npm run doctor` and as the first step of `up`:
 * a heading, one line (or more) per check as soon as it is known, and a verdict.
 */
import { formatCheck } from '../ui/check-report.ts';
import type { Output } from '../ui/output.ts';
import { formatDuration } from '../wait/clock.ts';
import { runDoctor, type DoctorDeps, type DoctorReport } from './run-doctor.ts';

export async function runDoctorReport(out: Output, deps: DoctorDeps, now: () => number = Date.now): Promise<DoctorReport> {
  const started = now();
  out.line(out.bold('doctor'));
  const report = await runDoctor(deps, (result) => formatCheck(result, out).forEach((line) => out.line(line)));
  const failed = report.results.filter((r) => r.status === 'fail').length;
  const took = formatDuration(now() - started);
  out.line(failed ? out.red(`${failed} check(s) failed (${took})`) : out.green(`all checks passed (${took})`));
  return report;
}
