/** The page's stay rules (web/src/lib/stay.ts): the services' calendar, the picker's clicks, the address. */
import { describe, expect, it } from 'vitest';
import { addDays, completeStay, dateOfDay, dayOfDate, formatDatesShort, formatStay, nightsOf, pickDay, stayFromParams, stayParams, stayProblem, utcToday } from '../../../web/src/lib/stay.ts';

const today = '2026-12-07';

describe('the stay rules', () => {
  it('counts nights across months and years, and adds days', () => {
    expect(nightsOf('2026-12-30', '2027-01-02')).toBe(3);
    expect(nightsOf('2027-02-30', '2027-03-02')).toBeUndefined();
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('takes what the API takes and names what it would refuse', () => {
    expect(stayProblem({ checkIn: '2026-12-07', checkOut: '2026-12-08', guests: 1 }, today)).toBeUndefined();
    expect(stayProblem({ checkIn: '2026-12-07', checkOut: '2027-01-06', guests: 10 }, today)).toBeUndefined();
    expect(stayProblem({ checkIn: '2026-12-07' }, today)).toMatch(/check-out/);
    expect(stayProblem({ checkIn: '2026-12-06', checkOut: '2026-12-08' }, today)).toMatch(/past/);
    expect(stayProblem({ checkIn: '2026-12-08', checkOut: '2026-12-08' }, today)).toMatch(/after check-in/);
    expect(stayProblem({ checkIn: '2026-12-07', checkOut: '2027-01-07' }, today)).toMatch(/at most 30 nights \(this one is 31\)/);
    expect(stayProblem({ checkIn: '2026-12-08', checkOut: '2026-12-09', guests: 11 }, today)).toMatch(/Guests/);
  });

  it('today is the UTC calendar day, whatever the local time zone', () => {
    expect(utcToday(new Date('2026-12-07T23:30:00-05:00'))).toBe('2026-12-08');
  });
});

describe('the date picker', () => {
  it('first click check-in, second check-out, a click on or before check-in starts again', () => {
    const first = pickDay({ guests: 2 }, '2026-12-20');
    expect(first).toEqual({ guests: 2, checkIn: '2026-12-20' });
    const second = pickDay(first, '2026-12-23');
    expect(second).toEqual({ guests: 2, checkIn: '2026-12-20', checkOut: '2026-12-23' });
    expect(completeStay(second)).toEqual({ checkIn: '2026-12-20', checkOut: '2026-12-23', guests: 2 });
    expect(pickDay(second, '2026-12-25')).toEqual({ guests: 2, checkIn: '2026-12-25' });
    expect(pickDay(first, '2026-12-18')).toEqual({ guests: 2, checkIn: '2026-12-18' });
    expect(pickDay(first, '2026-12-20')).toEqual({ guests: 2, checkIn: '2026-12-20' });
    expect(completeStay(first)).toBeUndefined();
  });

  it("turns a day into the calendar's local Date and back without a time-zone shift", () => {
    for (const day of ['2026-12-31', '2027-03-28', '2027-10-31']) expect(dayOfDate(dateOfDay(day))).toBe(day);
  });
});

describe('the stay in the address', () => {
  it('round-trips with the API names, guests defaulting to 2', () => {
    const stay = { checkIn: '2026-12-20', checkOut: '2026-12-23', guests: 3 };
    expect(String(stayParams(stay))).toBe('check_in=2026-12-20&check_out=2026-12-23&guests=3');
    expect(stayFromParams(stayParams(stay))).toEqual(stay);
    expect(stayFromParams(new URLSearchParams('check_in=2026-12-20&check_out=2026-12-23'))?.guests).toBe(2);
    expect(stayFromParams(new URLSearchParams('check_in=2026-12-20&check_out=2026-12-23&guests=99'))?.guests).toBe(2);
    expect(stayFromParams(new URLSearchParams('check_in=2026-12-20'))).toBeUndefined();
  });

  it('reads as a guest says it', () => {
    expect(formatStay({ checkIn: '2026-12-20', checkOut: '2026-12-21', guests: 1 })).toBe('Sun, 20 Dec 2026 → Mon, 21 Dec 2026 · 1 night · 1 guest');
  });
});

describe('the date button text', () => {
  it('leaves out this year, so it fits a 390 px screen', () => {
    expect(formatDatesShort('2026-12-20', '2026-12-23', '2026-12-07')).toBe('Sun 20 Dec → Wed 23 Dec (3 nights)');
  });

  it('keeps the years of a stay that reaches into another year', () => {
    expect(formatDatesShort('2026-12-30', '2027-01-02', '2026-12-07')).toBe('30 Dec 2026 → 2 Jan 2027 (3 nights)');
  });

  it('asks for the check-out while only check-in is chosen', () => {
    expect(formatDatesShort('2026-12-20', undefined, '2026-12-07')).toBe('Sun 20 Dec → check-out?');
  });
});
