import { describe, expect, it } from 'vitest';
import { backoffDelay, retryUntilDone } from '../../../../services/kit/retry.ts';

describe('backoffDelay', () => {
  it('grows exponentially with jitter and is capped', () => {
    const policy = { initialMs: 100, maxMs: 1_000, factor: 2 };
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, policy, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(2, policy, () => 0)).toBe(200);
  });
});

describe('retryUntilDone', () => {
  it('retries until the operation succeeds', async () => {
    let calls = 0;
    const failures: number[] = [];
    const outcome = await retryUntilDone(
      async () => {
        if (++calls < 3) throw new Error('not yet');
        return 'ok';
      },
      { shouldContinue: () => true, sleep: async () => {}, onFailure: (_e, attempt) => void failures.push(attempt) },
    );
    expect(outcome).toEqual({ done: true, value: 'ok', attempts: 3 });
    expect(failures).toEqual([1, 2]);
  });

  it('stops when told to', async () => {
    let allowed = 2;
    const outcome = await retryUntilDone(() => Promise.reject(new Error('down')), {
      shouldContinue: () => allowed-- > 0,
      sleep: async () => {},
      onFailure: () => {},
    });
    expect(outcome).toEqual({ done: false, attempts: 2 });
  });
});

