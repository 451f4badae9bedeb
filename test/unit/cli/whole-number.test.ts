import { describe, expect, it } from 'vitest';
import { wholeNumberOption } from '../../../scripts/lib/cli/whole-number.ts';
import { UsageError } from '../../../scripts/lib/errors.ts';

const rule = { option: 'limit', min: 0, max: 10_000, fallback: 10 };

describe('wholeNumberOption', () => {
  it('uses the fallback when the option is absent and the number when it is in range', () => {
    expect(wholeNumberOption(undefined, rule, 'usage')).toBe(10);
    expect(wholeNumberOption('0', rule, 'usage')).toBe(0);
    expect(wholeNumberOption('10000', rule, 'usage')).toBe(10_000);
  });

  it('refuses what is not a whole number in range, naming the option and giving the usage as fix', () => {
    for (const bad of ['-1', '1.5', 'x', '10001', '', ' ']) {
      expect(() => wholeNumberOption(bad, rule, 'npm run verify -- [--limit N]')).toThrow(UsageError);
    }
    expect(() => wholeNumberOption('x', rule, 'usage')).toThrow('--limit must be a whole number from 0 to 10000, got x');
  });
});
