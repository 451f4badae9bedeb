/**
 * What the public API does, free of HTTP plumbing: each handler gets the parsed request and
 * returns a status and a body, or throws HttpError. Stores, participants, the saga runner,
 * the clock and the random sources are passed in, so the rules are unit-tested with fakes.
 *
 * A lookup (GET, cancel) with a wrong PIN answers exactly as one for an unknown number: the
 * same 404 and body, after the same scrypt check (against a dummy hash when the number is
 * unknown), so neither the answer nor its time tells a stranger that a number exists.
 */
import { HttpError } from '../kit/http-error.ts';
import { startSaga } from './orchestrator.ts';
import type { SagaRunner } from './saga-runner.ts';
import type { StepTimeouts } from './saga-state.ts';
import type { BookingStore } from './booking-store.ts';
import type { BookingView } from './booking-view.ts';
import { checkStay, utcDay, type BookingInput } from './booking-input.ts';
import { NUMBER_SHAPE, PIN_SHAPE, hashPin, newBookingNumber, newPin, pinMatches } from './booking-secrets.ts';
import { parseIdempotencyKey } from './idempotency-key.ts';
import type { CardVault, RoomQuotes } from './participants.ts';
import { requestHash } from './request-hash.ts';

export interface BookingHandlerDeps {
  store: BookingStore;
  quotes: RoomQuotes;
  cards: CardVault;
  runner: SagaRunner;
  timeouts: StepTimeouts;
  /** The hash an unknown number's PIN is checked against (booking-secrets.ts dummyPinHash). */
  dummyPinHash: string;
  now?: () => Date;
  newId: () => string;
  newNumber?: () => string;
  newPin?: () => string;
}

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Headers = Record<string, string | string[] | undefined>;

/** Tries for a fresh confirmation number when a random one is taken (1 in 10^9 per booking). */
const NUMBER_ATTEMPTS = 5;

export function createBookingHandlers(deps: BookingHandlerDeps) {
  const now = deps.now ?? (() => new Date());
  const makeNumber = deps.newNumber ?? (() => newBookingNumber());
  const makePin = deps.newPin ?? (() => newPin());

  async function findWithPin(number: string, pinHeader: string | string[] | undefined) {
    const pin = typeof pinHeader === 'string' ? pinHeader : undefined;
    if (pin === undefined) {
      throw new HttpError(400, 'pin_required', 'send the booking PIN in the header X-Booking-Pin', [
        { field: 'X-Booking-Pin', message: 'is required: the 6-digit PIN shown when the booking was made' },
      ]);
    }
    const found = NUMBER_SHAPE.test(number) ? await deps.store.findByNumber(number) : undefined;
    // Always one scrypt check, whatever was found, so the time says nothing either.
    const matches = await pinMatches(PIN_SHAPE.test(pin) ? pin : '', found?.pinHash ?? deps.dummyPinHash);
    if (!found || !matches || !PIN_SHAPE.test(pin)) throw noSuchBooking();
    const view = await deps.store.view(found.bookingId);
    if (!view) throw noSuchBooking();
    return { bookingId: found.bookingId, view };
  }

  return {
    async create(headers: Headers, input: BookingInput): Promise<Answer> {
      const key = parseIdempotencyKey(headers['idempotency-key']);
      if (!key.ok) throw new HttpError(400, 'validation_failed', 'the Idempotency-Key header is missing or malformed', [key.problem]);
      const problems = checkStay(input, utcDay(now()));
      if (problems.length > 0) throw new HttpError(400, 'validation_failed', 'the booking has invalid fields', problems);
      const hash = requestHash(input);

      const earlier = await sameKey(key.key, hash);
      if (earlier) return earlier;

      const quote = await deps.quotes.quote(input);
      if (quote.kind === 'unknown_hotel') throw fieldError('hotelId', `no hotel has id ${input.hotelId}`);
      if (quote.kind === 'unknown_room_type') throw fieldError('roomTypeId', `hotel ${input.hotelId} has no room type ${input.roomTypeId}`);
      // More guests than the room type sleeps never gets here: inventory's Quote refuses it
      // (INVALID_ARGUMENT naming `guests`, services/inventory/inventory-rpc.ts), which the adapter
      // turns into InvalidFieldsError, 400 with that field. A second check here could not be reached.
      if (!quote.available) {
        throw new HttpError(409, 'sold_out', `no ${quote.roomTypeName} is free for every night from ${input.checkIn} to ${input.checkOut}; try other dates or another room type`);
      }

      const card = await deps.cards.tokenize(input.card);
      if (!card.ok) throw new HttpError(400, 'validation_failed', 'the card was refused', card.fields);

      const pin = makePin();
      const pinHash = await hashPin(pin);
      const id = deps.newId();
      const booking = {
        id,
        roomTypeId: input.roomTypeId,
        checkIn: input.checkIn,
        checkOut: input.checkOut,
        totalMinor: quote.totalMinor,
        currency: quote.currency,
        cardToken: card.token,
      };
      for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
        const at = now();
        const number = makeNumber();
        const outcome = await deps.store.create(
          {
            ...booking,
            number,
            pinHash,
            idempotencyKey: key.key,
            requestHash: hash,
            hotelId: input.hotelId,
            guests: input.guests,
            guestName: input.guest.name,
            guestEmail: input.guest.email,
          },
          startSaga(booking, at, deps.timeouts),
          at,
        );
        if (outcome.kind === 'created') {
          const view = await deps.store.view(id);
          if (!view) throw new Error(`booking ${number} vanished right after it was created`);
          // The PIN is shown here, once; the database keeps only its hash.
          return { status: 202, body: { ...view, pin }, headers: { Location: `/api/bookings/${number}` } };
        }
        if (outcome.kind === 'key_taken') {
          // A concurrent request with the same key won the insert.
          const raced = await sameKey(key.key, hash);
          if (raced) return raced;
        }
      }
      throw new Error(`no free confirmation number after ${NUMBER_ATTEMPTS} tries`);
    },

    async get(number: string, headers: Headers): Promise<Answer> {
      const found = await findWithPin(number, headers['x-booking-pin']);
      return { status: 200, body: found.view };
    },

    async cancel(number: string, headers: Headers): Promise<Answer> {
      const found = await findWithPin(number, headers['x-booking-pin']);
      const { state, reason } = found.view;
      if (state === 'CANCELLED' || (state === 'COMPENSATING' && reason === 'guest_cancelled')) {
        return { status: 200, body: found.view };
      }
      if (state !== 'CONFIRMED') {
        throw new HttpError(
          409,
          state === 'COMPENSATING' ? 'booking_cancelling' : 'booking_in_progress',
          state === 'COMPENSATING'
            ? 'this booking is already being cancelled by the system; read it again in a few seconds'
            : `this booking is still ${state}: it can be cancelled once CONFIRMED; read it again in a few seconds`,
        );
      }
      await deps.runner.advance(found.bookingId, { kind: 'guest_cancel' });
      return { status: 202, body: (await deps.store.view(found.bookingId)) ?? found.view };
    },
  };

  /** The answer for a retry under a key already used: the same booking, or 422 for another body. */
  async function sameKey(key: string, hash: string): Promise<Answer | undefined> {
    const earlier = await deps.store.findByIdempotencyKey(key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== hash) {
      throw new HttpError(
        422,
        'idempotency_key_reused',
        'this Idempotency-Key was used for a different booking request; send a new key for a new booking, or the same body to retry',
      );
    }
    // The PIN was shown once, in the first answer; a retry gets the booking without it.
    return { status: 200, body: earlier.view satisfies BookingView, headers: { Location: `/api/bookings/${earlier.view.number}` } };
  }
}

export type BookingHandlers = ReturnType<typeof createBookingHandlers>;

function fieldError(field: string, message: string): HttpError {
  return new HttpError(400, 'validation_failed', 'the booking has invalid fields', [{ field, message }]);
}

/** The one answer for an unknown number and for a wrong PIN. */
export function noSuchBooking(): HttpError {
  return new HttpError(404, 'booking_not_found', 'no booking matches this number and PIN');
}
