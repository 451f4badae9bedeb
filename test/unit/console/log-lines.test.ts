import { describe, expect, it } from 'vitest';
import { parseLogLines } from '../../../scripts/lib/console/log-lines.ts';

describe('parseLogLines', () => {
  it('takes a whole number from 1 to 1000, and 80 when none is asked for', () => {
    expect(parseLogLines(null)).toEqual({ ok: true, lines: 80 });
    expect(parseLogLines('1')).toEqual({ ok: true, lines: 1 });
    expect(parseLogLines('60')).toEqual({ ok: true, lines: 60 });
    expect(parseLogLines('1000')).toEqual({ ok: true, lines: 1000 });
  });

  // Each of these became `--tail` with a negative, fractional or huge number (the whole log) before.
  it.each(['-1', '1.5', '0', '1001', '99999', '', ' 5', '5 ', '+5', '1e3', '0x10', 'all', 'Infinity', '５'])('refuses lines=%j with the range and an example', (raw) => {
    const answer = parseLogLines(raw);
    expect(answer).toEqual({ ok: false, reason: `lines=${raw} is not a whole number from 1 to 1000: ask for ?lines=80, for example` });
  });
});
