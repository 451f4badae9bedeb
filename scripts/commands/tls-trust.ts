/**
 * `npm run tls:trust [-- --remove]`: puts this checkout's CA (.tls/ca.crt, made by
 * `npm run up`) into your trust stores, or takes it out, so browsers open
 * https://localhost:<HTTPS_PORT>/ without a warning. What it cannot do without
 * privileges it prints, to run yourself. The plan per platform is tls/trust-plan.ts.
 */
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { defineCommand } from '../lib/cli/command.ts';
import { ChecksFailed } from '../lib/errors.ts';
import { realExec } from '../lib/exec.ts';
import { paths } from '../lib/paths.ts';
import { lastLines } from '../lib/text.ts';
import { gatherTrustFacts } from '../lib/tls/trust-facts.ts';
import { display, planTrust, type TrustStep } from '../lib/tls/trust-plan.ts';
import { readCaCertificate } from '../lib/tls/trusting-fetch.ts';
import { TLS_FILE_NAMES } from '../lib/tls/tls-files.ts';
import { createOutput } from '../lib/ui/output.ts';

export const command = defineCommand({
  summary: "trusts this checkout's local CA in your browsers and system (or --remove)",
  usage: 'npm run tls:trust -- [--remove] [--dry-run]',
  options: {
    remove: { type: 'boolean', description: 'take the CA out of the trust stores again' },
    'dry-run': { type: 'boolean', description: 'print the commands it would run, and run none' },
  },
  run: ({ values }) => trust(values.remove === true ? 'remove' : 'add', values['dry-run'] === true),
});

async function trust(action: 'add' | 'remove', dryRun: boolean): Promise<void> {
  const out = createOutput();
  const caFile = join(paths.tlsDir, TLS_FILE_NAMES.caCertificate);
  const plan = planTrust(await gatherTrustFacts(caFile, readCaCertificate(paths.tlsDir), realExec), action);
  if (plan.unsupported) out.line(out.yellow(plan.unsupported));
  const failed: string[] = [];
  for (const step of plan.steps) {
    if (dryRun) {
      out.line(`would ${step.what}: ${display(step)}`);
      continue;
    }
    const problem = await perform(step);
    out.line(problem === undefined ? `${out.green('✔')} ${step.what}` : `${out.red('✖')} ${step.what}: ${problem}`);
    if (problem !== undefined) failed.push(`${step.what}: ${display(step)}`);
  }
  for (const { why, commands } of plan.manual) {
    out.line();
    out.line(out.yellow(`to do yourself (${why}):`));
    for (const line of commands) out.line(`  ${line}`);
  }
  if (dryRun) return;
  if (failed.length > 0) throw new ChecksFailed(`${failed.length} step(s) failed`, `run them yourself: ${failed.join('; ')}`);
  out.line();
  out.line(action === 'add' ? 'restart the browser to pick up the new authority; `npm run tls:trust -- --remove` undoes this' : 'the CA is no longer trusted by the stores above');
}

async function perform(step: TrustStep): Promise<string | undefined> {
  try {
    if (step.kind === 'copy') await copyFile(step.from, step.to);
    else if (step.kind === 'delete') await rm(step.path, { force: true });
    else {
      const result = await realExec(step.program, step.args, { timeoutMs: 120_000 });
      if (result.code !== 0) return lastLines(`${result.stderr}${result.stdout}`.trim(), 3) || `exit code ${result.code}`;
    }
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
