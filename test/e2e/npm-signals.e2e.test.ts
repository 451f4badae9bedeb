/**
 * The commands as npm runs them, signalled the way an IDE's stop button or a script does
 * it: SIGINT or SIGTERM to npm's own pid, not to the process group. npm passes the signal
 * to its child only; with `sh -c node …` that child was the shell (dash does not exec the
 * command), which kept it, and `up` ran on to the end. Then what `status` says about the
 * half-started stack, and the README's Verify sample against the real output.
 *
 * Starts and ends with `reset --yes`, like every e2e file here.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paths } from '../../scripts/lib/paths.ts';
import { runCli, type CliResult } from './support/run-cli.ts';
import { containers, projectName, stack } from './support/running-stack.ts';

/** `up` is waiting: Compose has started a container whose healthcheck runs (a progress line says so). */
const WAITING = /^ {2}[a-z][\w-]* +(health: starting|healthy|running) \(\d/m;

function composeUpProcesses(): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(paths.composeFile) && / up -d --wait\b/.test(line));
}

/** `npm run <script>` as a user's tool starts it: npm's pid is the only one it knows. */
function startNpm(script: string) {
  const npm = spawn('npm', ['run', script], { cwd: paths.repoRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    process.stdout.write(chunk);
  };
  npm.stdout.on('data', collect);
  npm.stderr.on('data', collect);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => npm.on('close', (code, signal) => resolve({ code, signal })));
  const outputMatches = async (pattern: RegExp) => {
    while (!pattern.test(output)) {
      const ended = await Promise.race([done.then(() => true), new Promise<false>((resolve) => npm.stdout.once('data', () => resolve(false)))]);
      if (ended && !pattern.test(output)) throw new Error(`npm run ${script} ended before its output matched ${pattern}`);
    }
  };
  return { npm, done, outputMatches, output: () => output };
}

async function stopsWithin(seconds: number, done: Promise<unknown>) {
  const started = performance.now();
  await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`still running ${seconds} s after the signal`)), seconds * 1000))]);
  return (performance.now() - started) / 1000;
}

const count = (text: string, part: string) => text.split(part).length - 1;

let firstReset: CliResult;
beforeAll(async () => {
  firstReset = await runCli(['reset', '--yes']);
  expect(firstReset.code).toBe(0);
});

test('reset names the Compose project it removed (several stacks can share a machine)', () => {
  expect(firstReset.output).toContain(`Compose project "${projectName()}" removed and its data volumes wiped`);
});

afterAll(async () => {
  await runCli(['reset', '--yes']);
});

describe('a signal to npm’s pid', () => {
  test('SIGINT stops `npm run up`, reported once, and nothing it lists as not started is running', async () => {
    const up = startNpm('up');
    await up.outputMatches(WAITING);
    up.npm.kill('SIGINT');
    const seconds = await stopsWithin(30, up.done);
    console.log(`npm run up exited ${seconds.toFixed(1)} s after SIGINT to npm's pid`);
    const result = await up.done;
    const output = up.output();
    expect.soft(result.code).toBe(130);
    expect.soft(count(output, 'up interrupted by Ctrl-C (SIGINT)')).toBe(1);
    expect.soft(output).not.toContain('up in ');
    expect.soft(composeUpProcesses()).toEqual([]);
    const notStarted = (/created, not started: ([^;\n]*)/.exec(output)?.[1] ?? '').split(', ').filter(Boolean);
    const running = containers().filter((c) => c.running).map((c) => c.service);
    expect.soft(notStarted.filter((service) => running.includes(service))).toEqual([]);
  });

  test('status after it: each service’s state without a raw error, and --check exits 1', async () => {
    const status = await runCli(['status']);
    expect.soft(status.code).toBe(0);
    expect.soft(status.output).not.toMatch(/docker compose exec failed|is not running$|<html/m);
    expect.soft(status.output).toMatch(/^indexer +((not known: )?search-indexer is |ok)/m);
    const check = await runCli(['status', '--check']);
    expect.soft(check.code).toBe(1);
    expect.soft(check.output).toContain('the stack is not healthy: ');
  });

  test('SIGTERM stops `npm run console` and frees its port', async () => {
    const console_ = startNpm('console');
    await console_.outputMatches(/console: http:\/\/127\.0\.0\.1:\d+\//);
    console_.npm.kill('SIGTERM');
    const seconds = await stopsWithin(15, console_.done);
    console.log(`npm run console exited ${seconds.toFixed(1)} s after SIGTERM to npm's pid`);
    expect.soft(count(console_.output(), 'stopping the console')).toBe(1);
    const port = stack().ports.console;
    const refused = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => (socket.destroy(), resolve(false)));
      socket.on('error', () => resolve(true));
    });
    expect.soft(refused).toBe(true);
  });
});

describe('the README’s samples against real output', () => {
  test('Verify: the table of `npm run verify` has the README sample’s header and rows', { timeout: 600_000 }, async () => {
    expect((await runCli(['up'])).code).toBe(0);
    const verify = await runCli(['verify']);
    expect(verify.code).toBe(0);
    const readme = readFileSync(join(paths.repoRoot, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Verify'));
    const sample = /```\n([\s\S]*?)```/.exec(section)![1]!.split('\n');
    const label = (line: string) => line.split(/ {2,}/)[0]!.trim();
    // The sample's engine is mysql; the stack under test may run another. Two tables: hotels, then date search's availability.
    const tableOf = (lines: string[]) => lines.filter((line) => /^(rows|documents) /.test(line)).map(label).map((text) => text.replace(/hotels-[a-z]+/, 'hotels-<engine>').replace(/availability-[a-z]+/, 'availability-<engine>'));
    const real = verify.output.split('\n');
    expect(tableOf(real)).toEqual(tableOf(sample));
    expect(real.find((line) => line.includes('count'))?.trim()).toBe(sample[0]!.trim());
    expect(tableOf(sample)).toContain(`documents in hotels-<engine>`);
    expect(real.some((line) => line.startsWith(`documents in hotels-${stack().engine} `))).toBe(true);
  });

  test('`npm run logs` into a pipe carries no terminal control codes', async () => {
    const logs = await runCli(['logs', '--tail', '100']);
    expect(logs.code).toBe(0);
    expect(logs.output.length).toBeGreaterThan(0);
    expect(logs.output).not.toContain('\u001b');
  });
});
