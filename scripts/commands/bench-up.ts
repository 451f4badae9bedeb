/**
 * `npm run bench:up -- [--rounds N] [--json] [--yes] [--a NAME=VALUE --b NAME=VALUE]`:
 * times `npm run up` cold (after `reset`), with data (after `down`) and as a no-op, N
 * rounds (default 3), and prints medians of the wall time and of each service's
 * readiness. With --a and --b, each round runs once with each value of the setting
 * (A/B pair in one run) and the table compares them; `--a profile=full --b profile=catalog`
 * compares two profiles (the profile `up` keeps for this project is put back at the end). It wipes the stack's data every
 * round, so it asks first, and refuses without a terminal unless --yes. Not part of
 * CI: its numbers are for a developer's machine.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { checkVariant, parseVariants, PROFILE_SIDE, variantEnvironment, variantText, variantUpArguments, type Variant } from '../lib/bench/ab-variants.ts';
import { benchSteps, coldCpu, coldCpuLines, pairRows, parseUpReport, readinessRows, summarizePair, summarizeRuns, wallRows, type ScenarioSummary, type UpRun } from '../lib/bench/up-bench.ts';
import { parseEnvFile } from '../lib/config/env-file.ts';
import { loadConfig } from '../lib/config/load-config.ts';
import { validateConfig } from '../lib/config/validate-config.ts';
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
import { fileProfileRecord } from '../lib/config/profile-record.ts';
import { DEFAULT_PROFILE, isProfileName } from '../lib/config/profiles-config.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { containerStats, dockerSocketPath, engineCpuCount } from '../lib/bench/docker-stats.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { errorText } from '../lib/text.ts';

const USAGE = 'npm run bench:up -- [--rounds N] [--json] [--yes] [--a NAME=VALUE --b NAME=VALUE]   (N from 1 to 20, default 3; NAME=VALUE may be profile=<name>)';

/** `npm run <script>` as the developer runs it: npm's own start-up is part of the figure. */
export function npmCommand(env: NodeJS.ProcessEnv = process.env): { command: string; prefix: string[] } {
  // Under npm, npm_execpath is npm's CLI script: run it with this node (no shell, works on Windows too).
  return env.npm_execpath ? { command: process.execPath, prefix: [env.npm_execpath] } : { command: 'npm', prefix: [] };
}

export interface BenchUpOptions {
  rounds: number;
  json: boolean;
  yes: boolean;
  /** An A/B pair (ab-variants.ts), or none. */
  variants?: Variant[];
}

export const command = defineCommand({
  summary: 'times cold, with-data and no-op `npm run up` over N rounds (wipes the data)',
  usage: USAGE,
  options: {
    rounds: { type: 'string', value: 'N', description: 'rounds, 1 to 20 (default 3)' },
    json: { type: 'boolean', description: 'print the runs and medians as JSON' },
    yes: { type: 'boolean', short: 'y', description: 'do not ask before wiping the data (needed without a terminal)' },
    a: { type: 'string', value: 'NAME=VALUE', description: 'A/B pair: side A sets this .env variable for its up, down and reset, or profile=<name> for its up (with --b)' },
    b: { type: 'string', value: 'NAME=VALUE', description: 'A/B pair: side B; each round runs A, then B' },
  },
  run: async ({ values }) => {
    const variants = parseVariants(values.a, values.b, USAGE);
    for (const variant of variants) checkVariant(variant, documentedVariables(), issuesWith);
    return benchUp({ rounds: wholeNumberOption(values.rounds, { option: 'rounds', min: 1, max: 20, fallback: 3 }, USAGE), json: values.json === true, yes: values.yes === true, variants });
  },
});

/** The variables compose/.env.example documents: the only names an A/B side may set. */
function documentedVariables(): Set<string> {
  return new Set(parseEnvFile(readFileSync(paths.envExample, 'utf8'), 'compose/.env.example').entries.map((entry) => entry.key));
}

/** The config's issues with one variable set as the child `up` will read it (above .env; the example before the first `up`). */
function issuesWith(name: string, value: string) {
  const files = [paths.versionsFile, existsSync(paths.envFile) ? paths.envFile : paths.envExample];
  const { config } = loadConfig({ files, env: { ...process.env, [name]: value } });
  return validateConfig(config).filter((issue) => issue.key === name);
}

/** Each running container's CPU seconds since it was created, by service: right after a cold up, that up's work. */
export type CpuReader = (variant?: Variant) => Promise<Record<string, number>>;
/** The CPUs the containers share: the floor's divisor. */
export type CoreCounter = () => Promise<number>;

async function engineCores(exec: Exec): Promise<number> {
  try {
    return await engineCpuCount(await dockerSocketPath(exec));
  } catch {
    return cpus().length;
  }
}

async function engineCpu(exec: Exec, variant?: Variant): Promise<Record<string, number>> {
  const stats = containerStats(await dockerSocketPath(exec));
  const containers = (await stackCompose(requireConfig(), variantEnvironment(process.env, variant)).ps()).filter((c) => c.state === 'running' && !c.oneOff);
  const counters = await Promise.all(containers.map((c) => stats(c.name)));
  return Object.fromEntries(containers.map((c, i) => [c.service, (counters[i]!.cpu_stats?.cpu_usage?.total_usage ?? 0) / 1e9]));
}

export async function benchUp(
  flags: BenchUpOptions,
  exec: Exec = realExec,
  readCpu: CpuReader = (variant) => engineCpu(exec, variant),
  countCores: CoreCounter = () => engineCores(exec),
): Promise<void> {
  const { rounds } = flags;
  const variants = flags.variants ?? [];
  const out = createOutput(flags.json ? { stream: process.stderr } : {});
  const question = `bench:up wipes this stack's data (MySQL, Kafka, Elasticsearch) ${rounds} time(s), starting from nothing each round. Continue?`;
  const decision = decideReset(flags.yes === true, Boolean(process.stdin.isTTY));
  if (decision === 'refuse') throw new UserError("bench:up wipes the stack's data every round and there is no terminal to confirm it", 'npm run bench:up -- --yes');
  if (decision === 'ask' && !(await confirm(question))) {
    throw new Cancelled('bench:up cancelled: nothing run', 'answer y to wipe the data and time the starts, or run `npm run bench:up -- --yes`');
  }

  const npm = npmCommand();
  const baseEnv = { ...process.env, NO_COLOR: '1' };
  const npmRun = async (script: string, extra: string[] = [], variant?: Variant) => {
    const started = performance.now();
    const env = variantEnvironment(baseEnv, variant);
    const result = await exec(npm.command, [...npm.prefix, 'run', script, ...(extra.length ? ['--', ...extra] : [])], { env });
    const wallMs = performance.now() - started;
    if (result.code !== 0) throw new UserError(`npm run ${script} failed (exit ${result.code}) during the benchmark; it said:\n${indent(lastLines(result.stdout + result.stderr, 25))}`, `fix that, then npm run bench:up; npm run reset -- --yes cleans up`);
    return { wallMs, output: result.stdout };
  };

  const cpuSinceCreation = async (variant?: Variant): Promise<Record<string, number> | undefined> => {
    try {
      return await readCpu(variant);
    } catch (error) {
      out.line(`(no CPU figure for this cold up: ${errorText(error)})`);
      return undefined;
    }
  };
  const loadBefore = loadavg();
  out.line(`machine: ${cpus().length} CPUs, load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} (a busy machine makes every figure slower)`);
  for (const variant of variants) out.line(`${variant.label}: ${variantText(variant)}  (${variant.name === PROFILE_SIDE ? 'given to each of its up as --profile' : 'set for its reset, up and down, above .env'})`);
  const runs: UpRun[] = [];
  // Each profile side's `up -- --profile` replaces the profile kept for the project: put back afterwards.
  const profiles = fileProfileRecord();
  const project = variants.some((variant) => variant.name === PROFILE_SIDE) ? requireConfig().stack.project : undefined;
  const keptProfile = project === undefined ? undefined : profiles.read(project);
  try {
    await runSteps();
  } finally {
    if (project !== undefined) await profiles.write(project, keptProfile !== undefined && isProfileName(keptProfile) ? keptProfile : DEFAULT_PROFILE);
  }
  async function runSteps() {
    for (const step of benchSteps(rounds, variants.map((variant) => variant.label))) {
      const variant = variants.find((candidate) => candidate.label === step.variant);
      if (step.kind !== 'up') {
        await npmRun(step.kind, step.kind === 'reset' ? ['--yes'] : [], variant);
        continue;
      }
      const { wallMs, output } = await npmRun('up', variantUpArguments(variant), variant);
      const cpuSeconds = step.scenario === 'cold' ? await cpuSinceCreation(variant) : undefined;
      runs.push({ scenario: step.scenario, round: step.round, ...(variant ? { variant: variant.label } : {}), wallMs, readyMs: parseUpReport(output), ...(cpuSeconds ? { cpuSeconds } : {}) });
      out.line(`round ${step.round}/${rounds}  ${variant ? `${variant.label}  ` : ''}${step.scenario.padEnd(9)} ${(wallMs / 1000).toFixed(1)} s`);
    }
  }
  const loadAfter = loadavg();

  if (variants.length > 0) {
    reportPair(out, { rounds, variants, runs, loadBefore, loadAfter, json: flags.json, cores: await countCores() });
    return;
  }
  const summaries = summarizeRuns(runs);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ rounds, cpus: cpus().length, loadAverage: { before: loadBefore, after: loadAfter }, runs, summaries }, null, 2)}\n`);
    return;
  }
  out.line();
  out.line(`wall time of npm run up (${rounds} round(s); load average after: ${loadAfter.map((l) => l.toFixed(1)).join(' ')})`);
  out.line(renderTable(['scenario', 'runs', 'median', 'min – max'], wallRows(summaries)));
  out.line();
  const cpu = coldCpu(runs);
  if (cpu) {
    for (const line of coldCpuLines(cpu, await countCores(), summaries.find((s) => s.scenario === 'cold')?.wall.median)) out.line(line);
    out.line();
  }
  out.line('median time to ready, from the start of Compose (connector: its registration after)');
  out.line(renderTable(['service', ...summaries.map((s) => s.scenario)], readinessRows(summaries, [...orderServices(Object.keys(summaries[0]?.ready ?? {})), 'connector'])));
  out.line();
  out.line(`the stack is left running (${paths.repoRoot}); npm run reset -- --yes removes it`);
}

/** The A/B pair's tables: median wall time per scenario and side with B/A, then each service's readiness per side. */
function reportPair(
  out: ReturnType<typeof createOutput>,
  { rounds, variants, runs, loadBefore, loadAfter, json, cores }: { rounds: number; variants: Variant[]; runs: UpRun[]; loadBefore: number[]; loadAfter: number[]; json: boolean; cores: number },
): void {
  const pairs = summarizePair(runs);
  const sides = Object.fromEntries(variants.map((variant) => [variant.label, summarizeRuns(runs.filter((run) => run.variant === variant.label))])) as Record<string, ScenarioSummary[]>;
  if (json) {
    process.stdout.write(`${JSON.stringify({ rounds, cpus: cpus().length, loadAverage: { before: loadBefore, after: loadAfter }, variants, runs, pairs, summaries: sides }, null, 2)}\n`);
    return;
  }
  const [a, b] = variants as [Variant, Variant];
  out.line();
  out.line(`wall time of npm run up, A: ${variantText(a)} against B: ${variantText(b)} (${rounds} round(s) each, alternating; load average after: ${loadAfter.map((l) => l.toFixed(1)).join(' ')})`);
  out.line(renderTable(['scenario', 'runs', 'A median (min – max)', 'B median (min – max)', 'B / A'], pairRows(pairs)));
  out.line();
  for (const variant of variants) {
    const own = runs.filter((run) => run.variant === variant.label);
    const cpu = coldCpu(own);
    if (!cpu) continue;
    out.line(`${variant.label}: ${coldCpuLines(cpu, cores, summarizeRuns(own).find((s) => s.scenario === 'cold')?.wall.median).join('\n')}`);
    out.line();
  }
  out.line('median time to ready, from the start of Compose (connector: its registration after)');
  const columns = pairs.flatMap(({ scenario }) => (['A', 'B'] as const).flatMap((label) => sides[label]!.filter((s) => s.scenario === scenario)));
  const services = [...orderServices(Object.keys(columns[0]?.ready ?? {})), 'connector'];
  out.line(renderTable(['service', ...pairs.flatMap(({ scenario }) => [`${scenario} A`, `${scenario} B`])], readinessRows(columns, services)));
  out.line();
  out.line(`the stack is left running with B's setting (${paths.repoRoot}); npm run reset -- --yes removes it`);
}
