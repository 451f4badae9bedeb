/**
 * The stay rules the public API (booking) and the inventory must agree on: nights are
 * UTC calendar dates written YYYY-MM-DD, and a stay is at most MAX_NIGHTS nights
 * (issue 20). One definition, so the API never accepts a stay the inventory refuses.
 */

/** The longest stay: more than 30 nights is refused. */
export const MAX_NIGHTS = 30;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date that exists (2027-02-30 does not), else undefined. */
export function calendarDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const time = Date.parse(`${text}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text) return undefined;
  return time / DAY_MS;
}

/** The YYYY-MM-DD of a day counted since 1970-01-01 (calendarDay's inverse). */
export function calendarDayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
