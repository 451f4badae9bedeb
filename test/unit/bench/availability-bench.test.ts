import { describe, expect, it } from 'vitest';
import { availabilityFigures, BenchRoundError, runAvailabilityRound, soleFits, type RoundDeps } from '../../../scripts/lib/bench/availability-bench.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const stay = { hotelId: 2, roomTypeId: 4, checkIn: '2027-10-01', checkOut: '2027-10-02', guests: 4 };

/**
 * A stack in a script: the booking's hold commits at +40 ms and search drops the hotel 300 ms
 * after it; the saga confirms at +600 ms; the release commits 50 ms after the cancel and search
 * shows the hotel again 250 ms later.
 */
function fakeStack(clock: ReturnType<typeof fakeClock>, options: { confirm?: 'CONFIRMED' | 'CANCELLED' } = {}) {
  const calls: string[] = [];
  let bookedAt: number | undefined;
  let cancelledAt: number | undefined;
  const deps: RoundDeps = {
    clock,
    pollMs: 10,
    timeoutMs: 5_000,
    async book() {
      calls.push('book');
      bookedAt = clock.now();
      return { number: '1234567890', pin: '000000' };
    },
    async cancel() {
      calls.push('cancel');
      cancelledAt = clock.now();
    },
    async listed() {
      if (cancelledAt !== undefined) return clock.now() >= cancelledAt + 300;
      return bookedAt === undefined || clock.now() < bookedAt + 340;
    },
    async state() {
      return bookedAt !== undefined && clock.now() >= bookedAt + 600 ? (options.confirm ?? 'CONFIRMED') : 'AUTHORIZING';
    },
    async hold() {
      if (cancelledAt !== undefined) return clock.now() >= cancelledAt + 50 ? { state: 'released', updatedAtMs: cancelledAt + 50 } : { state: 'confirmed', updatedAtMs: bookedAt! + 500 };
      if (bookedAt === undefined || clock.now() < bookedAt + 40) return undefined;
      return clock.now() < bookedAt + 500 ? { state: 'held', updatedAtMs: bookedAt + 40 } : { state: 'confirmed', updatedAtMs: bookedAt + 500 };
    },
  };
  return { deps, calls };
}

describe('runAvailabilityRound', () => {
  it('times booking → gone and cancel → back, from the request and from the inventory\'s commit', async () => {
    const clock = fakeClock();
    const { deps, calls } = fakeStack(clock);
    const figures = await runAvailabilityRound(stay, deps);
    expect(calls).toEqual(['book', 'cancel']);
    expect(figures).toEqual({ bookToGoneMs: 340, holdToGoneMs: 300, cancelToBackMs: 300, releaseToBackMs: 250 });
  });

  it('fails the round when the booking is not CONFIRMED, or search never drops the hotel', async () => {
    const cancelled = fakeStack(fakeClock(), { confirm: 'CANCELLED' });
    await expect(runAvailabilityRound(stay, cancelled.deps)).rejects.toThrow('booking 1234567890 was CANCELLED instead of CONFIRMED');
    const stuck = fakeStack(fakeClock());
    stuck.deps.listed = async () => true;
    await expect(runAvailabilityRound(stay, stuck.deps)).rejects.toThrow(BenchRoundError);
  });

  it('refuses to start when the hotel is not in date search before the booking', async () => {
    const { deps, calls } = fakeStack(fakeClock());
    deps.listed = async () => false;
    await expect(runAvailabilityRound(stay, deps)).rejects.toThrow('hotel 2 is not in date search for 2027-10-01 before the booking');
    expect(calls).toEqual([]);
  });
});

describe('availabilityFigures and soleFits', () => {
  it('summarises each figure over the rounds; a hold never seen held leaves that figure out', () => {
    const figures = availabilityFigures([
      { bookToGoneMs: 400, holdToGoneMs: undefined, cancelToBackMs: 300, releaseToBackMs: 200 },
      { bookToGoneMs: 600, holdToGoneMs: 350, cancelToBackMs: 500, releaseToBackMs: 250 },
    ]);
    expect(figures.bookToGoneMs).toMatchObject({ runs: 2, median: 400, p99: 600 });
    expect(figures.holdToGoneMs).toMatchObject({ runs: 1, median: 350 });
  });

  it('picks room types that alone in their hotel take their capacity in guests', () => {
    const types = [
      { hotelId: 1, roomTypeId: 1, capacity: 2 },
      { hotelId: 1, roomTypeId: 2, capacity: 4 },
      { hotelId: 2, roomTypeId: 3, capacity: 2 },
      { hotelId: 2, roomTypeId: 4, capacity: 2 },
    ];
    expect(soleFits(types).map((t) => t.roomTypeId)).toEqual([2]);
  });
});
