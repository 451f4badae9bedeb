/**
 * Ctrl-C during `up`, for real: the CLI is interrupted once it waits for the
 * services, and must stop waiting, stop its `docker compose up --wait` child, say
 * what it leaves running, honour --clean and exit 130.
 *
 * Like stack.e2e.test.ts this file starts and ends with `reset --yes`: the e2e files
 * run one after another on the same Compose project, in an order Vitest chooses, so
 * each one leaves nothing behind for the next.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paths } from '../../scripts/lib/paths.ts';
import { runCli, startCli } from './support/run-cli.ts';
import { containers, projectName, volumes } from './support/running-stack.ts';

/** `up` is waiting: Compose has started a container whose healthcheck runs (a progress line says so). */
const WAITING = /^ {2}[a-z][\w-]* +(health: starting|healthy|running) \(\d/m;

/** `docker compose … up` processes of this checkout still alive (the compose file path is this worktree's own). */
function composeUpProcesses(): string[] {
  return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(paths.composeFile) && / up -d --wait\b/.test(line));
}

beforeAll(async () => {
  const reset = await runCli(['reset', '--yes']);
  expect(reset.code).toBe(0);
  expect(containers()).toEqual([]);
});

afterAll(async () => {
  await runCli(['reset', '--yes']);
});

describe('Ctrl-C during up', () => {
  test('SIGINT to the CLI process alone, with --clean: stops Compose, removes the containers, keeps the data, exits 130', async () => {
    const up = startCli(['up', '--clean']);
    await up.outputMatches(WAITING);
    // The signal reaches node only (as `kill -INT <pid>` sends it), not the Compose child: `up` must stop that child itself.
    up.child.kill('SIGINT');
    const signalled = performance.now();
    const result = await up.done;
    console.log(`up --clean exited ${((performance.now() - signalled) / 1000).toFixed(1)} s after SIGINT`);
    expect.soft(result.code).toBe(130);
    expect.soft(result.output).toContain('up interrupted by Ctrl-C (SIGINT)');
    expect.soft(result.output).toContain('--clean removed the containers (data volumes kept)');
    expect.soft(containers()).toEqual([]);
    expect.soft(volumes()).toContain(`${projectName()}_kafka-data`);
    expect.soft(composeUpProcesses()).toEqual([]);
  });

  test('Ctrl-C in a terminal (the whole process group): leaves the stack running, names it and what to run next, exits 130', async () => {
    const up = startCli(['up'], { processGroup: true });
    await up.outputMatches(WAITING);
    // A terminal's Ctrl-C signals every process of the foreground group: tsx, node and docker compose.
    process.kill(-up.child.pid!, 'SIGINT');
    const signalled = performance.now();
    const result = await up.done;
    const seconds = (performance.now() - signalled) / 1000;
    console.log(`up exited ${seconds.toFixed(1)} s after Ctrl-C`);
    // It stops waiting rather than run on to its 10-minute deadline.
    expect.soft(seconds).toBeLessThan(20);
    expect.soft(result.code).toBe(130);
    const left = /left running: ([^;\n]*)/.exec(result.output)?.[1] ?? '';
    const named = left.split(', ').map((entry) => entry.split(' ')[0]).sort();
    const running = containers().filter((container) => container.running).map((container) => container.service).sort();
    expect.soft(running.length).toBeGreaterThan(0);
    expect.soft(named).toEqual(running);
    for (const next of ['npm run status', 'npm run logs -- ', 'npm run down']) expect.soft(result.output).toContain(next);
    expect.soft(composeUpProcesses()).toEqual([]);
  });
});
