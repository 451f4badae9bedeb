import { describe, expect, it, vi } from 'vitest';
import { singleFlight } from '../../../../services/images/single-flight.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('singleFlight', () => {
  it('runs the work once for concurrent callers of one key, and each caller gets its result', async () => {
    const run = singleFlight<string>();
    const gate = deferred<string>();
    const work = vi.fn(() => gate.promise);
    const callers = Array.from({ length: 10 }, () => run('a/card.webp', work));
    await Promise.resolve();
    expect(run.inFlight()).toBe(1);
    gate.resolve('bytes');
    expect(await Promise.all(callers)).toEqual(Array(10).fill('bytes'));
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs different keys separately', async () => {
    const run = singleFlight<string>();
    const work = vi.fn(async () => 'x');
    await Promise.all([run('a', work), run('b', work)]);
    expect(work).toHaveBeenCalledTimes(2);
  });

  it('forgets a key once its work settled, failure included, so the next call works afresh', async () => {
    const run = singleFlight<string>();
    const failing = vi.fn(async () => {
      throw new Error('store down');
    });
    const both = [run('k', failing), run('k', failing)];
    for (const call of both) await expect(call).rejects.toThrow('store down');
    expect(failing).toHaveBeenCalledTimes(1);
    expect(run.inFlight()).toBe(0);
    await expect(run('k', async () => 'ok')).resolves.toBe('ok');
  });
});
