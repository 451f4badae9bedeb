import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../services/lib/backoff.ts';
import { ConfigError, envReader } from '../../../../services/lib/env-reader.ts';
import { createLogger } from '../../../../services/lib/logger.ts';
import { retryUntilDone } from '../../../../services/lib/retry-until-done.ts';

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

describe('envReader', () => {
  it('reads values with defaults and reports every problem at once', () => {
    const read = envReader({ PORT: 'x', LIST: 'a, b,,c' });
    read.int('PORT', 3000, { min: 1, max: 65535 });
    read.string('MISSING');
    expect(read.list('LIST')).toEqual(['a', 'b', 'c']);
    expect(() => read.done()).toThrow(ConfigError);
    expect(() => read.done()).toThrow(/PORT must be an integer.*MISSING is required/);
  });

  it('checks a value against a pattern, and uses the fallback when unset', () => {
    const read = envReader({ GOOD: '250ms', BAD: '-1' });
    expect(read.matching('GOOD', '1s', /^\d+(ms|s)$/, 'a time')).toBe('250ms');
    expect(read.matching('UNSET', '1s', /^\d+(ms|s)$/, 'a time')).toBe('1s');
    read.matching('BAD', '1s', /^\d+(ms|s)$/, 'a time like 250ms');
    expect(() => read.done()).toThrow('BAD must be a time like 250ms (got "-1")');
  });
});

describe('createLogger', () => {
  it('writes one JSON line with base fields, skipping levels below the threshold', () => {
    const lines: string[] = [];
    const log = createLogger({ service: 's' }, { level: 'info', write: (l) => lines.push(l), now: () => new Date(0) });
    log.debug('hidden');
    log.child({ requestId: 'r' }).warn('hello', { error: new Error('boom') });
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { time: '1970-01-01T00:00:00.000Z', level: 'warn', service: 's', requestId: 'r', msg: 'hello', error: 'Error: boom' },
    ]);
  });
});
