/**
 * `npm run bench:up -- [--rounds N] [--json] [--yes]`: times `npm run up` cold
 * (after `reset`), with data (after `down`) and as a no-op, N rounds (default 3),
 * and prints medians of the wall time and of each service's readiness. It wipes the
 * stack's data every round, so it asks first, and refuses without a terminal unless
 * --yes. Not part of CI: its numbers are for a developer's machine.
 */
import { loadavg, cpus } from 'node:os';
import { benchSteps, parseUpReport, readinessRows, summarizeRuns, wallRows, type UpRun } from '../lib/bench/up-bench.ts';
import { orderServices } from '../lib/compose/service-readiness.ts';
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { Cancelled, UserError } from '../lib/errors.ts';
import { realExec, type Exec } from '../lib/exec.ts';
import { paths } from '../lib/paths.ts';
import { lastLines, indent } from '../lib/text.ts';
import { confirm } from '../lib/ui/confirm.ts';
import { createOutput } from '../lib/ui/output.ts';
import { renderTable } from '../lib/ui/table.ts';
import { decideReset } from './reset.ts';

const USAGE = 'npm run bench:up -- [--rounds N] [--json] [--yes]   (N from 1 to 20, default 3)';

/** `npm run <script>` as the developer runs it: npm's own start-up is part of the figure. */
export function npmCommand(env: NodeJS.ProcessEnv = process.env): { command: string; prefix: string[] } {
  // Under npm, npm_execpath is npm's CLI script: run it with this node (no shell, works on Windows too).
  return env.npm_execpath ? { command: process.execPath, prefix: [env.npm_execpath] } : { command: 'npm', prefix: [] };
}

export interface BenchUpOptions {
  rounds: number;
  json: boolean;
  yes: boolean;
}

export const command = defineCommand({
  summary: 'times cold, with-data and no-op `npm run up` over N rounds (wipes the data)',
  usage: USAGE,
  options: {
    rounds: { type: 'string', value: 'N', description: 'rounds, 1 to 20 (default 3)' },
    json: { type: 'boolean', description: 'print the runs and medians as JSON' },
    yes: { type: 'boolean', short: 'y', description: 'do not ask before wiping the data (needed without a terminal)' },
  },
  run: async ({ values }) =>
    benchUp({ rounds: wholeNumberOption(values.rounds, { option: 'rounds', min: 1, max: 20, fallback: 3 }, USAGE), json: values.json === true, yes: values.yes === true }),
});

export async function benchUp(flags: BenchUpOptions, exec: Exec = realExec): Promise<void> {
  const { rounds } = flags;
  const out = createOutput(flags.json ? { stream: process.stderr } : {});
  const question = `bench:up wipes this stack's data (MySQL, Kafka, Elasticsearch) ${rounds} time(s), starting from nothing each round. Continue?`;
  const decision = decideReset(flags.yes === true, Boolean(process.stdin.isTTY));
  if (decision === 'refuse') throw new UserError("bench:up wipes the stack's data every round and there is no terminal to confirm it", 'npm run bench:up -- --yes');
  if (decision === 'ask' && !(await confirm(question))) {
    throw new Cancelled('bench:up cancelled: nothing run', 'answer y to wipe the data and time the starts, or run `npm run bench:up -- --yes`');
  }

  const npm = npmCommand();
  const env = { ...process.env, NO_COLOR: '1' };
  const npmRun = async (script: string, extra: string[] = []) => {
    const started = performance.now();
    const result = await exec(npm.command, [...npm.prefix, 'run', script, ...(extra.length ? ['--', ...extra] : [])], { env });
    const wallMs = performance.now() - started;
    if (result.code !== 0) throw new UserError(`npm run ${script} failed (exit ${result.code}) during the benchmark; it said:\n${indent(lastLines(result.stdout + result.stderr, 25))}`, `fix that, then npm run bench:up; npm run reset -- --yes cleans up`);
    return { wallMs, output: result.stdout };
  };

  const loadBefore = loadavg();
  out.line(`machine: ${cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} (a busy machine makes every figure slower)`);
  const runs: UpRun[] = [];
  for (const step of benchSteps(rounds)) {
    if (step.kind !== 'up') {
      await npmRun(step.kind, step.kind === 'reset' ? ['--yes'] : []);
      continue;
    }
    const { wallMs, output } = await npmRun('up');
    runs.push({ scenario: step.scenario, round: step.round, wallMs, readyMs: parseUpReport(output) });
    out.line(`round ${step.round}/${rounds}  ${step.scenario.padEnd(9)} ${(wallMs / 1000).toFixed(1)} s`);
  }
  const loadAfter = loadavg();

  const summaries = summarizeRuns(runs);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ rounds, cpus: cpus().length, loadAverage: { before: loadBefore, after: loadAfter }, runs, summaries }, null, 2)}\n`);
    return;
  }
  out.line();
  out.line(`wall time of npm run up (${rounds} round(s); load average after: ${loadAfter.map((l) => l.toFixed(1)).join(' ')})`);
  out.line(renderTable(['scenario', 'runs', 'median', 'min – max'], wallRows(summaries)));
  out.line();
  out.line('median time to ready, from the start of Compose (connector: its registration after)');
  out.line(renderTable(['service', ...summaries.map((s) => s.scenario)], readinessRows(summaries, [...orderServices(Object.keys(summaries[0]?.ready ?? {})), 'connector'])));
  out.line();
  out.line(`the stack is left running (${paths.repoRoot}); npm run reset -- --yes removes it`);
}
