import { describe, expect, it } from 'vitest';
import type { Stay } from '../../../scripts/lib/bench/choose-stays.ts';
import { AVAILABILITY_IN_SEARCH_HOP, roomTakenInSearch, runBookingTrace, type BookingTraceDeps } from '../../../scripts/lib/console/booking-trace.ts';
import type { BookingTimeline } from '../../../scripts/lib/console/saga-reader.ts';
import type { ApiClient, ApiResponse } from '../../../scripts/lib/platform-client/api-client.ts';
import { ready } from '../../../scripts/lib/wait/poll.ts';
import { fakeClock } from '../helpers/fake-clock.ts';

const PIN = '482913';
const NUMBER = '4400000001';
const STAY: Stay = { hotelId: 3, roomTypeId: 7, checkIn: '2027-08-20', checkOut: '2027-08-21', freeBefore: 4 };
const CONFIRMING: Array<[string, string, string, number]> = [
  ['hold_rooms', 'requested', 'booking', 0],
  ['hold_rooms', 'RoomsHeld', 'inventory', 100],
  ['authorize_payment', 'PaymentAuthorized', 'payment', 250],
  ['confirm_hold', 'HoldConfirmed', 'inventory', 400],
  ['capture_payment', 'PaymentCaptured', 'payment', 600],
];

/** The stack as the trace sees it: each step lands in booking_steps at its time after the POST. */
function fakeStack(options: { steps?: typeof CONFIRMING; final?: { state: string; reason: string | null; afterMs: number }; create?: ApiResponse } = {}) {
  const clock = fakeClock(0);
  const calls: Array<{ method: string; path: string; headers: Record<string, string> | undefined; body: unknown }> = [];
  const plan = options.steps ?? CONFIRMING;
  const final = options.final ?? { state: 'CONFIRMED', reason: null, afterMs: 600 };
  const api: ApiClient = {
    async request(method, path, body, headers) {
      calls.push({ method, path, headers, body });
      if (path === '/api/bookings') return options.create ?? { status: 202, body: { number: NUMBER, pin: PIN, state: 'HOLDING' }, servedBy: 'booking-1' };
      return { status: 202, body: { number: NUMBER, state: 'COMPENSATING' }, servedBy: 'booking-1' };
    },
  };
  const timeline = async (number: string): Promise<BookingTimeline | undefined> => {
    if (number !== NUMBER) return undefined;
    const now = clock.now();
    const landed = plan.filter(([, , , at]) => at <= now);
    const done = now >= final.afterMs;
    return {
      state: done ? final.state : 'HOLDING',
      step: done ? 'done' : 'hold_rooms',
      reason: done ? final.reason : null,
      createdAtMs: 0,
      steps: landed.map(([step, outcome, participant, at], i) => ({ seq: i + 1, step, outcome, participant, atMs: at })),
    };
  };
  const deps: BookingTraceDeps = { api, clock, chooseStay: async () => STAY, timeline, budgetMs: 5_000, pollMs: 50, newKey: () => 'console-trace-key-0001' };
  return { deps, calls };
}

describe('runBookingTrace', () => {
  it('books through the API, times each saga step and CONFIRMED from the POST, then cancels with the PIN', async () => {
    const { deps, calls } = fakeStack();
    const trace = await runBookingTrace(deps);
    expect(trace.number).toBe(NUMBER);
    expect(trace.hops.map((h) => [h.hop, h.result, h.participant])).toEqual([
      ['API', 'ok', 'booking'],
      ['hold_rooms: requested', 'ok', 'booking'],
      ['hold_rooms: RoomsHeld', 'ok', 'inventory'],
      ['authorize_payment: PaymentAuthorized', 'ok', 'payment'],
      ['confirm_hold: HoldConfirmed', 'ok', 'inventory'],
      ['capture_payment: PaymentCaptured', 'ok', 'payment'],
      ['CONFIRMED', 'ok', 'booking'],
      [AVAILABILITY_IN_SEARCH_HOP, 'not measured', null],
    ]);
    const ms = trace.hops.map((h) => h.ms);
    expect(ms.slice(0, 7).every((m, i) => m !== null && (i === 0 || m >= ms[i - 1]!))).toBe(true);
    expect(ms[5]).toBeGreaterThanOrEqual(600);
    expect(ms[7]).toBeNull();
    expect(trace.hops[3]!.detail).toBe('PaymentAuthorized from payment, 150 ms after the step before (database clock)');
    expect(calls[0]).toMatchObject({ method: 'POST', path: '/api/bookings', headers: { 'idempotency-key': 'console-trace-key-0001' }, body: { hotelId: 3, roomTypeId: 7, checkIn: '2027-08-20', checkOut: '2027-08-21' } });
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: `/api/bookings/${NUMBER}/cancel`, headers: { 'x-booking-pin': PIN } });
    expect(trace.cleanup).toBe(`booking ${NUMBER} cancelled: refund and release under way`);
  });

  it('never returns the PIN', async () => {
    const { deps } = fakeStack();
    expect(JSON.stringify(await runBookingTrace(deps))).not.toContain(PIN);
  });

  it('shows a cancelled saga as a failed CONFIRMED hop with its reason, and has nothing to undo', async () => {
    const { deps, calls } = fakeStack({
      steps: [['hold_rooms', 'requested', 'booking', 0], ['hold_rooms', 'HoldRefused', 'inventory', 80]],
      final: { state: 'CANCELLED', reason: 'sold_out', afterMs: 80 },
    });
    const trace = await runBookingTrace(deps);
    expect(trace.hops.find((h) => h.hop === 'CONFIRMED')).toMatchObject({ result: 'failed', ms: null, detail: expect.stringContaining('CANCELLED sold_out') });
    expect(trace.cleanup).toBe(`booking ${NUMBER} ended CANCELLED by itself: nothing to undo`);
    expect(calls.map((c) => c.path)).toEqual(['/api/bookings']);
  });

  it('names the step the saga waits in when it does not end within the budget, and does not cancel', async () => {
    const { deps, calls } = fakeStack({ steps: CONFIRMING.slice(0, 2), final: { state: 'CONFIRMED', reason: null, afterMs: Infinity } });
    const trace = await runBookingTrace(deps);
    expect(trace.hops.find((h) => h.hop === 'CONFIRMED')!.detail).toContain(`booking ${NUMBER} ends: not ready after 5.0 s; last error: HOLDING, step hold_rooms`);
    expect(trace.cleanup).toContain('not cancelled');
    expect(calls).toHaveLength(1);
  });

  it('stops at the API when the booking is refused', async () => {
    const { deps } = fakeStack({ create: { status: 409, body: { error: 'sold_out' }, servedBy: 'booking-2' } });
    expect(await runBookingTrace(deps)).toEqual({
      number: null,
      stay: STAY,
      hops: [{ hop: 'API', result: 'failed', ms: null, participant: null, detail: 'HTTP 409 from booking-2: {"error":"sold_out"}' }],
      cleanup: 'nothing was booked',
    });
  });

  it('retries a 503 with the same key, as the API asks, and times the hop from the first POST', async () => {
    const { deps, calls } = fakeStack();
    let refusals = 2;
    const api: ApiClient = {
      request: async (method, path, body, headers) => {
        if (path === '/api/bookings' && refusals-- > 0) {
          calls.push({ method, path, headers, body });
          return { status: 503, body: { error: { code: 'dependency_unavailable' } }, servedBy: 'booking' };
        }
        return deps.api.request(method, path, body, headers);
      },
    };
    const trace = await runBookingTrace({ ...deps, api });
    expect(calls.filter((c) => c.path === '/api/bookings').map((c) => c.headers?.['idempotency-key'])).toEqual(Array(3).fill('console-trace-key-0001'));
    expect(trace.hops[0]).toMatchObject({ hop: 'API', result: 'ok', ms: 1_000 });
    expect(trace.hops.find((h) => h.hop === 'CONFIRMED')?.result).toBe('ok');
  });

  it('says a lost answer may have left a booking, and on which night', async () => {
    const { deps } = fakeStack();
    const trace = await runBookingTrace({ ...deps, api: { request: async () => Promise.reject(new Error('The operation was aborted due to timeout')) } });
    expect(trace.hops).toEqual([{ hop: 'API', result: 'failed', ms: null, participant: null, detail: 'no answer through HAProxy: The operation was aborted due to timeout' }]);
    expect(trace.cleanup).toBe('not known whether a booking was made; if it was, one room of room type 7 on 2027-08-20 stays booked (the saga panel lists it)');
  });

  it('times the availability-in-search hop once a check for it is given', async () => {
    const { deps } = fakeStack();
    const trace = await runBookingTrace({ ...deps, availabilityInSearch: async (stay) => ready(`room type ${stay.roomTypeId} one room fewer in date search`) });
    expect(trace.hops.at(-1)).toMatchObject({ hop: AVAILABILITY_IN_SEARCH_HOP, result: 'ok', detail: 'room type 7 one room fewer in date search' });
  });

  it("times the booked night reaching date search's index from the POST, after CONFIRMED", async () => {
    const { deps } = fakeStack();
    const reads: Array<[number, string]> = [];
    // The indexer writes the night one room fewer 900 ms after the POST (CONFIRMED is at 600).
    const readNight = async (roomTypeId: number, night: string) => {
      reads.push([roomTypeId, night]);
      return { available: deps.clock.now() >= 900 ? 3 : 4 };
    };
    const trace = await runBookingTrace({ ...deps, availabilityInSearch: roomTakenInSearch(readNight) });
    const hop = trace.hops.at(-1)!;
    expect(hop).toMatchObject({ hop: AVAILABILITY_IN_SEARCH_HOP, result: 'ok', participant: null, detail: 'date search shows 3 rooms free on 2027-08-20, one fewer than before the booking' });
    expect(hop.ms).toBeGreaterThanOrEqual(900);
    expect(hop.ms).toBeLessThan(1_000);
    expect(hop.ms).toBeGreaterThanOrEqual(trace.hops.find((h) => h.hop === 'CONFIRMED')!.ms!);
    expect(new Set(reads.map(([roomTypeId, night]) => `${roomTypeId} ${night}`))).toEqual(new Set(['7 2027-08-20']));
  });

  it('fails the availability hop with what the index last showed when the night never drops', async () => {
    const { deps } = fakeStack();
    const trace = await runBookingTrace({ ...deps, availabilityInSearch: roomTakenInSearch(async () => ({ available: 4 })) });
    expect(trace.hops.at(-1)).toMatchObject({ hop: AVAILABILITY_IN_SEARCH_HOP, result: 'failed', ms: null, detail: expect.stringContaining('date search still shows 4 rooms free (4 before the booking)') });
    // The cancel still runs: the trace never leaves its room taken.
    expect(trace.cleanup).toBe(`booking ${NUMBER} cancelled: refund and release under way`);
  });

  it('does not wait on date search for a booking that did not confirm', async () => {
    const { deps } = fakeStack({ steps: [['hold_rooms', 'requested', 'booking', 0], ['hold_rooms', 'HoldRefused', 'inventory', 80]], final: { state: 'CANCELLED', reason: 'sold_out', afterMs: 80 } });
    let reads = 0;
    const trace = await runBookingTrace({ ...deps, availabilityInSearch: roomTakenInSearch(async () => (reads++, { available: 4 })) });
    expect(trace.hops.at(-1)).toMatchObject({ hop: AVAILABILITY_IN_SEARCH_HOP, result: 'not measured', ms: null });
    expect(reads).toBe(0);
  });
});

describe('roomTakenInSearch', () => {
  const stay = STAY;
  it('is ready once the night shows fewer rooms than before the booking, and says how many fewer', async () => {
    expect(await roomTakenInSearch(async () => ({ available: 3 }))(stay)).toEqual(ready('date search shows 3 rooms free on 2027-08-20, one fewer than before the booking'));
    expect(await roomTakenInSearch(async () => ({ available: 1 }))(stay)).toEqual(ready('date search shows 1 room free on 2027-08-20, 3 fewer than before the booking'));
  });

  it('waits, saying why, while the night is unchanged, missing, or the index does not answer', async () => {
    expect(await roomTakenInSearch(async () => ({ available: 4 }))(stay)).toEqual({ ready: false, reason: 'date search still shows 4 rooms free (4 before the booking)' });
    expect(await roomTakenInSearch(async () => undefined)(stay)).toEqual({ ready: false, reason: 'no document for room type 7 on 2027-08-20 in the availability index' });
    expect(await roomTakenInSearch(async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9200')))(stay)).toEqual({ ready: false, reason: 'the availability index: connect ECONNREFUSED 127.0.0.1:9200' });
  });
});
