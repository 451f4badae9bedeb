import { describe, expect, it } from 'vitest';
import { ConfigError, envReader } from '../../../../services/kit/env-reader.ts';

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

