import { describe, expect, it } from 'vitest';
import { errorOutput, errorText, indent, lastLines } from '../../scripts/lib/text.ts';

describe('text helpers', () => {
  it('errorText names the cause by its code, else its message', () => {
    expect(errorText(new Error('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }))).toBe('fetch failed: ECONNREFUSED');
    expect(errorText(new Error('fetch failed', { cause: new Error('other side closed') }))).toBe('fetch failed: other side closed');
    expect(errorText(new Error('plain'))).toBe('plain');
    expect(errorText('a string')).toBe('a string');
  });

  it('errorOutput keeps the stderr a failed process left', () => {
    expect(errorOutput(Object.assign(new Error('exit 1'), { stderr: 'container db is unhealthy' }))).toBe('exit 1\ncontainer db is unhealthy');
  });

  it('lastLines keeps the last non-blank lines, and indent sets them off', () => {
    expect(lastLines('a\nb\n\nc\n\n', 2)).toBe('b\nc');
    expect(lastLines('  \n', 3)).toBe('');
    expect(indent('a\nb')).toBe('    a\n    b');
  });
});
