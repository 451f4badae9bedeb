import { describe, expect, it } from 'vitest';
import { WaitTimeoutError, notReady } from '../../../scripts/lib/wait/poll.ts';
import { eventually, within } from '../../../scripts/lib/wait/within.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

describe('within', () => {
  it('waits on its own budget at 100 ms by default and times out with the last reason', async () => {
    const clock = fakeClock();
    let n = 0;
    const error = await within('thing', async () => notReady(`no #${++n}`), { budgetMs: 300, clock }).catch((e: unknown) => e);
    expect(clock.sleeps).toEqual([100, 100, 100]);
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as WaitTimeoutError).lastReason).toBe('no #4');
  });

  it('eventually returns the first defined value', async () => {
    const clock = fakeClock();
    let n = 0;
    const value = await eventually('third time', async () => (++n === 3 ? 'here' : undefined), { budgetMs: 1000, intervalMs: 250, clock });
    expect(value).toBe('here');
    expect(clock.sleeps).toEqual([250, 250]);
  });
});
