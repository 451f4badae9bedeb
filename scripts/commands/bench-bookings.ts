/**
 * `npm run bench:bookings -- [--count N] [--concurrency C]`: N bookings (default 400) through
 * HAProxy from C clients at once (default 16), each client sending its next booking when the
 * last was accepted; prints p50 and p99 from POST to CONFIRMED and confirmed bookings/s, with
 * the machine's load average before and after. The stays come from inventory's free nights
 * (choose-stays.ts); the bookings stay CONFIRMED afterwards.
 *
 * The states are read from the bookings database (one query per 100 ms for every booking in
 * flight), not polled through GET /api/bookings/:number: HAProxy's stick table allows an address
 * 4 lookups in flight and 300 in 10 s (haproxy/haproxy.cfg, backend booking), and each lookup
 * costs the booking service a scrypt PIN check, CPU the sagas being measured would lose.
 */
import { loadavg, cpus } from 'node:os';
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { UserError } from '../lib/errors.ts';
import { addDays, chooseStays, utcToday } from '../lib/bench/choose-stays.ts';
import { benchFigures, runBookingBench } from '../lib/bench/booking-bench.ts';
import { createApiClient, describeResponse } from '../lib/platform-client/api-client.ts';
import { bookingRequest, newIdempotencyKey, TEST_CARDS, type CreatedBooking } from '../lib/platform-client/booking-requests.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { createSagaStores } from '../lib/platform-client/saga-stores.ts';
import { createOutput } from '../lib/ui/output.ts';
import { realClock } from '../lib/wait/clock.ts';

const usage = 'npm run bench:bookings -- [--count N] [--concurrency C]   (N from 1 to 5000, default 400; C from 1 to 64, default 16)';
/** The nights the bench books: from 180 days ahead to the end of the sample inventory (365 nights from db-setup's day). */
const WINDOW = { fromDay: 180, toDay: 400 };

export const command = defineCommand({
  summary: 'bookings through HAProxy: p50/p99 from POST to CONFIRMED, and confirmed bookings/s',
  usage,
  options: {
    count: { type: 'string', value: 'N', description: 'bookings to make, 1 to 5000 (default 400)' },
    concurrency: { type: 'string', value: 'C', description: 'clients booking at once, 1 to 64 (default 16)' },
  },
  run: async ({ values }) =>
    bench(
      wholeNumberOption(values.count, { option: 'count', min: 1, max: 5000, fallback: 400 }, usage),
      wholeNumberOption(values.concurrency, { option: 'concurrency', min: 1, max: 64, fallback: 16 }, usage),
    ),
});

async function bench(count: number, concurrency: number): Promise<void> {
  const out = createOutput();
  const { settings, stack } = loadClientSettings();
  const api = createApiClient(settings.apiUrl, fetch, 10_000);
  const stores = createSagaStores(settings.sagaMysql);
  const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
  try {
    const today = utcToday();
    const { stays, description } = chooseStays(await stores.freeNights(addDays(today, WINDOW.fromDay), addDays(today, WINDOW.toDay), 2), count);
    out.line(`bench:bookings: ${settings.apiUrl}, ${count} bookings from ${concurrency} clients, card ${TEST_CARDS.succeed.slice(-4)} (always succeeds)`);
    out.line(`stays: ${description}`);
    out.line(`load average before (1/5/15 min, ${cpus().length} CPUs): ${load()}`);

    const run = `bench${Date.now().toString(36)}`;
    const pins = new Map<string, string>();
    const outcome = await runBookingBench(stays, concurrency, {
      clock: realClock,
      states: (numbers) => stores.bookingStates(numbers),
      onProgress: (text) => out.status(text),
      async post(stay) {
        const sentAtMs = Date.now();
        const response = await api.request('POST', '/api/bookings', bookingRequest(stay, TEST_CARDS.succeed, { name: 'Bench Guest', email: 'bench@example.com' }), {
          'idempotency-key': newIdempotencyKey(run),
        });
        // Counted among the refused POSTs, with what to do about it (the bench books at ~50/s).
        if (response.status === 429) {
          throw new Error(
            `${describeResponse(response)}: HAProxy takes BOOKING_CREATES_PER_10S=${stack.bookingCreatesPer10s} new bookings in 10 s per address; ` +
              'for the bench set BOOKING_CREATES_PER_10S=1000 in .env and run `npm run up`, and set it back afterwards',
          );
        }
        if (response.status !== 202) throw new Error(describeResponse(response));
        const created = response.body as CreatedBooking;
        pins.set(created.number, created.pin);
        return { number: created.number, sentAtMs };
      },
    });

    const figures = benchFigures(outcome);
    out.line(`load average after: ${load()}`);
    if (outcome.refused.length > 0) out.line(out.yellow(`${outcome.refused.length} POST(s) not accepted, first: ${outcome.refused[0]}`));
    if (outcome.unfinished.length > 0) out.line(out.yellow(`${outcome.unfinished.length} booking(s) still in flight 60 s after the last POST, e.g. ${outcome.unfinished.slice(0, 3).join(', ')}`));
    const cancelled = Object.entries(figures.cancelled).map(([reason, n]) => `${n} ${reason}`).join(', ');
    if (cancelled) out.line(out.yellow(`cancelled: ${cancelled}`));
    if (!figures.latency) {
      throw new UserError('no booking was confirmed, so there is nothing to time', 'run `npm run smoke`: its booking steps show where the saga stops');
    }
    // One lookup through HAProxy, with its PIN: the public API says what the database said.
    const sample = outcome.ended.find((b) => b.state === 'CONFIRMED')!;
    const read = await api.request('GET', `/api/bookings/${sample.number}`, undefined, { 'x-booking-pin': pins.get(sample.number)! });
    const publicState = (read.body as { state?: string } | undefined)?.state;
    out.line(`booking ${sample.number} through the public API: ${read.status === 200 ? publicState : describeResponse(read)}`);
    const ms = (n: number) => `${Math.round(n)} ms`;
    const l = figures.latency;
    out.line(
      `POST → CONFIRMED over ${l.runs} confirmed bookings: p50 ${ms(l.median)}, p99 ${ms(l.p99)} (min ${ms(l.min)}, max ${ms(l.max)}); ` +
        `${figures.perSecond.toFixed(1)} confirmed bookings/s (${(figures.spanMs / 1000).toFixed(1)} s from the first POST to the last CONFIRMED)`,
    );
    out.line(out.dim('the bookings stay CONFIRMED, one room each on the nights above; `npm run reset` then `npm run up` restores the sample inventory'));
  } finally {
    await stores.close();
  }
}
