/**
 * `npm run bench:availability -- [--rounds N]`: how soon a booking of a hotel's last room
 * takes it out of date search, and a cancel brings it back (issue 21; the rounds and what
 * each figure covers: scripts/lib/bench/availability-bench.ts). Prints p50 and p99 of
 * each over N rounds (default 10).
 *
 * Each round takes one far-off night (300 days ahead and on, past the e2e tests' and
 * bench:bookings' early nights) of a room type that alone in its hotel fits its capacity
 * in guests, and sets that night to one free room with the inventory's own account (an
 * UPDATE Debezium carries to search like any other): the booking then takes the hotel's
 * last room for that stay. The night gets its free rooms back after the round, whatever
 * happened. The booking goes through the public API with the succeeding test card and is
 * cancelled (refunded, released) in the round.
 */
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { UserError } from '../lib/errors.ts';
import { addDays, utcToday } from '../lib/bench/choose-stays.ts';
import { availabilityFigures, runAvailabilityRound, soleFits, type BenchStay, type RoundFigures } from '../lib/bench/availability-bench.ts';
import type { LatencySummary } from '../lib/bench/latency-stats.ts';
import { createApiClient, describeResponse } from '../lib/platform-client/api-client.ts';
import { bookingRequest, newIdempotencyKey, TEST_CARDS, type CreatedBooking } from '../lib/platform-client/booking-requests.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createOutput } from '../lib/ui/output.ts';
import { realClock } from '../lib/wait/clock.ts';

const usage = 'npm run bench:availability -- [--rounds N]   (N from 1 to 50, default 10)';
/** The first night a round may use, in days from today; each round takes the next one. */
const FIRST_DAY = 300;

export const command = defineCommand({
  summary: "date search's freshness: a booking of a hotel's last room until search drops it, a cancel until it is back (p50/p99)",
  usage,
  options: { rounds: { type: 'string', value: 'N', description: 'rounds, 1 to 50 (default 10)' } },
  run: async ({ values }) => bench(wholeNumberOption(values.rounds, { option: 'rounds', min: 1, max: 50, fallback: 10 }, usage)),
});

async function bench(rounds: number): Promise<void> {
  const out = createOutput();
  const { settings } = loadClientSettings();
  const api = createApiClient(settings.apiUrl, fetch, 10_000);
  const options = { connectionLimit: 2, connectTimeout: 3_000, timezone: 'Z' as const, dateStrings: ['DATE' as const] };
  const inventory = mysql.createPool({ ...settings.sagaMysql.inventory, ...options });
  const bookings = mysql.createPool({ ...settings.sagaMysql.booking, ...options });
  try {
    const [typeRows] = await inventory.query<RowDataPacket[]>('SELECT id, hotel_id, capacity FROM room_types ORDER BY id');
    const candidates = soleFits(typeRows.map((row) => ({ hotelId: Number(row.hotel_id), roomTypeId: Number(row.id), capacity: Number(row.capacity) })));
    if (candidates.length === 0) throw new UserError('no hotel has a room type that alone fits its capacity in guests', 'run it on the sample inventory (`npm run reset` then `npm run up` restores it)');
    out.line(`bench:availability: ${settings.apiUrl}, ${rounds} round(s) over ${candidates.length} room type(s) that alone in their hotel fit their guests; card ${TEST_CARDS.succeed.slice(-4)}`);

    const run = `benchavail${Date.now().toString(36)}`;
    const bookingId = async (number: string) => {
      const [rows] = await bookings.query<RowDataPacket[]>('SELECT id, state FROM bookings WHERE number = ?', [number]);
      return rows[0];
    };
    const listed = async (stay: BenchStay) => {
      const query = new URLSearchParams({ id: String(stay.hotelId), check_in: stay.checkIn, check_out: stay.checkOut, guests: String(stay.guests) });
      const response = await api.request('GET', `/api/search?${query}`);
      if (response.status !== 200) throw new UserError(`date search answered ${describeResponse(response)}`, 'check `npm run status`: catalog-api and Elasticsearch must be up');
      return (response.body as { total: number }).total > 0;
    };
    const figures: RoundFigures[] = [];
    const today = utcToday();
    for (let round = 0; round < rounds; round++) {
      const roomType = candidates[round % candidates.length]!;
      const night = addDays(today, FIRST_DAY + round);
      const stay: BenchStay = { hotelId: roomType.hotelId, roomTypeId: roomType.roomTypeId, checkIn: night, checkOut: addDays(night, 1), guests: roomType.capacity };
      const [before] = await inventory.query<RowDataPacket[]>('SELECT available FROM room_nights WHERE room_type_id = ? AND night = ?', [stay.roomTypeId, night]);
      const freeBefore = before[0] ? Number(before[0].available) : 0;
      if (freeBefore < 1) throw new UserError(`room type ${stay.roomTypeId} has no room free on ${night}`, 'run it on the sample inventory (`npm run reset` then `npm run up` restores it)');
      await inventory.query('UPDATE room_nights SET available = 1 WHERE room_type_id = ? AND night = ?', [stay.roomTypeId, night]);
      try {
        const result = await runAvailabilityRound(stay, {
          clock: realClock,
          listed,
          async book(s) {
            const response = await api.request('POST', '/api/bookings', { ...bookingRequest({ ...s, freeBefore: 1 }, TEST_CARDS.succeed, { name: 'Bench Guest', email: 'bench@example.com' }), guests: s.guests }, {
              'idempotency-key': newIdempotencyKey(run),
            });
            if (response.status !== 202) throw new UserError(`POST /api/bookings answered ${describeResponse(response)}`, 'run `npm run smoke`: its booking steps show where the saga stops');
            const created = response.body as CreatedBooking;
            return { number: created.number, pin: created.pin };
          },
          async cancel(booking) {
            const response = await api.request('POST', `/api/bookings/${booking.number}/cancel`, {}, { 'x-booking-pin': booking.pin });
            if (response.status !== 202) throw new UserError(`cancelling ${booking.number} answered ${describeResponse(response)}`, 'run `npm run smoke`: its booking steps show where the saga stops');
          },
          state: async (number) => String((await bookingId(number))?.state ?? 'unknown'),
          async hold(number) {
            const booking = await bookingId(number);
            if (!booking) return undefined;
            const [rows] = await inventory.query<RowDataPacket[]>('SELECT state, updated_at FROM holds WHERE booking_id = ?', [booking.id]);
            return rows[0] ? { state: String(rows[0].state), updatedAtMs: (rows[0].updated_at as Date).getTime() } : undefined;
          },
        });
        figures.push(result);
        out.line(
          `round ${round + 1}: hotel ${stay.hotelId}, room type ${stay.roomTypeId}, ${night}, ${stay.guests} guest(s): gone ${ms(result.bookToGoneMs)} after the POST` +
            `${result.holdToGoneMs === undefined ? '' : ` (${ms(result.holdToGoneMs)} after the hold's commit)`}, back ${ms(result.cancelToBackMs)} after the cancel (${ms(result.releaseToBackMs)} after the release's commit)`,
        );
      } finally {
        // The booking was released by its cancel (or never held): the night gets its rooms back.
        await inventory.query('UPDATE room_nights SET available = ? WHERE room_type_id = ? AND night = ?', [freeBefore, stay.roomTypeId, night]);
      }
    }
    const summary = availabilityFigures(figures);
    out.line();
    out.line(`booking of the last room → hotel gone from date search: ${line(summary.bookToGoneMs)}`);
    out.line(`  of which the pipeline, the hold's commit → gone:        ${line(summary.holdToGoneMs)}`);
    out.line(`cancel → hotel back in date search:                     ${line(summary.cancelToBackMs)}`);
    out.line(`  of which the pipeline, the release's commit → back:     ${line(summary.releaseToBackMs)}`);
    out.line(out.dim('each round cancels its booking (refunded, released) and gives its night the free rooms it had'));
  } finally {
    await Promise.allSettled([inventory.end(), bookings.end()]);
  }
}

const ms = (n: number) => `${Math.round(n)} ms`;

function line(summary: LatencySummary | undefined): string {
  if (!summary) return 'not measured';
  return `p50 ${ms(summary.median)}, p99 ${ms(summary.p99)} (min ${ms(summary.min)}, max ${ms(summary.max)}, ${summary.runs} rounds)`;
}
