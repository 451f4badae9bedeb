import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../scripts/lib/console/one-at-a-time.ts';

describe('oneAtATime', () => {
  it('refuses a second run while one is under way, saying since when, and runs again once it ended', async () => {
    let finish: (value: string) => void = () => {};
    let runs = 0;
    const run = oneAtATime(
      'a golden-path trace',
      () => {
        runs++;
        return new Promise<string>((resolve) => (finish = resolve));
      },
      () => Date.parse('2026-01-02T03:04:05Z'),
    );
    const first = run();
    expect(await run()).toEqual({ ran: false, reason: 'a golden-path trace is already running (started 2026-01-02T03:04:05.000Z): wait for it to finish, then try again' });
    finish('done');
    expect(await first).toEqual({ ran: true, value: 'done' });
    const third = run();
    finish('again');
    expect(await third).toEqual({ ran: true, value: 'again' });
    expect(runs).toBe(2);
  });

  it('is free again after a run that failed', async () => {
    let fail = true;
    const run = oneAtATime('x', async () => {
      if (fail) throw new Error('boom');
      return 1;
    });
    await expect(run()).rejects.toThrow('boom');
    fail = false;
    expect(await run()).toEqual({ ran: true, value: 1 });
  });
});
