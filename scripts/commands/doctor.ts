/**
 * `npm run doctor`: checks the machine and the checkout; exits 1 when a check fails.
 * `up` runs the same checks first (lib/doctor/doctor-report.ts).
 */
import { defineCommand } from '../lib/cli/command.ts';
import { probeOwnConsole } from '../lib/console/console-identity.ts';
import { runDoctorReport } from '../lib/doctor/doctor-report.ts';
import { realDoctorDeps } from '../lib/doctor/run-doctor.ts';
import { ChecksFailed } from '../lib/errors.ts';
import { paths } from '../lib/paths.ts';
import { chooseProfile } from '../lib/config/profile-record.ts';
import { PROFILE_NAMES } from '../lib/config/stack-config.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: 'checks the machine and the checkout; exits 1 when a check fails',
  usage: 'npm run doctor -- [--profile <name>]',
  options: {
    profile: { type: 'string', value: 'NAME', description: `check for this profile (${PROFILE_NAMES.join(', ')}); default: the one \`npm run up\` keeps` },
  },
  run: async ({ values }) => {
    // Checked, never kept: only `up -- --profile` changes the kept choice.
    const profile = values.profile === undefined ? undefined : chooseProfile(values.profile, undefined).name;
    const report = await runDoctorReport(createOutput(), realDoctorDeps((port) => probeOwnConsole(port, paths.repoRoot), process.env, profile));
    const failed = report.results.filter((result) => result.status === 'fail');
    if (failed.length > 0) throw new ChecksFailed(`${failed.length} doctor check(s) failed: ${failed.map((result) => result.name).join(', ')}`, 'apply the fix under each ✖ above, then run `npm run doctor` again');
  },
});
