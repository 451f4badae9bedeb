import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { composeCommandLine, defaultExecCompose, type ComposeInvocation } from '../../../scripts/lib/compose/compose.ts';

/** Runs the stand-in below as `docker` would run the Compose plugin. */
const execStoppableCompose = (command: string, args: string[], options: ComposeInvocation, executablePath: string) =>
  defaultExecCompose(command, args, { ...options, executable: { executablePath } });

/**
 * A stand-in for `docker`: node runs the file `compose` from the working directory,
 * which prints its arguments, waits a minute, and on SIGINT says "canceled" and exits
 * 130, as Compose does when `up --wait` is interrupted.
 */
const dir = mkdtempSync(join(tmpdir(), 'compose-process-'));
writeFileSync(
  join(dir, 'compose'),
  `process.on('SIGINT', () => { console.error('canceled'); process.exit(130); });
console.log(JSON.stringify(process.argv.slice(2)));
setTimeout(() => process.exit(0), 60000);
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Compose through exec.ts, stopped by a signal', () => {
  it('builds the docker CLI\'s command line: global options, then the file, the command and its arguments', () => {
    expect(composeCommandLine('up', ['-d', '--wait'], { config: '/r/compose.yaml', composeOptions: ['--env-file', '/r/.env'] })).toEqual(['docker', ['compose', '--env-file', '/r/.env', '-f', '/r/compose.yaml', 'up', '-d', '--wait']]);
  });

  it('stops the child with SIGINT when the signal aborts, and reports its exit code and stderr', async () => {
    const controller = new AbortController();
    let output = '';
    const started = performance.now();
    const result = execStoppableCompose('up', ['-d', '--wait'], {
      cwd: dir,
      signal: controller.signal,
      callback: (chunk, stream) => {
        if (stream !== 'stdout') return;
        output += chunk.toString();
        controller.abort();
      },
    }, process.execPath);
    await expect(result).resolves.toMatchObject({ code: 130, stderr: 'canceled\n' });
    expect(JSON.parse(output)).toEqual(['up', '-d', '--wait']);
    // The stand-in would have waited 60 s.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('does not leave a child running when the signal had already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(execStoppableCompose('up', [], { cwd: dir, signal: controller.signal }, process.execPath)).resolves.toMatchObject({ code: 130, stderr: 'ended by SIGINT' });
  });
});

describe('defaultExecCompose', () => {
  // The docker-compose package this replaced settled 500 ms after the child exited,
  // with setTimeout: with setTimeout frozen it never settled. Compose calls must settle when the child
  // closes: a no-op `up` makes several on its critical path (issue 12).
  it('settles when Compose exits, without a fixed wait after it', async () => {
    const quick = mkdtempSync(join(tmpdir(), 'quick-compose-'));
    writeFileSync(join(quick, 'compose'), 'console.log("2.26.1");\n');
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const result = await defaultExecCompose('version', ['--short'], { cwd: quick, executable: { executablePath: process.execPath } });
      expect(result.stdout.trim()).toBe('2.26.1');
    } finally {
      vi.useRealTimers();
      rmSync(quick, { recursive: true, force: true });
    }
  }, 10_000);
});
