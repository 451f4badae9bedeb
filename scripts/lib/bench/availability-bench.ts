/**
 * `npm run bench:availability` (issue 21): how soon date search follows the inventory.
 * One round, on a night set to one free room of a room type that alone in its hotel fits
 * the guests (so that room is the hotel's last for that stay):
 *   1. book it through the public API, then poll date search until the hotel is gone;
 *   2. wait for CONFIRMED, cancel through the public API, poll until the hotel is back.
 * Each step is timed from the request (what a guest sees: the saga's hold or release
 * included) and from the inventory's commit of the hold or release (holds.updated_at: the
 * pipeline alone, Debezium → Kafka → indexer → Elasticsearch's refresh → the API).
 * Side effects enter as RoundDeps, so the order and the figures are unit-tested.
 */
import type { Clock } from '../wait/clock.ts';
import { summarize, type LatencySummary } from './latency-stats.ts';

export interface BenchStay {
  hotelId: number;
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  guests: number;
}

export interface RoundDeps {
  clock: Clock;
  /** POST /api/bookings: the booking's number and PIN. */
  book(stay: BenchStay): Promise<{ number: string; pin: string }>;
  /** POST /api/bookings/:number/cancel. */
  cancel(booking: { number: string; pin: string }): Promise<void>;
  /** Whether GET /api/search with the stay's dates and guests lists the hotel. */
  listed(stay: BenchStay): Promise<boolean>;
  /** The booking's state, as the bookings database says. */
  state(number: string): Promise<string>;
  /** The booking's hold as the inventory has it: its state and when it last changed (holds.updated_at, epoch ms). */
  hold(number: string): Promise<{ state: string; updatedAtMs: number } | undefined>;
  pollMs?: number;
  /** How long one wait may last before the round fails. */
  timeoutMs?: number;
}

export interface RoundFigures {
  /** POST → gone from date search. */
  bookToGoneMs: number;
  /**
   * The hold's commit → gone; undefined when the saga had confirmed the hold before it was
   * read (updated_at then tells the confirmation, not the hold).
   */
  holdToGoneMs: number | undefined;
  /** POST cancel → back in date search. */
  cancelToBackMs: number;
  /** The release's commit → back. */
  releaseToBackMs: number;
}

export class BenchRoundError extends Error {}

export async function runAvailabilityRound(stay: BenchStay, deps: RoundDeps): Promise<RoundFigures> {
  const { clock } = deps;
  const until = async <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => {
    const started = clock.now();
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (clock.now() - started > (deps.timeoutMs ?? 30_000)) throw new BenchRoundError(`${what}: not within ${deps.timeoutMs ?? 30_000} ms`);
      await clock.sleep(deps.pollMs ?? 20);
    }
  };
  if (!(await deps.listed(stay))) throw new BenchRoundError(`hotel ${stay.hotelId} is not in date search for ${stay.checkIn} before the booking`);

  const bookedAt = clock.now();
  const booking = await deps.book(stay);
  // The hold is read while waiting: the saga confirms it moments later, which moves updated_at.
  let heldAt: number | undefined;
  const goneAt = await until(`hotel ${stay.hotelId} gone from date search after booking ${booking.number}`, async () => {
    const [listed, hold] = await Promise.all([deps.listed(stay), heldAt === undefined ? deps.hold(booking.number) : undefined]);
    if (hold?.state === 'held') heldAt = hold.updatedAtMs;
    return listed ? undefined : clock.now();
  });
  if (heldAt === undefined) {
    const hold = await deps.hold(booking.number);
    if (hold?.state === 'held') heldAt = hold.updatedAtMs;
  }
  await until(`booking ${booking.number} CONFIRMED`, async () => {
    const state = await deps.state(booking.number);
    if (state === 'CANCELLED') throw new BenchRoundError(`booking ${booking.number} was CANCELLED instead of CONFIRMED`);
    return state === 'CONFIRMED' ? state : undefined;
  });

  const cancelledAt = clock.now();
  await deps.cancel(booking);
  const backAt = await until(`hotel ${stay.hotelId} back in date search after cancelling ${booking.number}`, async () => ((await deps.listed(stay)) ? clock.now() : undefined));
  const releasedAt = await until(`the release of booking ${booking.number}`, async () => {
    const hold = await deps.hold(booking.number);
    return hold?.state === 'released' ? hold.updatedAtMs : undefined;
  });
  return {
    bookToGoneMs: goneAt - bookedAt,
    holdToGoneMs: heldAt === undefined ? undefined : goneAt - heldAt,
    cancelToBackMs: backAt - cancelledAt,
    releaseToBackMs: backAt - releasedAt,
  };
}

/** Per figure its summary; undefined for one no round measured (holdToGoneMs can miss). */
export type BenchFigures = Record<keyof RoundFigures, LatencySummary | undefined>;

export function availabilityFigures(rounds: RoundFigures[]): BenchFigures {
  const of = (key: keyof RoundFigures) => {
    const samples = rounds.map((round) => round[key]).filter((ms): ms is number => ms !== undefined);
    return samples.length === 0 ? undefined : summarize(samples);
  };
  return { bookToGoneMs: of('bookToGoneMs'), holdToGoneMs: of('holdToGoneMs'), cancelToBackMs: of('cancelToBackMs'), releaseToBackMs: of('releaseToBackMs') };
}

export interface RoomTypeRow {
  hotelId: number;
  roomTypeId: number;
  capacity: number;
}

/**
 * The room types that alone in their hotel fit their own capacity in guests: booking the
 * last room of one takes the hotel out of date search for that many guests.
 */
export function soleFits(roomTypes: RoomTypeRow[]): RoomTypeRow[] {
  return roomTypes.filter((candidate) => roomTypes.every((other) => other.roomTypeId === candidate.roomTypeId || other.hotelId !== candidate.hotelId || other.capacity < candidate.capacity));
}
