/**
 * `bench-idle [--seconds N]`: the CPU the running stack uses while idle, per
 * container (healthchecks included), over N seconds (default 60). Run it on a
 * stack that has settled after `npm run up`, with nothing else using it.
 */
import { defineCommand } from '../lib/cli/command.ts';
import { containerCpuNanos, dockerSocketPath } from '../lib/bench/docker-stats.ts';
import { measureIdleCpu } from '../lib/bench/idle-cpu.ts';
import { UsageError, UserError } from '../lib/errors.ts';
import { realExec } from '../lib/exec.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { createOutput } from '../lib/ui/output.ts';
import { renderTable } from '../lib/ui/table.ts';
import { realClock } from '../lib/wait/clock.ts';

const usage = 'npm run bench:idle -- [--seconds N]   (N from 10 to 600, default 60)';

export const command = defineCommand({
  summary: 'the CPU the idle stack uses, per container',
  usage,
  options: { seconds: { type: 'string', value: 'N', description: 'how long to measure, 10 to 600 (default 60)' } },
  run: async ({ values }) => {
    const seconds = Number(values.seconds ?? 60);
    if (!Number.isInteger(seconds) || seconds < 10 || seconds > 600) throw new UsageError(`--seconds must be 10 to 600, got ${values.seconds}`, usage);
    return measure(seconds);
  },
});

async function measure(seconds: number): Promise<void> {
  const out = createOutput();
  const compose = stackCompose(requireConfig());
  const running = (await compose.ps()).filter((c) => c.state === 'running' && !c.oneOff).map((c) => c.name);
  if (running.length === 0) throw new UserError('the stack is not running', 'npm run up, wait a minute for it to settle, then run this again');
  const cpuNanos = containerCpuNanos(await dockerSocketPath(realExec));

  out.line(`measuring the idle CPU of ${running.length} containers for ${seconds} s…`);
  const report = await measureIdleCpu({ containers: async () => running, cpuNanos, sleep: realClock.sleep, now: realClock.now }, seconds * 1000);
  const perCore = (cpuSeconds: number) => `${((cpuSeconds / 60) * 100).toFixed(1)} %`;
  const rows = report.rows.map((row) => [row.container, row.cpuSecondsPerMinute.toFixed(1), perCore(row.cpuSecondsPerMinute)]);
  rows.push(['total', report.totalCpuSecondsPerMinute.toFixed(1), perCore(report.totalCpuSecondsPerMinute)]);
  out.line(renderTable(['container', 'CPU s per min', 'of one core'], rows));
}
