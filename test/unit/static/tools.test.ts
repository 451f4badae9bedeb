import { describe, expect, it } from 'vitest';
import { isCi } from '../../../scripts/lib/ci.ts';
import { requireOrSkip } from './tools.ts';

/** A test context whose skip() records the reason instead of ending the test. */
function context() {
  const skipped: string[] = [];
  return {
    skipped,
    skip: ((note?: string) => {
      skipped.push(note ?? '');
    }) as (note?: string) => never,
  };
}

describe('isCi', () => {
  it.each(['true', '1', 'yes', 'TRUE', 'on', 'woodpecker'])('CI=%s is CI', (value) => expect(isCi({ CI: value })).toBe(true));
  it.each(['false', 'FALSE', '0', '', ' '])('CI="%s" is not CI', (value) => expect(isCi({ CI: value })).toBe(false));
  it('no CI variable is not CI', () => expect(isCi({})).toBe(false));
});

describe('requireOrSkip', () => {
  it.each(['1', 'yes', 'true'])('fails, never skips, a missing tool under CI=%s', (value) => {
    const ctx = context();
    expect(() => requireOrSkip(ctx, 'haproxy is not installed', { CI: value })).toThrow(`haproxy is not installed (CI=${value}: a missing tool or file fails the run)`);
    expect(ctx.skipped).toEqual([]);
  });

  it.each([['false'], ['0'], ['']])('skips with the reason under CI="%s"', (value) => {
    const ctx = context();
    requireOrSkip(ctx, 'haproxy is not installed', { CI: value });
    expect(ctx.skipped).toEqual(['haproxy is not installed']);
  });

  it('does nothing when nothing is missing, even under CI', () => {
    const ctx = context();
    requireOrSkip(ctx, undefined, { CI: '1' });
    expect(ctx.skipped).toEqual([]);
  });
});
