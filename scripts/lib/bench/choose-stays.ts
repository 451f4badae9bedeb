/**
 * Which stays smoke and bench:bookings book, chosen from the inventory's free nights so a
 * run never sells out the sample inventory nor competes with itself: one-night stays at the
 * far end of the 365 nights (where the e2e tests, which book a few weeks ahead, never go),
 * dealt round-robin over every room type, each room type's night at most once per run,
 * and only nights with a room to spare afterwards.
 */
import { UserError } from '../errors.ts';

export interface FreeNight {
  hotelId: number;
  roomTypeId: number;
  capacity: number;
  /** YYYY-MM-DD (UTC). */
  night: string;
  available: number;
}

export interface Stay {
  hotelId: number;
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  /** Free rooms on that night before the run. */
  freeBefore: number;
}

export interface StayChoice {
  stays: Stay[];
  /** How they were chosen, in one line for the output. */
  description: string;
}

/** A night is a candidate only with this many rooms free: the run leaves at least one. */
export const MIN_FREE_ROOMS = 2;

export function chooseStays(nights: FreeNight[], count: number): StayChoice {
  const byRoomType = new Map<number, FreeNight[]>();
  for (const night of nights.filter((n) => n.available >= MIN_FREE_ROOMS)) {
    byRoomType.set(night.roomTypeId, [...(byRoomType.get(night.roomTypeId) ?? []), night]);
  }
  // Latest night first within a room type; room types in id order.
  const columns = [...byRoomType.entries()].sort(([a], [b]) => a - b).map(([, list]) => list.sort((a, b) => b.night.localeCompare(a.night)));
  const candidates = columns.reduce((sum, list) => sum + list.length, 0);
  if (candidates < count) {
    throw new UserError(
      `only ${candidates} room-type nights have ${MIN_FREE_ROOMS} or more rooms free in the window asked for, and ${count} stays were needed`,
      'ask for fewer bookings (--count), or `npm run reset` then `npm run up` for a fresh sample inventory',
    );
  }
  const chosen: FreeNight[] = [];
  for (let round = 0; chosen.length < count; round++) {
    for (const list of columns) {
      const night = list[round];
      if (night && chosen.length < count) chosen.push(night);
    }
  }
  const stays = chosen.map((n) => ({ hotelId: n.hotelId, roomTypeId: n.roomTypeId, checkIn: n.night, checkOut: nextDay(n.night), freeBefore: n.available }));
  return { stays, description: describeChoice(chosen) };
}

function describeChoice(chosen: FreeNight[]): string {
  if (chosen.length === 0) return 'no stays';
  const sorted = chosen.map((n) => n.night).sort();
  const roomTypes = new Set(chosen.map((n) => n.roomTypeId)).size;
  const hotels = new Set(chosen.map((n) => n.hotelId)).size;
  const fewest = Math.min(...chosen.map((n) => n.available));
  return (
    `${chosen.length} one-night stays over ${roomTypes} room types of ${hotels} hotels, nights ${sorted[0]} to ${sorted[sorted.length - 1]} ` +
    `(latest nights first, each room type's night at most once, every night with ${fewest} or more rooms free before)`
  );
}

/** Today as YYYY-MM-DD in UTC: the stack's one calendar (inventory's nights and the booking API's dates are UTC days). */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** YYYY-MM-DD plus `days`, in UTC. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return addDays(day, 1);
}
