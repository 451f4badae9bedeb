/**
 * The booking saga in the smoke test (issue 20), as timed steps after the golden path: a booking
 * with the test card that always succeeds reaches CONFIRMED through hold, authorize, confirm and
 * capture; one with the card that always declines ends CANCELLED payment_declined, and its
 * room-type night has as many rooms free as before it (the hold was released).
 *
 * The bookings are read through HAProxy with their PIN. A read of one's own booking answers 200,
 * and HAProxy's stick table counts only the lookups that answer 404 toward its limit (5 in 10 s);
 * all lookups together are capped at 1000 in 10 s, far above this poll (one read per 100 ms).
 * The free rooms are read from inventory's database (saga-stores.ts says why).
 */
import { addDays, chooseStays, type Stay } from '../lib/bench/choose-stays.ts';
import { describeResponse, type ApiClient } from '../lib/platform-client/api-client.ts';
import { bookingRequest, cardEnding, TEST_CARDS, type BookingRead, type CreatedBooking } from '../lib/platform-client/booking-requests.ts';
import type { SagaStores } from '../lib/platform-client/saga-stores.ts';
import { abort, notReady, ready } from '../lib/wait/poll.ts';
import { StepFailure, withinStep, type StepRunner } from './step-runner.ts';

export interface BookingPathDeps {
  api: ApiClient;
  runner: StepRunner;
  stores: Pick<SagaStores, 'freeNights' | 'available'>;
  /** Today, YYYY-MM-DD (UTC). */
  today: string;
  newKey: () => string;
  now?: () => number;
  /** Scales every wait budget (tests use a small one). */
  budgetScale?: number;
}

export interface BookingPathOutcome {
  /** The confirmed booking, for the cleanup to cancel (refund and release its room). */
  confirmed?: CreatedBooking;
}

/** The window the smoke's nights come from: the far end of the sample's 365 nights. */
const WINDOW = { fromDay: 300, toDay: 400 };
const SAGA_HINT = '`npm run status` shows the outbox connectors (outbox-*) and the booking, inventory and payment services; `npm run logs booking inventory payment` shows a stuck step';

export async function runBookingPath(deps: BookingPathDeps): Promise<BookingPathOutcome> {
  const { api, runner: r } = deps;
  const now = deps.now ?? (() => performance.now());
  const budget = (ms: number) => Math.round(ms * (deps.budgetScale ?? 1));
  const outcome: BookingPathOutcome = {};

  const stays = await r.step('inventory: two free far-future nights', async () => {
    const nights = await deps.stores.freeNights(addDays(deps.today, WINDOW.fromDay), addDays(deps.today, WINDOW.toDay), 2);
    if (new Set(nights.map((n) => n.roomTypeId)).size < 2) {
      throw new StepFailure(
        'two room types with 2 or more rooms free on a night 300 days or more ahead',
        `${nights.length} such night(s)`,
        'db-setup loads 365 nights of sample inventory on first up; `npm run reset` then `npm run up` loads it afresh',
      );
    }
    const [confirm, decline] = chooseStays(nights, 2).stays as [Stay, Stay];
    return { value: { confirm, decline }, detail: `room types ${confirm.roomTypeId} and ${decline.roomTypeId}, nights ${confirm.checkIn} and ${decline.checkIn}` };
  });
  if (!stays) return outcome;

  const confirmed = await r.step(`POST /api/bookings (card ${cardEnding(TEST_CARDS.succeed)})`, async () => {
    const created = await postBooking(stays.confirm, TEST_CARDS.succeed);
    outcome.confirmed = created.booking;
    return { value: created, detail: `number ${created.booking.number}, ${created.booking.state}` };
  });
  if (!confirmed) return outcome;

  await r.step('booking CONFIRMED', async () => {
    const done = await settled(api, confirmed.booking, budget(15_000));
    if (done.state !== 'CONFIRMED') throw new StepFailure('CONFIRMED', `${done.state} ${done.reason ?? ''}: ${outcomes(done)}`, hintFor(done.reason));
    return { value: done, detail: `${Math.round(now() - confirmed.at)} ms after POST: ${outcomes(done)}` };
  });

  const declineNight = { roomTypeId: stays.decline.roomTypeId, night: stays.decline.checkIn };
  const freeBefore = await r.step('free rooms before the declined booking', async () => {
    const free = await deps.stores.available(declineNight.roomTypeId, declineNight.night);
    if (free === undefined) throw new StepFailure(`a night ${declineNight.night} of room type ${declineNight.roomTypeId}`, 'no such night', 'the sample inventory changed under the smoke; run it again');
    return { value: free, detail: `${free} free on ${declineNight.night}` };
  });

  const declined = await r.step(`POST /api/bookings (declining card ${cardEnding(TEST_CARDS.decline)})`, async () => {
    const created = await postBooking(stays.decline, TEST_CARDS.decline);
    return { value: created, detail: `number ${created.booking.number}, ${created.booking.state}` };
  });
  if (!declined || freeBefore === undefined) return outcome;

  await r.step('declined booking CANCELLED payment_declined', async () => {
    const done = await settled(api, declined.booking, budget(15_000));
    if (done.state !== 'CANCELLED' || done.reason !== 'payment_declined') {
      throw new StepFailure('CANCELLED payment_declined', `${done.state} ${done.reason ?? ''}: ${outcomes(done)}`, hintFor(done.reason));
    }
    return { value: done, detail: `${Math.round(now() - declined.at)} ms after POST: ${outcomes(done)}` };
  });

  await r.step('its rooms released', async () => {
    const free = await withinStep('rooms released', async () => {
      const after = await deps.stores.available(declineNight.roomTypeId, declineNight.night);
      return after === freeBefore ? ready(after) : notReady(`${after ?? 'no'} room(s) free on ${declineNight.night}, ${freeBefore} before the booking`);
    }, {
      expected: `${freeBefore} rooms free on ${declineNight.night} for room type ${declineNight.roomTypeId}, as before the booking`,
      budgetMs: budget(3_000),
      hint: 'the saga ended but inventory kept the hold: `npm run logs inventory` (ReleaseHold handled?), and `npm run verify:bookings` lists holds without a live booking',
    });
    return { value: free, detail: `${free} free before and after` };
  });

  return outcome;

  async function postBooking(stay: Stay, card: string) {
    const at = now();
    const response = await api.request('POST', '/api/bookings', bookingRequest(stay, card), { 'idempotency-key': deps.newKey() });
    if (response.status !== 202) {
      throw new StepFailure('HTTP 202 with a number and a PIN', describeResponse(response), 'see `npm run logs booking`; a 503 names the participant that did not answer');
    }
    return { booking: response.body as CreatedBooking, at };
  }
}

/** Reads the booking through HAProxy until its saga has ended (CONFIRMED or CANCELLED). */
function settled(api: ApiClient, booking: CreatedBooking, budgetMs: number): Promise<BookingRead> {
  return withinStep(`booking ${booking.number} ends`, async () => {
    const response = await api.request('GET', `/api/bookings/${booking.number}`, undefined, { 'x-booking-pin': booking.pin });
    if (response.status === 429) return abort(new StepFailure('a read of the booking', describeResponse(response), 'HAProxy limits this address after 5 lookups that answered 404 in 10 s: wait 10 s and run the smoke again'));
    if (response.status !== 200) return notReady(describeResponse(response));
    const read = response.body as BookingRead;
    return read.state === 'CONFIRMED' || read.state === 'CANCELLED' ? ready(read) : notReady(`${read.state}, step ${read.step}: ${outcomes(read)}`);
  }, { expected: 'the saga ends (CONFIRMED or CANCELLED)', budgetMs, intervalMs: 100, hint: SAGA_HINT });
}

function outcomes(read: BookingRead): string {
  return read.steps.map((s) => s.outcome).join(' → ');
}

function hintFor(reason: string | null): string {
  switch (reason) {
    case 'sold_out':
      return 'the night was taken between choosing and booking (another client booking the far future?); run the smoke again';
    case 'payment_declined':
      return 'the succeeding test card was declined: payment\'s test cards (services/payment/test-cards.ts) are not what the smoke sends';
    case 'payment_timeout':
    case 'timeout':
      return `a participant answered after the step deadline: ${SAGA_HINT}`;
    default:
      return SAGA_HINT;
  }
}
