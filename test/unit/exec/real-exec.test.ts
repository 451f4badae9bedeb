/** realExec against real processes: Node itself is the one program every machine running these tests has. */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isNotFound, realExec } from '../../../scripts/lib/exec.ts';

const node = process.execPath;
const posix = process.platform !== 'win32';
const temp = mkdtempSync(join(tmpdir(), 'real-exec-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('realExec', () => {
  it('returns exit code 0, stdout and stderr of a program', async () => {
    const result = await realExec(node, ['-e', "process.stdout.write('to out'); process.stderr.write('to err')"]);
    expect(result).toEqual({ code: 0, stdout: 'to out', stderr: 'to err' });
  });

  it('passes every argument as is: no shell splits, expands or unquotes it', async () => {
    const args = ['a b', '"quoted"', "it's", '$HOME', '%PATH%', '`id`', 'x; exit 3', 'back\\slash', '*'];
    const result = await realExec(node, ['-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', ...args]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(args);
  });

  // The bash-less case end to end (the whole process without bash) is test/unit/static/no-bash.test.ts.
  it.runIf(posix)('looks the program up on the PATH it is given, one with no shell on it, and starts it directly', async () => {
    const bin = join(temp, 'bin');
    mkdirSync(bin);
    symlinkSync(node, join(bin, 'node'));
    const result = await realExec('node', ['-e', "process.stdout.write('ran')"], { env: { PATH: bin } });
    expect(result).toEqual({ code: 0, stdout: 'ran', stderr: '' });
  });

  it('reports a missing command as 127, naming the command', async () => {
    const result = await realExec('no-such-command-7f3a', ['--version']);
    expect(result.code).toBe(127);
    expect(isNotFound(result)).toBe(true);
    expect(result.stderr).toContain('no-such-command-7f3a');
    expect(result.stderr).toMatch(/not found/);
  });

  it('reports a program that exits non-zero with its own code and output, not as missing', async () => {
    const result = await realExec(node, ['-e', "process.stderr.write('broken'); process.exit(3)"]);
    expect(result).toEqual({ code: 3, stdout: '', stderr: 'broken' });
    expect(isNotFound(result)).toBe(false);
  });

  it('feeds `input` to the program on stdin', async () => {
    const script = "let s=''; process.stdin.on('data', (c) => (s += c)); process.stdin.on('end', () => process.stdout.write(s.toUpperCase()))";
    const result = await realExec(node, ['-e', script], { input: 'line one\nline two\n' });
    expect(result).toEqual({ code: 0, stdout: 'LINE ONE\nLINE TWO\n', stderr: '' });
  });

  it('gives a program no stdin when there is no input (it reads end of file at once)', async () => {
    const script = "let n=0; process.stdin.on('data', (c) => (n += c.length)); process.stdin.on('end', () => process.stdout.write(String(n)))";
    const result = await realExec(node, ['-e', script], { timeoutMs: 10_000 });
    expect(result).toEqual({ code: 0, stdout: '0', stderr: '' });
  });

  it('survives a program that exits without reading a large input', async () => {
    const result = await realExec(node, ['-e', 'process.exit(0)'], { input: 'x'.repeat(4 * 1024 * 1024) });
    expect(result.code).toBe(0);
  });

  it('stops a program at the timeout and says so (124)', async () => {
    const started = performance.now();
    const result = await realExec(node, ['-e', "process.stdout.write('started'); setTimeout(() => {}, 60_000)"], { timeoutMs: 1000 });
    expect(result.code).toBe(124);
    expect(result.stderr).toContain('timed out after 1000 ms');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('runs with exactly the given environment', async () => {
    const env = { PATH: process.env.PATH ?? '', EXEC_TEST_VALUE: 'from the caller' };
    const result = await realExec(node, ['-e', 'process.stdout.write(JSON.stringify([process.env.EXEC_TEST_VALUE, process.env.HOME ?? null]))'], { env });
    expect(JSON.parse(result.stdout)).toEqual(['from the caller', null]);
  });

  it.runIf(posix)('reports death by a signal as 128 + its number', async () => {
    const result = await realExec(node, ['-e', "process.kill(process.pid, 'SIGTERM')"]);
    expect(result.code).toBe(143);
  });

  it.runIf(posix)('reports a file it cannot execute as 126, not as missing', async () => {
    const file = join(temp, 'not-executable');
    writeFileSync(file, '#!/bin/sh\necho hi\n');
    chmodSync(file, 0o644);
    const result = await realExec(file, []);
    expect(result.code).toBe(126);
    expect(result.stderr).toContain(file);
  });
});
