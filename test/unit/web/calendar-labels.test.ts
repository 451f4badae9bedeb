import { describe, expect, test } from 'vitest';
import { dayButtonLabel } from '../../../web/src/lib/day-label.ts';

describe("the calendar's day buttons", () => {
  test('are named by the number they show first, so the visible text is a word of the name (WCAG 2.5.3)', () => {
    const day = new Date(2026, 11, 29);
    const name = dayButtonLabel(day, { today: false, selected: false });
    expect(name).toBe('29 December 2026, Tuesday');
    expect(name.split(/[ ,]+/)).toContain(String(day.getDate()));
  });

  test('say today and selected after the date', () => {
    expect(dayButtonLabel(new Date(2027, 0, 1), { today: true, selected: true })).toBe('1 January 2027, Friday, today, selected');
  });
});
