/**
 * The calendar's name for a day button (web/src/components/ui/calendar.tsx): the number the
 * button shows comes first, as a word of its own ("29 December 2026, Tuesday"), then what
 * is marked on it. Pure, so its rule is unit-tested without a browser.
 */
const dayName = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
const weekdayName = new Intl.DateTimeFormat('en-GB', { weekday: 'long' });

/** react-day-picker's modifiers: which marks apply to the day (today, selected, ...). */
export function dayButtonLabel(date: Date, modifiers: Record<string, boolean>): string {
  const marks = [modifiers.today ? 'today' : '', modifiers.selected ? 'selected' : ''].filter(Boolean);
  return [`${dayName.format(date)}, ${weekdayName.format(date)}`, ...marks].join(', ');
}
