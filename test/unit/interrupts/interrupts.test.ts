import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Interrupted } from '../../../scripts/lib/errors.ts';
import { SAME_KEYPRESS_MS, interruptRequested, listenForInterrupts, untilInterrupted } from '../../../scripts/lib/interrupts.ts';
import { paths } from '../../../scripts/lib/paths.ts';

const tsxCli = join(paths.repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const fixture = join(paths.repoRoot, 'test', 'unit', 'interrupts', 'fixtures', 'slow-cleanup.ts');

/** Stands in for `process`: signal events, and `kill`, which records what would be raised. */
function fakeProcess() {
  const target = new EventEmitter();
  const raised: string[] = [];
  let clock = 0;
  const proc = Object.assign(target, {
    pid: 4242,
    raised,
    kill: (pid: number, signal?: string | number) => raised.push(`${pid} ${String(signal)}`) > 0,
    listening: () => target.listenerCount('SIGINT') + target.listenerCount('SIGTERM'),
    at: (ms: number) => (clock = ms),
    now: () => clock,
  });
  return { proc, options: { target: proc as unknown as NodeJS.Process, now: proc.now } };
}

describe('listenForInterrupts', () => {
  it('turns SIGINT into an abort whose reason exits 130', () => {
    const { proc, options } = fakeProcess();
    const { signal } = listenForInterrupts(options);
    expect(signal.aborted).toBe(false);
    proc.emit('SIGINT');
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(Interrupted);
    expect((signal.reason as Interrupted).exitCode).toBe(130);
  });

  it('turns SIGTERM into 143, the code a shell reports for a process SIGTERM ended', () => {
    const { proc, options } = fakeProcess();
    const { signal } = listenForInterrupts(options);
    proc.emit('SIGTERM');
    expect((signal.reason as Interrupted).signalName).toBe('SIGTERM');
    expect((signal.reason as Interrupted).exitCode).toBe(143);
  });

  it('takes the same Ctrl-C relayed again (tsx after 30 ms) for one keypress', () => {
    const { proc, options } = fakeProcess();
    const { signal } = listenForInterrupts(options);
    proc.at(1000);
    proc.emit('SIGINT');
    proc.at(1040);
    proc.emit('SIGINT');
    expect((signal.reason as Interrupted).signalName).toBe('SIGINT');
    expect(proc.raised).toEqual([]);
    expect(proc.listening()).toBe(2);
  });

  it('ends the process on a second signal: stops listening and raises it again', () => {
    const { proc, options } = fakeProcess();
    listenForInterrupts(options);
    proc.at(1000);
    proc.emit('SIGINT');
    proc.at(1000 + SAME_KEYPRESS_MS);
    proc.emit('SIGTERM');
    expect(proc.listening()).toBe(0);
    expect(proc.raised).toEqual(['4242 SIGTERM']);
  });

  it('gives the signals back when the command is done', () => {
    const { proc, options } = fakeProcess();
    const { signal, dispose } = listenForInterrupts(options);
    dispose();
    expect(proc.listening()).toBe(0);
    proc.emit('SIGINT');
    expect(signal.aborted).toBe(false);
  });
});

describe('untilInterrupted', () => {
  it('rejects with the Interrupted as soon as the signal aborts, while the work still hangs', async () => {
    const controller = new AbortController();
    const never = new Promise<string>(() => {});
    const waiting = untilInterrupted(never, controller.signal);
    controller.abort(new Interrupted('SIGTERM'));
    await expect(waiting).rejects.toMatchObject({ signalName: 'SIGTERM', exitCode: 143 });
  });

  it('settles with the work when no signal comes', async () => {
    await expect(untilInterrupted(Promise.resolve('done'), new AbortController().signal)).resolves.toBe('done');
  });
});

describe('a second signal while cleaning up', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('(Ctrl-C and its relayed copy, then %s) ends the real process at once', async (second, exitCode) => {
    // Its own process group, which the test signals as a terminal does on Ctrl-C.
    const child = spawn(process.execPath, [tsxCli, fixture], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    onTestFinished(() => {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const seen = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => output.includes(text) && resolve();
        child.stdout.on('data', check);
        check();
      });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await seen('waiting in ');
    const node = Number(/waiting in (\d+)/.exec(output)![1]);
    // Ctrl-C reaches the whole group; the command's node process gets a second copy
    // 40 ms later, as when tsx relays it (sent at once, the kernel would merge the two).
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 40));
    process.kill(node, 'SIGINT');
    await seen('cleaning');
    // The second press comes after the window in which a repeat counts as the same keypress.
    await new Promise((resolve) => setTimeout(resolve, SAME_KEYPRESS_MS + 300));
    expect(child.exitCode).toBeNull();
    const started = performance.now();
    process.kill(-child.pid!, second);
    const { code, signal } = await exited;
    // tsx relays the signal to its child, which exits 128 + n when no listener is left.
    expect({ code, signal }).toEqual({ code: exitCode, signal: null });
    expect(output.match(/cleaning/g)).toHaveLength(1);
    expect(output).not.toContain('cleaned');
    expect(performance.now() - started).toBeLessThan(5000);
  }, 20_000);
});

describe('interruptRequested', () => {
  it('resolves at the first Ctrl-C and stops listening, so a serving command can close what it opened', async () => {
    const { proc, options } = fakeProcess();
    let resolved = false;
    const waiting = interruptRequested(listenForInterrupts(options)).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    expect(proc.listening()).toBe(2);
    proc.emit('SIGINT');
    await waiting;
    expect(resolved).toBe(true);
    expect(proc.listening()).toBe(0);
  });
});
