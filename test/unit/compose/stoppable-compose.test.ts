import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defaultExecCompose } from '../../../scripts/lib/compose/compose.ts';
import { composeCommandLine, execStoppableCompose } from '../../../scripts/lib/compose/stoppable-compose.ts';

/**
 * A stand-in for `docker`: node runs the file `compose` from the working directory,
 * which prints its arguments, waits a minute, and on SIGINT says "canceled" and exits
 * 130, as Compose does when `up --wait` is interrupted.
 */
const dir = mkdtempSync(join(tmpdir(), 'stoppable-compose-'));
writeFileSync(
  join(dir, 'compose'),
  `process.on('SIGINT', () => { console.error('canceled'); process.exit(130); });
console.log(JSON.stringify(process.argv.slice(2)));
setTimeout(() => process.exit(0), 60000);
`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('execStoppableCompose', () => {
  it('builds the command line the docker-compose package builds', () => {
    expect(composeCommandLine('up', ['-d', '--wait'], { config: '/r/compose.yaml', composeOptions: ['--env-file', '/r/.env'] })).toEqual(['compose', '--env-file', '/r/.env', '-f', '/r/compose.yaml', 'up', '-d', '--wait']);
  });

  it('stops the child with SIGINT when the signal aborts, and rejects as the package does', async () => {
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
    await expect(result).rejects.toMatchObject({ exitCode: 130, err: 'canceled\n' });
    expect(JSON.parse(output)).toEqual(['up', '-d', '--wait']);
    // The stand-in would have waited 60 s.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('does not leave a child running when the signal had already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(execStoppableCompose('up', [], { cwd: dir, signal: controller.signal }, process.execPath)).rejects.toMatchObject({ exitCode: null, err: 'ended by SIGINT' });
  });
});

describe('defaultExecCompose', () => {
  // The docker-compose package settles 500 ms after the child exits, with setTimeout:
  // with setTimeout frozen it never settles. Compose calls must settle when the child
  // closes: a no-op `up` makes several on its critical path (issue 12).
  it('settles when Compose exits, without a fixed wait after it', async () => {
    const quick = mkdtempSync(join(tmpdir(), 'quick-compose-'));
    writeFileSync(join(quick, 'compose'), 'console.log("2.26.1");\n');
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const result = await defaultExecCompose('version', ['--short'], { cwd: quick, executable: { executablePath: process.execPath } });
      expect(result.out.trim()).toBe('2.26.1');
    } finally {
      vi.useRealTimers();
      rmSync(quick, { recursive: true, force: true });
    }
  }, 10_000);
});
