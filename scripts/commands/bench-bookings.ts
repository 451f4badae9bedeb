/**
 * `npm run bench:bookings -- [--count N] [--concurrency C] [--burst]`: N bookings (default 400)
 * through HAProxy at concurrency C (default 16): C clients, each sending a booking and waiting
 * until it is CONFIRMED or CANCELLED before sending the next (`--burst`: the next as soon as the
 * last was accepted, so the sagas queue up). Prints p50/p99/max from POST to CONFIRMED,
 * confirmed bookings/s, the cancelled ones by reason, where the time went hop by hop (from the
 * outbox and inbox rows), and each container's CPU during the run and memory after it, with
 * the machine's load average before and after. The stays come from inventory's free nights
 * (choose-stays.ts); the bookings stay CONFIRMED afterwards.
 *
 * The states are read from the bookings database (one query every 25 ms for every booking in
 * flight), not polled through GET /api/bookings/:number: HAProxy's stick table allows an address
 * 4 lookups in flight and 300 in 10 s (haproxy/haproxy.cfg, backend booking), and each lookup
 * costs the booking service a scrypt PIN check, CPU the sagas being measured would lose.
 */
import { loadavg, cpus } from 'node:os';
import { defineCommand } from '../lib/cli/command.ts';
import { wholeNumberOption } from '../lib/cli/whole-number.ts';
import { UserError } from '../lib/errors.ts';
import { realExec } from '../lib/exec.ts';
import { addDays, chooseStays, utcToday } from '../lib/bench/choose-stays.ts';
import { benchFigures, runBookingBench, type BenchLoop } from '../lib/bench/booking-bench.ts';
import { containerStats, dockerSocketPath } from '../lib/bench/docker-stats.ts';
import type { LatencySummary } from '../lib/bench/latency-stats.ts';
import { sagaHops } from '../lib/bench/saga-hops.ts';
import { measureStackUsage } from '../lib/bench/stack-usage.ts';
import { stackCompose } from '../lib/compose/configured-compose.ts';
import { requireConfig } from '../lib/config/require-config.ts';
import { createApiClient, describeResponse } from '../lib/platform-client/api-client.ts';
import { bookingRequest, newIdempotencyKey, TEST_CARDS, type CreatedBooking } from '../lib/platform-client/booking-requests.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { readSagaMessageTimes } from '../lib/platform-client/saga-message-times.ts';
import { createSagaStores } from '../lib/platform-client/saga-stores.ts';
import { createOutput } from '../lib/ui/output.ts';
import { renderTable } from '../lib/ui/table.ts';
import { realClock } from '../lib/wait/clock.ts';

const usage = 'npm run bench:bookings -- [--count N] [--concurrency C] [--burst]   (N from 1 to 5000, default 400; C from 1 to 64, default 16)';
/** The nights the bench books: from 180 days ahead to the end of the sample inventory (365 nights from db-setup's day). */
const WINDOW = { fromDay: 180, toDay: 400 };
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

export const command = defineCommand({
  summary: 'bookings through HAProxy at a concurrency: p50/p99 from POST to CONFIRMED, confirmed bookings/s, hops, CPU and memory',
  usage,
  options: {
    count: { type: 'string', value: 'N', description: 'bookings to make, 1 to 5000 (default 400)' },
    concurrency: { type: 'string', value: 'C', description: 'bookings in flight at once, 1 to 64 (default 16)' },
    burst: { type: 'boolean', description: 'send each client\'s next booking when the last was accepted, not when it ended (measures a queue draining)' },
  },
  run: async ({ values }) =>
    bench(
      wholeNumberOption(values.count, { option: 'count', min: 1, max: 5000, fallback: 400 }, usage),
      wholeNumberOption(values.concurrency, { option: 'concurrency', min: 1, max: 64, fallback: 16 }, usage),
      values.burst ? 'burst' : 'closed',
    ),
});

async function bench(count: number, concurrency: number, loop: BenchLoop): Promise<void> {
  const out = createOutput();
  const { settings, stack } = loadClientSettings();
  const api = createApiClient(settings.apiUrl, fetch, 10_000);
  const stores = createSagaStores(settings.sagaMysql);
  const running = (await stackCompose(requireConfig()).ps()).filter((c) => c.state === 'running' && !c.oneOff).map((c) => c.name);
  if (running.length === 0) throw new UserError('the stack is not running', 'npm run up, then run this again');
  const stats = containerStats(await dockerSocketPath(realExec));
  const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
  try {
    const today = utcToday();
    const { stays, description } = chooseStays(await stores.freeNights(addDays(today, WINDOW.fromDay), addDays(today, WINDOW.toDay), 2), count);
    const how = loop === 'closed' ? `${concurrency} in flight at once (each client waits for its booking to end)` : `a burst from ${concurrency} clients (each posts again once accepted)`;
    out.line(`bench:bookings: ${settings.apiUrl}, ${count} bookings, ${how}, card ${TEST_CARDS.succeed.slice(-4)} (always succeeds)`);
    out.line(`stays: ${description}`);
    out.line(`load average before (1/5/15 min, ${cpus().length} CPUs): ${load()}`);

    const run = `bench${Date.now().toString(36)}`;
    const pins = new Map<string, string>();
    const measured = await measureStackUsage({ containers: running, stats, now: realClock.now }, () =>
      runBookingBench(stays, { concurrency, loop }, {
        clock: realClock,
        states: (numbers) => stores.bookingStates(numbers),
        onProgress: (text) => out.status(text),
        async post(stay) {
          const sentAtMs = Date.now();
          const response = await api.request('POST', '/api/bookings', bookingRequest(stay, TEST_CARDS.succeed, { name: 'Bench Guest', email: 'bench@example.com' }), {
            'idempotency-key': newIdempotencyKey(run),
          });
          // Counted among the refused POSTs, with what to do about it.
          if (response.status === 429) {
            throw new Error(
              `${describeResponse(response)}: HAProxy takes BOOKING_CREATES_PER_10S=${stack.bookingCreatesPer10s} new bookings in 10 s per address; ` +
                'for a faster bench set BOOKING_CREATES_PER_10S=1000 in .env and run `npm run up`, and set it back afterwards',
            );
          }
          if (response.status !== 202) throw new Error(describeResponse(response));
          const created = response.body as CreatedBooking;
          pins.set(created.number, created.pin);
          return { number: created.number, sentAtMs, acceptedAtMs: Date.now() };
        },
      }),
    );
    const outcome = measured.result;

    const figures = benchFigures(outcome);
    out.line(`load average after: ${load()}`);
    if (outcome.refused.length > 0) out.line(out.yellow(`${outcome.refused.length} POST(s) not accepted, first: ${outcome.refused[0]}`));
    if (outcome.unfinished.length > 0) out.line(out.yellow(`${outcome.unfinished.length} booking(s) not ended 60 s after their POST, e.g. ${outcome.unfinished.slice(0, 3).join(', ')}`));
    const cancelled = Object.entries(figures.cancelled).map(([reason, n]) => `${n} ${reason}`).join(', ');
    out.line(cancelled ? out.yellow(`cancelled: ${cancelled}`) : 'cancelled: none');
    if (!figures.latency) {
      throw new UserError('no booking was confirmed, so there is nothing to time', 'run `npm run smoke`: its booking steps show where the saga stops');
    }
    // One lookup through HAProxy, with its PIN: the public API says what the database said.
    const sample = outcome.ended.find((b) => b.state === 'CONFIRMED')!;
    const read = await api.request('GET', `/api/bookings/${sample.number}`, undefined, { 'x-booking-pin': pins.get(sample.number)! });
    const publicState = (read.body as { state?: string } | undefined)?.state;
    out.line(`booking ${sample.number} through the public API: ${read.status === 200 ? publicState : describeResponse(read)}`);

    const times = await readSagaMessageTimes([settings.sagaMysql.inventory, settings.sagaMysql.payment, settings.sagaMysql.booking], outcome.ended.map((b) => b.number), settings.sagaMysql.booking);
    const hops = sagaHops(times.outbox, times.handledAt);
    const p50p99 = (s: LatencySummary | undefined) => (s ? `${ms(s.median)} / ${ms(s.p99)}` : '-');
    out.line('where the time went, per message (outbox row → its consumer\'s inbox row; handler: the previous message handled → this one written):');
    out.line(renderTable(['message', 'count', 'transit p50 / p99', 'handler p50 / p99'], hops.map((h) => [h.type, String(h.handled + h.unhandled), p50p99(h.transit), p50p99(h.handler)])));
    if (figures.accepted) out.line(`POST answered (202) in p50 ${ms(figures.accepted.median)}, p99 ${ms(figures.accepted.p99)}`);

    const cores = (cpuSeconds: number) => `${(cpuSeconds / (measured.windowMs / 1000)).toFixed(2)}`;
    out.line(`the stack's containers during the run (${(measured.windowMs / 1000).toFixed(1)} s) and after it:`);
    out.line(
      renderTable(
        ['container', 'CPU s', 'cores busy', 'memory'],
        [
          ...measured.rows.map((row) => [row.container, row.cpuSeconds.toFixed(1), cores(row.cpuSeconds), row.memoryBytes === undefined ? '-' : `${Math.round(row.memoryBytes / MiB)} MiB`]),
          ['total', measured.totalCpuSeconds.toFixed(1), cores(measured.totalCpuSeconds), `${(measured.totalMemoryBytes / GiB).toFixed(2)} GiB`],
        ],
      ),
    );
    const l = figures.latency;
    out.line(
      `POST → CONFIRMED over ${l.runs} confirmed bookings at concurrency ${concurrency} (${loop}): p50 ${ms(l.median)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (min ${ms(l.min)}); ` +
        `${figures.perSecond.toFixed(1)} confirmed bookings/s (${(figures.spanMs / 1000).toFixed(1)} s from the first POST to the last CONFIRMED); ` +
        `stack memory after: ${(measured.totalMemoryBytes / GiB).toFixed(2)} GiB`,
    );
    out.line(out.dim('the bookings stay CONFIRMED, one room each on the nights above; `npm run reset` then `npm run up` restores the sample inventory'));
  } finally {
    await stores.close();
  }
}

function ms(n: number): string {
  return `${Math.round(n)} ms`;
}
