/**
 * The golden path's booking: book a far-future night through HAProxy with the test card
 * that always succeeds, then time each hop from the moment the POST was sent — the 202, each
 * saga step as the booking service records it (who answered, and how long the step took by
 * the database's clock), CONFIRMED, the booked night reaching date search's index through
 * the Kafka pipeline — then cancel it, so the room comes back (refund and release run as
 * the saga's compensations). Clients come in as parameters (unit-tested with fakes).
 *
 * The PIN the 202 carries is kept in this function to cancel with, and goes nowhere else:
 * not in a hop, not in an error. The console never shows a PIN.
 */
import { describeResponse, type ApiClient } from '../platform-client/api-client.ts';
import { bookingRequest, newIdempotencyKey, TEST_CARDS, type CreatedBooking } from '../platform-client/booking-requests.ts';
import type { Stay } from '../bench/choose-stays.ts';
import { errorText } from '../text.ts';
import type { Clock } from '../wait/clock.ts';
import { notReady, ready, type ProbeResult } from '../wait/poll.ts';
import { within } from '../wait/within.ts';
import type { BookingTimeline } from './saga-reader.ts';

/**
 * The hop after CONFIRMED: the booked night's availability reaching date search through the
 * Kafka pipeline (issue 21: inventory's change events → search-indexer → the
 * `availability-<engine>` alias), timed from the POST like the others. Without a reader of
 * that index (a caller that passes none) the hop is listed as not measured, never guessed.
 */
export const AVAILABILITY_IN_SEARCH_HOP = 'availability in search';

/** One room type's night as date search's index holds it (store-clients.ts availabilityNight). */
export type ReadAvailabilityNight = (roomTypeId: number, night: string) => Promise<{ available: number } | undefined>;

/**
 * The check for the availability hop: the booked night's document shows fewer rooms free than
 * the inventory had before the booking (`stay.freeBefore`). Fewer, not exactly one fewer: a
 * guest booking the same night meanwhile must not keep the trace waiting for a count that
 * never comes; the detail says how many fewer.
 */
export function roomTakenInSearch(readNight: ReadAvailabilityNight): (stay: Stay) => Promise<ProbeResult<string>> {
  return async (stay) => {
    let night;
    try {
      night = await readNight(stay.roomTypeId, stay.checkIn);
    } catch (error) {
      return notReady(`the availability index: ${errorText(error)}`);
    }
    if (!night) return notReady(`no document for room type ${stay.roomTypeId} on ${stay.checkIn} in the availability index`);
    if (night.available >= stay.freeBefore) return notReady(`date search still shows ${night.available} rooms free (${stay.freeBefore} before the booking)`);
    const fewer = stay.freeBefore - night.available;
    return ready(`date search shows ${night.available} room${night.available === 1 ? '' : 's'} free on ${stay.checkIn}, ${fewer === 1 ? 'one' : fewer} fewer than before the booking`);
  };
}

export interface BookingHop {
  hop: string;
  result: 'ok' | 'failed' | 'not measured';
  /** Since the POST was sent, as the console saw it. */
  ms: number | null;
  participant: string | null;
  detail: string;
}

export interface BookingTrace {
  number: string | null;
  stay: Stay | null;
  hops: BookingHop[];
  /** What became of the test booking afterwards. */
  cleanup: string;
}

export interface BookingTraceDeps {
  /** With a timeout above a booking's: its POST quotes and tokenizes over gRPC and hashes a PIN before it answers. */
  api: ApiClient;
  /** A free far-future night (choose-stays.ts), read from inventory's database. */
  chooseStay: () => Promise<Stay>;
  timeline: (number: string) => Promise<BookingTimeline | undefined>;
  /**
   * The availability-in-search hop: whether date search's index already shows the stay's
   * room taken (roomTakenInSearch). Absent: the hop is reported as not measured.
   */
  availabilityInSearch?: (stay: Stay) => Promise<ProbeResult<string>>;
  clock: Clock;
  budgetMs?: number;
  pollMs?: number;
  newKey?: () => string;
}

const GUEST = { name: 'Console Trace', email: 'console-trace@example.com' };
const POST_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 500;

export async function runBookingTrace(deps: BookingTraceDeps): Promise<BookingTrace> {
  const { api, clock, budgetMs = 15_000, pollMs = 50, newKey = () => newIdempotencyKey('console-trace') } = deps;
  const failedAt = (hop: string, detail: string, stay: Stay | null = null): BookingTrace => ({ number: null, stay, hops: [{ hop, result: 'failed', ms: null, participant: null, detail }], cleanup: 'nothing was booked' });

  let stay: Stay;
  try {
    stay = await deps.chooseStay();
  } catch (error) {
    return failedAt('a free night', `inventory: ${errorText(error)}`);
  }
  const started = clock.now();
  const key = newKey();
  let response;
  try {
    // A 503 means a participant did not answer in time and nothing was booked: the API asks for a retry with
    // the same key, which the trace does a few times (a loaded laptop); the hop is timed from the first POST.
    for (let attempt = 1; ; attempt++) {
      response = await api.request('POST', '/api/bookings', bookingRequest(stay, TEST_CARDS.succeed, GUEST), { 'idempotency-key': key });
      if (response.status !== 503 || attempt === POST_ATTEMPTS) break;
      await clock.sleep(RETRY_PAUSE_MS);
    }
  } catch (error) {
    // A timeout may come after the booking service made the booking: its answer, and the PIN to cancel with, are lost.
    return {
      ...failedAt('API', `no answer through HAProxy: ${errorText(error)}`, stay),
      cleanup: `not known whether a booking was made; if it was, one room of room type ${stay.roomTypeId} on ${stay.checkIn} stays booked (the saga panel lists it)`,
    };
  }
  if (response.status !== 202) return failedAt('API', describeResponse(response), stay);
  const { number, pin, state } = response.body as CreatedBooking;
  const hops: BookingHop[] = [{ hop: 'API', result: 'ok', ms: clock.now() - started, participant: 'booking', detail: `202, booking ${number} ${state} via ${response.servedBy ?? 'unknown replica'}` }];

  // Each step as it lands in booking_steps: seen by polling, timed since the POST; its own
  // duration (since the step before) by the database's clock, which no poll interval blurs.
  const recorded = new Set<number>();
  let last: BookingTimeline | undefined;
  let previousAtMs: number | undefined;
  const probe = async (): Promise<ProbeResult<BookingTimeline>> => {
    let read;
    try {
      read = await deps.timeline(number);
    } catch (error) {
      return notReady(`the bookings database: ${errorText(error)}`);
    }
    if (!read) return notReady(`no booking ${number} in the bookings database yet`);
    last = read;
    for (const step of read.steps.filter((s) => !recorded.has(s.seq))) {
      recorded.add(step.seq);
      const took = step.atMs - (previousAtMs ?? read.createdAtMs);
      previousAtMs = step.atMs;
      hops.push({ hop: `${step.step}: ${step.outcome}`, result: 'ok', ms: clock.now() - started, participant: step.participant, detail: `${step.outcome} from ${step.participant}, ${took} ms after the step before (database clock)` });
    }
    return read.state === 'CONFIRMED' || read.state === 'CANCELLED' ? ready(read) : notReady(`${read.state}, step ${read.step}`);
  };
  try {
    const done = await within(`booking ${number} ends`, probe, { budgetMs, intervalMs: pollMs, clock });
    hops.push(done.state === 'CONFIRMED'
      ? { hop: 'CONFIRMED', result: 'ok', ms: clock.now() - started, participant: 'booking', detail: `CONFIRMED after ${recorded.size} steps` }
      : { hop: 'CONFIRMED', result: 'failed', ms: null, participant: 'booking', detail: `CANCELLED ${done.reason ?? ''}: the saga compensated (its timeline is in the saga panel)` });
  } catch (error) {
    hops.push({ hop: 'CONFIRMED', result: 'failed', ms: null, participant: 'booking', detail: errorText(error) });
  }
  hops.push(await availabilityHop(deps, stay, started, last?.state === 'CONFIRMED'));
  return { number, stay, hops, cleanup: await cancel(api, number, pin, last) };
}

async function availabilityHop(deps: BookingTraceDeps, stay: Stay, started: number, confirmed: boolean): Promise<BookingHop> {
  const hop = AVAILABILITY_IN_SEARCH_HOP;
  if (!deps.availabilityInSearch) {
    return { hop, result: 'not measured', ms: null, participant: null, detail: 'no reader of the availability index was given: nothing to time' };
  }
  // A booking that did not confirm holds no room: waiting for date search to show one taken would only time out.
  if (!confirmed) return { hop, result: 'not measured', ms: null, participant: null, detail: 'the booking did not confirm, so no room stays taken in date search' };
  const check = deps.availabilityInSearch;
  try {
    const detail = await within(`${hop} for room type ${stay.roomTypeId} on ${stay.checkIn}`, () => check(stay), { budgetMs: deps.budgetMs ?? 15_000, intervalMs: deps.pollMs ?? 50, clock: deps.clock });
    return { hop, result: 'ok', ms: deps.clock.now() - started, participant: null, detail };
  } catch (error) {
    return { hop, result: 'failed', ms: null, participant: null, detail: errorText(error) };
  }
}

/** The guest's cancel, so a trace never uses the inventory up; the PIN goes to the API only. */
async function cancel(api: ApiClient, number: string, pin: string, last: BookingTimeline | undefined): Promise<string> {
  if (last?.state === 'CANCELLED') return `booking ${number} ended CANCELLED by itself: nothing to undo`;
  if (last?.state !== 'CONFIRMED') {
    return `booking ${number} did not end within the trace (${last?.state ?? 'not read'}): not cancelled; the saga panel shows where it waits, and its deadlines end it`;
  }
  try {
    const response = await api.request('POST', `/api/bookings/${number}/cancel`, {}, { 'x-booking-pin': pin });
    // 202: the refund and the release are under way; 200: already cancelled.
    if (response.status === 202 || response.status === 200) return `booking ${number} cancelled: refund and release under way`;
    return `booking ${number} not cancelled: HTTP ${response.status}`;
  } catch (error) {
    return `booking ${number} not cancelled: ${errorText(error)}`;
  }
}
