import { describe, expect, it } from 'vitest';
import { benchFigures, runBookingBench, type BookingBenchDeps, type ObservedState } from '../../../scripts/lib/bench/booking-bench.ts';
import type { Stay } from '../../../scripts/lib/bench/choose-stays.ts';
import type { Clock } from '../../../scripts/lib/wait/clock.ts';

const stays: Stay[] = Array.from({ length: 10 }, (_, i) => ({ hotelId: 1, roomTypeId: i + 1, checkIn: '2027-09-01', checkOut: '2027-09-02', freeBefore: 5 }));

/**
 * A fake booking service on a clock only sleeps move: a POST takes POST_MS, and its saga
 * ends SAGA_MS after the POST was sent; room type 9 is declined, room type 10 never ends.
 */
const POST_MS = 20;
const SAGA_MS = 300;
function fakeService() {
  let now = 1_000_000;
  const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
  const sagas = new Map<string, { endsAt: number; roomTypeId: number }>();
  const reads: string[][] = [];
  let inFlightPosts = 0;
  let mostPostsAtOnce = 0;
  let mostSagasAtOnce = 0;
  const running = () => [...sagas.values()].filter((saga) => saga.roomTypeId !== 10 && now < saga.endsAt).length;
  const deps: BookingBenchDeps = {
    clock,
    pollMs: 100,
    settleMs: 1_000,
    async post(stay) {
      if (stay.roomTypeId === 8) throw new Error('HTTP 409: sold_out');
      const sentAtMs = now;
      mostSagasAtOnce = Math.max(mostSagasAtOnce, running() + 1);
      inFlightPosts++;
      mostPostsAtOnce = Math.max(mostPostsAtOnce, inFlightPosts);
      await clock.sleep(POST_MS);
      inFlightPosts--;
      const number = String(9_000_000_000 + stay.roomTypeId);
      sagas.set(number, { endsAt: sentAtMs + SAGA_MS, roomTypeId: stay.roomTypeId });
      return { number, sentAtMs, acceptedAtMs: now };
    },
    async states(numbers) {
      reads.push(numbers);
      return numbers.map((number): ObservedState => {
        const saga = sagas.get(number)!;
        const ended = saga.roomTypeId !== 10 && now >= saga.endsAt;
        if (!ended) return { number, state: 'AUTHORIZING', reason: null, updatedAtMs: now };
        return saga.roomTypeId === 9
          ? { number, state: 'CANCELLED', reason: 'payment_declined', updatedAtMs: saga.endsAt }
          : { number, state: 'CONFIRMED', reason: null, updatedAtMs: saga.endsAt };
      });
    },
  };
  return { deps, reads, mostPostsAtOnce: () => mostPostsAtOnce, mostSagasAtOnce: () => mostSagasAtOnce };
}

describe('runBookingBench', () => {
  it('keeps exactly C bookings in flight in the closed loop: a client posts its next booking once the last one ended', async () => {
    const service = fakeService();
    const outcome = await runBookingBench(stays, { concurrency: 4, loop: 'closed' }, service.deps);
    expect(service.mostSagasAtOnce()).toBe(4);
    expect(outcome.refused).toEqual(['HTTP 409: sold_out']);
    const figures = benchFigures(outcome);
    expect(figures.confirmed).toBe(7);
    expect(figures.cancelled).toEqual({ payment_declined: 1 });
    expect(figures.latency).toMatchObject({ runs: 7, median: SAGA_MS, p99: SAGA_MS, max: SAGA_MS });
    // The fake clock is shared: the watcher's sleeps during a POST count too, so only a floor holds.
    expect(figures.accepted!.min).toBeGreaterThanOrEqual(POST_MS);
  });

  it('gives up on a booking that never ends settleMs after its POST, and its client moves on', async () => {
    const service = fakeService();
    const outcome = await runBookingBench(stays, { concurrency: 1, loop: 'closed' }, { ...service.deps, pollMs: 25 });
    expect(outcome.unfinished).toEqual(['9000000010']);
    expect(outcome.ended.map((b) => b.number)).toHaveLength(8);
    expect(service.mostSagasAtOnce()).toBe(1);
  });

  it('lets more than C sagas pile up in a burst', async () => {
    const service = fakeService();
    await runBookingBench(stays, { concurrency: 4, loop: 'burst' }, service.deps);
    expect(service.mostSagasAtOnce()).toBeGreaterThan(4);
  });

  it('times each booking from its POST to the moment it became CONFIRMED, whatever the polling interval', async () => {
    const service = fakeService();
    const outcome = await runBookingBench(stays, { concurrency: 4, loop: 'burst' }, service.deps);
    expect(service.mostPostsAtOnce()).toBe(4);
    expect(outcome.refused).toEqual(['HTTP 409: sold_out']);
    expect(outcome.unfinished).toEqual(['9000000010']);
    const figures = benchFigures(outcome);
    expect(figures.confirmed).toBe(7);
    expect(figures.cancelled).toEqual({ payment_declined: 1 });
    expect(figures.latency).toMatchObject({ runs: 7, min: SAGA_MS, median: SAGA_MS, p99: SAGA_MS, max: SAGA_MS });
    // Every client posts one after the other (20 ms each): the last CONFIRMED is 300 ms after the last confirmed POST.
    expect(figures.spanMs).toBe(outcome.ended.filter((b) => b.state === 'CONFIRMED').reduce((last, b) => Math.max(last, b.updatedAtMs), 0) - outcome.firstSentAtMs);
    expect(figures.perSecond).toBeCloseTo(7 / (figures.spanMs / 1000));
  });

  it('reads every booking in flight in one query a poll, and no booking again once it has ended', async () => {
    const service = fakeService();
    await runBookingBench(stays, { concurrency: 16, loop: 'burst' }, service.deps);
    const confirmedNumber = '9000000001';
    const readsOfIt = service.reads.filter((numbers) => numbers.includes(confirmedNumber));
    expect(readsOfIt.length).toBeGreaterThan(0);
    // Ended at 300 ms after its POST: read at most until the first poll after that.
    expect(readsOfIt.length).toBeLessThanOrEqual(SAGA_MS / 100 + 1);
    expect(Math.max(...service.reads.map((numbers) => numbers.length))).toBe(9);
  });

  it('has no figures when nothing was confirmed', () => {
    expect(benchFigures({ firstSentAtMs: 0, ended: [], unfinished: [], refused: ['HTTP 503'] })).toEqual({ confirmed: 0, cancelled: {}, perSecond: 0, spanMs: 0 });
  });
});
