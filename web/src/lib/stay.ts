/**
 * The stay a guest picks on the page: calendar dates (YYYY-MM-DD, the hotel's nights, UTC as
 * the whole stack counts them), from check-in (included) to check-out (excluded). The rules
 * are the services' own (services/lib/calendar.ts and stay-query.ts, through services/lib/contract.ts), imported, not copied: the
 * page refuses exactly what the API would, before asking it.
 */
import { calendarDay, DEFAULT_GUESTS, MAX_GUESTS, MAX_NIGHTS } from '../../../services/lib/contract.ts';

export { DEFAULT_GUESTS, MAX_GUESTS, MAX_NIGHTS };

export interface Stay {
  checkIn: string;
  checkOut: string;
  guests: number;
}

const DAY_MS = 86_400_000;

/** Today on the stack's calendar (UTC). */
export function utcToday(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const start = calendarDay(day);
  if (start === undefined) throw new Error(`not a date: ${day}`);
  return new Date((start + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Nights from check-in to check-out; undefined when either is not a real date. */
export function nightsOf(checkIn: string, checkOut: string): number | undefined {
  const from = calendarDay(checkIn);
  const to = calendarDay(checkOut);
  return from === undefined || to === undefined ? undefined : to - from;
}

/** What is wrong with a stay, in words for the form; undefined when the API would take it. */
export function stayProblem(stay: Partial<Stay>, today: string): string | undefined {
  if (!stay.checkIn || !stay.checkOut) return 'Choose a check-in and a check-out date.';
  const nights = nightsOf(stay.checkIn, stay.checkOut);
  if (nights === undefined) return 'Dates must be real calendar dates.';
  if (stay.checkIn < today) return `Check-in cannot be in the past (today is ${formatDay(today)}).`;
  if (nights < 1) return 'Check-out must be after check-in.';
  if (nights > MAX_NIGHTS) return `A stay is at most ${MAX_NIGHTS} nights (this one is ${nights}).`;
  const guests = stay.guests ?? DEFAULT_GUESTS;
  if (!Number.isInteger(guests) || guests < 1 || guests > MAX_GUESTS) return `Guests must be from 1 to ${MAX_GUESTS}.`;
  return undefined;
}

/** A date picker's Date (local midnight, as the calendar draws days) for a calendar day, and back. */
export function dateOfDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

export function dayOfDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "Sun, 20 Dec 2026": the day as a guest reads it (the day itself, never shifted by a time zone). */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** "Sun, 20 Dec 2026 → Wed, 23 Dec 2026 (3 nights)", or "... → check-out?" while only check-in is chosen. */
function formatDates(checkIn: string, checkOut: string | undefined, day: (day: string) => string = formatDay): string {
  const nights = checkOut ? nightsOf(checkIn, checkOut) : undefined;
  return `${day(checkIn)} → ${checkOut ? day(checkOut) : 'check-out?'}${nights ? ` (${plural(nights, 'night')})` : ''}`;
}

/**
 * The same, short enough for a 390 px screen: "Sun 20 Dec → Wed 23 Dec (3 nights)" within today's
 * year, "30 Dec 2026 → 2 Jan 2027 (3 nights)" across years. The button's accessible name keeps
 * the long form.
 */
export function formatDatesShort(checkIn: string, checkOut: string | undefined, today: string): string {
  const allThisYear = [checkIn, checkOut ?? checkIn].every((day) => day.slice(0, 4) === today.slice(0, 4));
  const parts: Intl.DateTimeFormatOptions = allThisYear ? { weekday: 'short', day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  const format = new Intl.DateTimeFormat('en-GB', { ...parts, timeZone: 'UTC' });
  return formatDates(checkIn, checkOut, (day) => format.format(new Date(`${day}T00:00:00Z`)));
}

/** "Sun, 20 Dec 2026 → Wed, 23 Dec 2026 · 3 nights · 2 guests". */
export function formatStay(stay: Stay): string {
  const nights = nightsOf(stay.checkIn, stay.checkOut) ?? 0;
  return `${formatDay(stay.checkIn)} → ${formatDay(stay.checkOut)} · ${plural(nights, 'night')} · ${plural(stay.guests, 'guest')}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A stay's query string (`check_in`, `check_out`, `guests`: the API's names, in the page's address too). */
export function stayParams(stay: Stay): URLSearchParams {
  return new URLSearchParams({ check_in: stay.checkIn, check_out: stay.checkOut, guests: String(stay.guests) });
}

/** The stay an address names, when it names a whole one (both dates; guests default to 2). */
export function stayFromParams(params: URLSearchParams): Stay | undefined {
  const checkIn = params.get('check_in') ?? '';
  const checkOut = params.get('check_out') ?? '';
  if (calendarDay(checkIn) === undefined || calendarDay(checkOut) === undefined) return undefined;
  const guests = Number(params.get('guests') ?? DEFAULT_GUESTS);
  return { checkIn, checkOut, guests: Number.isInteger(guests) && guests >= 1 && guests <= MAX_GUESTS ? guests : DEFAULT_GUESTS };
}

/** A stay being picked: either date may still be missing. */
export interface StayDraft {
  checkIn?: string;
  checkOut?: string;
  guests: number;
}

/**
 * A day chosen on the calendar: the first pick (or any pick once both dates are set) is
 * check-in and clears check-out; the next pick after it is check-out; a pick on or before
 * check-in starts again from that day.
 */
export function pickDay(draft: StayDraft, day: string): StayDraft {
  if (!draft.checkIn || draft.checkOut || day <= draft.checkIn) return { guests: draft.guests, checkIn: day };
  return { ...draft, checkOut: day };
}

/** A whole stay when both dates are chosen. */
export function completeStay(draft: StayDraft): Stay | undefined {
  return draft.checkIn && draft.checkOut ? { checkIn: draft.checkIn, checkOut: draft.checkOut, guests: draft.guests } : undefined;
}
