import { describe, expect, it } from 'vitest';
import { Interrupted, UserError } from '../../../scripts/lib/errors.ts';
import { Deadline, formatDuration } from '../../../scripts/lib/wait/clock.ts';
import { WaitTimeoutError, abort, notReady, ready, waitFor } from '../../../scripts/lib/wait/poll.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

describe('waitFor', () => {
  it('polls at the interval until ready and returns the value', async () => {
    const clock = fakeClock();
    let calls = 0;
    const value = await waitFor({ name: 'thing', intervalMs: 500, probe: async () => (++calls < 4 ? notReady(`attempt ${calls}`) : ready('done')) }, { deadline: new Deadline(clock, 60_000) });
    expect(value).toBe('done');
    expect(clock.sleeps).toEqual([500, 500, 500]);
  });

  it('times out naming what, for how long, and the last error', async () => {
    const clock = fakeClock();
    let n = 0;
    const error = await waitFor({ name: 'elasticsearch yellow', intervalMs: 1000, fix: 'npm run logs elasticsearch', probe: async () => notReady(`ECONNREFUSED #${++n}`) }, { deadline: new Deadline(clock, 5000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).message).toBe('elasticsearch yellow: not ready after 5.0 s; last error: ECONNREFUSED #6');
    expect((error as WaitTimeoutError).fix).toBe('npm run logs elasticsearch');
  });

  it('probes one last time at the deadline and never sleeps past it', async () => {
    const clock = fakeClock();
    const deadline = new Deadline(clock, 2500);
    const error = await waitFor({ name: 'x', intervalMs: 1000, probe: async () => notReady('no') }, { deadline }).catch((e: unknown) => e);
    expect(clock.sleeps).toEqual([1000, 1000, 500]);
    expect((error as WaitTimeoutError).waitedMs).toBe(2500);
  });

  it('shares one deadline between consecutive waits', async () => {
    const clock = fakeClock();
    const deadline = new Deadline(clock, 3000);
    let first = 0;
    await waitFor({ name: 'first', intervalMs: 1000, probe: async () => (++first < 3 ? notReady('no') : ready()) }, { deadline });
    const error = await waitFor({ name: 'second', intervalMs: 1000, probe: async () => notReady('still no') }, { deadline }).catch((e: unknown) => e);
    expect((error as WaitTimeoutError).message).toBe('second: not ready after 1.0 s; last error: still no');
    expect(deadline.remainingMs()).toBe(0);
  });

  it('treats a throwing probe as not ready and keeps its message (and cause code)', async () => {
    const clock = fakeClock();
    const error = await waitFor(
      { name: 'connect', probe: async () => { throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }); } },
      { deadline: new Deadline(clock, 1000) },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain('last error: fetch failed: ECONNREFUSED');
  });

  it('stops at once when a probe aborts', async () => {
    const clock = fakeClock();
    const fatal = new UserError('rejected', 'fix it');
    await expect(waitFor({ name: 'x', probe: async () => abort(fatal) }, { deadline: new Deadline(clock, 60_000) })).rejects.toBe(fatal);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops waiting when the signal aborts, between probes', async () => {
    const clock = fakeClock();
    const controller = new AbortController();
    let probes = 0;
    const probe = async () => {
      if (++probes === 3) controller.abort(new Interrupted('SIGINT'));
      return notReady('starting');
    };
    const error = await waitFor({ name: 'x', intervalMs: 1000, probe }, { deadline: new Deadline(clock, 600_000), signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Interrupted);
    expect(probes).toBe(3);
  });

  it('stops waiting when the signal aborts, even while a probe hangs', async () => {
    const controller = new AbortController();
    const waiting = waitFor({ name: 'x', probe: () => new Promise<never>(() => {}) }, { deadline: new Deadline(fakeClock(), 600_000), signal: controller.signal });
    controller.abort(new Interrupted('SIGTERM'));
    await expect(waiting).rejects.toMatchObject({ exitCode: 143 });
  });

  it('reports attempts for progress output', async () => {
    const seen: string[] = [];
    let n = 0;
    await waitFor({ name: 'x', intervalMs: 10, probe: async () => (++n < 3 ? notReady(`r${n}`) : ready()) }, { deadline: new Deadline(fakeClock(), 1000), onAttempt: (a, r) => seen.push(`${a}:${r}`) });
    expect(seen).toEqual(['1:r1', '2:r2']);
  });
});

describe('formatDuration', () => {
  it.each([
    [250, '250 ms'],
    [1500, '1.5 s'],
    [61_000, '1 min 1 s'],
    // Rounded as a whole, not per unit: the deadline of a 600 s `up` read 9 min 60 s.
    [599_600, '10 min 0 s'],
    [119_500, '2 min 0 s'],
  ])('%i ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
