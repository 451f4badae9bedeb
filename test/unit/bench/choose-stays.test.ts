import { describe, expect, it } from 'vitest';
import { addDays, chooseStays, utcToday, type FreeNight } from '../../../scripts/lib/bench/choose-stays.ts';
import { UserError } from '../../../scripts/lib/errors.ts';

/** Room types 1 and 2 of hotel 1, and 3 of hotel 2, over three nights; room type 2 has a night with one room left. */
function inventory(): FreeNight[] {
  const nights = ['2027-09-01', '2027-09-02', '2027-09-03'];
  return [1, 2, 3].flatMap((roomTypeId) =>
    nights.map((night) => ({ hotelId: roomTypeId < 3 ? 1 : 2, roomTypeId, capacity: 2, night, available: roomTypeId === 2 && night === '2027-09-03' ? 1 : 5 })),
  );
}

describe('chooseStays', () => {
  it('deals the latest nights round-robin over the room types, each room-type night once, and says how', () => {
    const { stays, description } = chooseStays(inventory(), 5);
    expect(stays.map((s) => `${s.roomTypeId}@${s.checkIn}`)).toEqual(['1@2027-09-03', '2@2027-09-02', '3@2027-09-03', '1@2027-09-02', '2@2027-09-01']);
    expect(stays[0]).toEqual({ hotelId: 1, roomTypeId: 1, checkIn: '2027-09-03', checkOut: '2027-09-04', freeBefore: 5 });
    expect(new Set(stays.map((s) => `${s.roomTypeId}@${s.checkIn}`)).size).toBe(5);
    expect(description).toBe(
      '5 one-night stays over 3 room types of 2 hotels, nights 2027-09-01 to 2027-09-03 (latest nights first, each room type\'s night at most once, every night with 5 or more rooms free before)',
    );
  });

  it('never takes a night with fewer than two rooms free: the run leaves one', () => {
    const stays = chooseStays(inventory(), 8).stays;
    expect(stays).toHaveLength(8);
    expect(stays.find((s) => s.roomTypeId === 2 && s.checkIn === '2027-09-03')).toBeUndefined();
  });

  it('refuses, with the fix, when the window has fewer free nights than bookings', () => {
    const error = (() => {
      try {
        chooseStays(inventory(), 9);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe('only 8 room-type nights have 2 or more rooms free in the window asked for, and 9 stays were needed');
    expect((error as UserError).fix).toContain('--count');
  });

  it('adds days across months and years in UTC', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-07', 300)).toBe('2027-10-03');
    // Late evening west of UTC is already tomorrow on the stack's calendar.
    expect(utcToday(new Date('2026-12-07T23:30:00-05:00'))).toBe('2026-12-08');
  });
});
