/**
 * `npm run smoke`: proves the golden path, then the booking saga (a booking confirmed, a
 * declined one cancelled and its rooms released), on a running stack in about 15 s and
 * prints a table of timed steps. Exit code 1 when a step failed; everything it created
 * (the hotel, its Kafka consumer group) is removed either way, and the confirmed booking
 * is cancelled by its guest (refunded, its room released).
 */
import { defineCommand } from '../lib/cli/command.ts';
import { ChecksFailed } from '../lib/errors.ts';
import { errorText } from '../lib/text.ts';
import { createOutput } from '../lib/ui/output.ts';
import { createApiClient } from '../lib/platform-client/api-client.ts';
import { probeConnector } from '../lib/platform-client/connector-status.ts';
import { runGoldenPath, type GoldenPathOutcome } from '../smoke/golden-path.ts';
import { startKafkaWatcher } from '../lib/platform-client/kafka-watcher.ts';
import { loadClientSettings } from '../lib/platform-client/load-client-settings.ts';
import { renderReport } from '../smoke/report.ts';
import { createStoreClients } from '../lib/platform-client/store-clients.ts';
import { uniqueToken } from '../lib/platform-client/client-settings.ts';
import { createStepRunner } from '../smoke/step-runner.ts';
import { runBookingPath, type BookingPathOutcome } from '../smoke/booking-path.ts';
import { createSagaStores } from '../lib/platform-client/saga-stores.ts';
import { newIdempotencyKey } from '../lib/platform-client/booking-requests.ts';
import { utcToday } from '../lib/bench/choose-stays.ts';
import { edgeApiClient, HTTPS_OPTION } from '../lib/platform-client/edge-api-client.ts';

/** The golden path's 15 s, and 10 s for the two bookings (each about a second's saga). */
const budgetMs = 25_000;

export const command = defineCommand({
  summary: 'proves the golden path on the running stack (exit 1 when a step fails)',
  usage: 'npm run smoke -- [--https]',
  options: { ...HTTPS_OPTION },
  run: ({ values }) => smoke(values.https === true),
});

async function smoke(https: boolean): Promise<void> {
  const out = createOutput();
  const { settings, stack } = loadClientSettings();
  const name = stack.names.connector;
  const token = uniqueToken();
  // With --https every API call of both paths goes over TLS: the same steps prove the HTTPS entry.
  const { api, baseUrl: apiUrl } = edgeApiClient(stack, https);
  const clients = createStoreClients(settings);
  const stores = createSagaStores(settings.sagaMysql);
  const runner = createStepRunner();
  const started = performance.now();
  out.line(`smoke: ${apiUrl}  token ${token}`);

  let outcome: GoldenPathOutcome | undefined;
  let bookings: BookingPathOutcome | undefined;
  try {
    const { off } = stack.profile;
    if (off.size > 0) out.line(`profile ${stack.profile.name}: ${[...off.keys()].join(', ')} off; the steps that need them are listed as off`);
    outcome = await runGoldenPath({
      ...(stack.profile.searchOffReason === '' ? {} : { searchOffIn: stack.profile.name }),
      api,
      runner,
      token,
      topic: settings.cdcTopic,
      connectorName: name,
      connector: () => probeConnector(settings.connectUrl, name),
      startWatcher: () => startKafkaWatcher(settings.kafkaBroker, settings.cdcTopic, `smoke-${token}`),
      mysqlRow: clients.mysqlRow,
      esDocument: clients.esDocument,
    });
    if (stack.profile.booking) bookings = await runBookingPath({ api, runner, stores, today: utcToday(), newKey: () => newIdempotencyKey(`smoke-${token}`) });
    else runner.skip('bookings: confirmed, and declined with its night released', `off: ${off.get('booking')!}`);
  } finally {
    const cleanup = [...(await cancelBooking(bookings, api)), ...(await cleanUp(outcome, api, clients))];
    await stores.close();
    const totalMs = performance.now() - started;
    out.line();
    out.line(renderReport(runner.results, totalMs, budgetMs));
    for (const problem of cleanup) out.line(out.yellow(`cleanup: ${problem}`));
  }
  const failed = runner.results.find((result) => result.status === 'failed');
  out.line(failed ? out.red('\nsmoke FAILED') : out.green('\nsmoke passed'));
  if (failed) throw new ChecksFailed(`smoke failed at step "${failed.name}" (the table above shows what was expected and seen)`, failed.failure?.hint ?? 'npm run status and npm run logs show the stack');
}

/** The guest's cancel of the confirmed booking: refunded and released by the saga, so smoke runs never use up the inventory. */
async function cancelBooking(bookings: BookingPathOutcome | undefined, api: ReturnType<typeof createApiClient>): Promise<string[]> {
  const booking = bookings?.confirmed;
  if (!booking) return [];
  const response = await api.request('POST', `/api/bookings/${booking.number}/cancel`, {}, { 'x-booking-pin': booking.pin }).catch((error: unknown) => ({ status: 0, error }));
  // 202: cancelling; 200: already cancelled.
  if (response.status === 202 || response.status === 200) return [];
  if (response.status === 409) return [`booking ${booking.number} was still in flight; once CONFIRMED, cancel it with POST /api/bookings/${booking.number}/cancel, body {} and header X-Booking-Pin: ${booking.pin}`];
  return [`could not cancel booking ${booking.number} (HTTP ${response.status}); cancel it with POST /api/bookings/${booking.number}/cancel and header X-Booking-Pin: ${booking.pin}`];
}

async function cleanUp(outcome: GoldenPathOutcome | undefined, api: ReturnType<typeof createApiClient>, clients: ReturnType<typeof createStoreClients>) {
  const problems: string[] = [];
  if (outcome?.createdId !== undefined && !outcome.deleted) {
    const response = await api.request('DELETE', `/api/hotels/${outcome.createdId}`).catch((error: unknown) => ({ status: 0, error }));
    if (response.status !== 204 && response.status !== 404) problems.push(`could not delete hotel ${outcome.createdId}; delete it with DELETE /api/hotels/${outcome.createdId}`);
  }
  await outcome?.watcher?.stop().catch((error: unknown) => problems.push(`kafka watcher: ${errorText(error)}`));
  await clients.close();
  return problems;
}
