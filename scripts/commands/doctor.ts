/**
 * `npm run doctor`: checks the machine and the checkout; exits 1 when a check fails.
 * `up` runs the same checks first (see runDoctorReport).
 */
import { realDoctorDeps, runDoctor, type DoctorDeps, type DoctorReport } from '../lib/doctor/run-doctor.ts';
import { formatCheck } from '../lib/ui/check-report.ts';
import { defineCommand } from '../lib/cli/command.ts';
import { ChecksFailed } from '../lib/errors.ts';
import { createOutput, type Output } from '../lib/ui/output.ts';
import { formatDuration } from '../lib/wait/clock.ts';

export async function runDoctorReport(out: Output, deps: DoctorDeps = realDoctorDeps()): Promise<DoctorReport> {
  const started = Date.now();
  out.line(out.bold('doctor'));
  const report = await runDoctor(deps, (result) => formatCheck(result, out).forEach((line) => out.line(line)));
  const failed = report.results.filter((r) => r.status === 'fail').length;
  const took = formatDuration(Date.now() - started);
  out.line(failed ? out.red(`${failed} check(s) failed (${took})`) : out.green(`all checks passed (${took})`));
  return report;
}

export const command = defineCommand({
  summary: 'checks the machine and the checkout; exits 1 when a check fails',
  usage: 'npm run doctor',
  options: {},
  run: async () => {
    const report = await runDoctorReport(createOutput());
    const failed = report.results.filter((result) => result.status === 'fail');
    if (failed.length > 0) throw new ChecksFailed(`${failed.length} doctor check(s) failed: ${failed.map((result) => result.name).join(', ')}`, 'apply the fix under each ✖ above, then run `npm run doctor` again');
  },
});
