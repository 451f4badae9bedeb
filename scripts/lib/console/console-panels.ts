/**
 * The console's panels over the running stack, built from the orchestrator's own
 * modules: the Compose adapter (services, logs), `npm run status`'s reading of it, the
 * Connect client, the host-side store clients and API client of smoke, and the Kafka
 * reader, the saga's databases (saga-reader.ts). Each panel says what it cannot reach.
 */
import { addDays, chooseStays, utcToday, type FreeNight, type Stay } from '../bench/choose-stays.ts';
import type { Compose } from '../compose/compose.ts';
import { orderServices } from '../compose/service-readiness.ts';
import type { ConnectClient } from '../connect/connect-client.ts';
import { outboxTopicsOf, SAGA_SERVICES } from '../config/saga-config.ts';
import type { StackConfig } from '../config/stack-config.ts';
import type { Exec, LineWatch } from '../exec.ts';
import type { ApiClient } from '../platform-client/api-client.ts';
import type { StoreClients } from '../platform-client/store-clients.ts';
import type { Clock } from '../wait/clock.ts';
import { searchVerifyJson, type SearchVerifyReport } from '../verify/verify-search.ts';
import { shapeConnector, runConnectorAction, type ConnectorAction } from './connector-panel.ts';
import { roomTakenInSearch, runBookingTrace, type BookingTrace } from './booking-trace.ts';
import { runGoldenTrace, type Trace } from './golden-trace.ts';
import { parseHaproxyCsv } from './haproxy-stats.ts';
import type { ReindexJob } from './reindex-job.ts';
import type { KafkaReader } from './kafka-reader.ts';
import { serviceOutboxLag } from './outbox-lag.ts';
import { coalesce, panel } from './panel.ts';
import type { SagaReader } from './saga-reader.ts';
import { sagaView } from './saga-view.ts';
import { shapeServices, type InspectedContainer } from './services-panel.ts';
import { filterById, withBefore } from './topic-messages.ts';

export interface PanelDeps {
  stack: StackConfig;
  connectorName: string;
  statsCredentials: { user: string; password: string };
  compose: Compose;
  exec: Exec;
  connect: ConnectClient;
  api: ApiClient;
  stores: StoreClients;
  kafka: KafkaReader;
  clock: Clock;
  fetchImpl?: typeof fetch;
  /** `npm run verify`'s comparisons, hotels and date search's availability (verify-search.ts), ids listed per kind. */
  verify: () => Promise<SearchVerifyReport>;
  /** The Reindex action, one run at a time, both indices as `npm run reindex` (reindex-job.ts, reindex-search.ts). */
  reindex: ReindexJob;
  /** `docker events` of the project's containers (exec.ts watchLines): a stop or start refreshes the services at once. */
  watchContainerEvents?: (project: string, onEvent: () => void) => LineWatch;
  /** The API for the trace's booking, with a longer timeout than `api`'s 3 s (booking-trace.ts says why). */
  bookingApi: ApiClient;
  /** The booking saga's rows and outboxes, read as the capture account. */
  saga: SagaReader;
  /** Inventory's free room-type nights (saga-stores.ts), for the trace's booking. */
  freeNights: (from: string, to: string, minFree: number) => Promise<FreeNight[]>;
  /** A saga not finished after this long is highlighted (verify:bookings' bound, stale-bound.ts). */
  staleAfterMs: number;
  /** The trace's pick among its candidate nights (tests pass a fixed one); Math.random by default. */
  random?: () => number;
}

/** The golden-path trace: the hotel's hops, then the booking's. */
export type ConsoleTrace = Trace & { booking: BookingTrace };

/** The saga panel lists this many of the newest bookings, and every unfinished one up to the second figure. */
const NEWEST_BOOKINGS = 20;
const UNFINISHED_BOOKINGS = 100;
/** How many of each outbox's newest rows the lag is read against (outbox-lag.ts). */
const OUTBOX_HEAD_ROWS = 500;
/**
 * The trace books a night this many days ahead: in the sample's 365 nights, past the e2e
 * tests' few weeks and before smoke's window (300 days on), so the two do not compete.
 */
const TRACE_NIGHTS = { fromDay: 250, toDay: 299 };
/**
 * One of this many candidate nights, at random: the first candidate alone made every trace
 * book the night the last one cancelled, and while that cancel's release was still on its
 * way to the index the "availability in search" hop could pass at once or never.
 */
const TRACE_CANDIDATES = 50;

/** How often the services are read when no container event comes. */
const SERVICES_INTERVAL_MS = 5_000;

export function createPanels(deps: PanelDeps) {
  const { stack, compose, exec, connect, kafka, clock } = deps;
  // Verify reads every row and every document, so the page runs it on demand (Check
  // drift, and after a reindex), never on a timer; several tabs share one run.
  const verify = coalesce(() => panel('verify (MySQL and Elasticsearch)', async () => searchVerifyJson(await deps.verify())));
  const fetchImpl = deps.fetchImpl ?? fetch;
  let serviceNames: string[] | undefined;

  let events: LineWatch | undefined;
  const readServices = coalesce(() =>
    panel('Docker Compose', async () => {
      serviceNames ??= orderServices(await compose.services());
      const containers = await compose.ps();
      const project = containers[0]?.project;
      if (project && !events && deps.watchContainerEvents) events = deps.watchContainerEvents(project, () => wake());
      const names = containers.map((c) => c.name);
      const inspected = names.length === 0 ? [] : await inspect(exec, names);
      return shapeServices(serviceNames, containers, inspected, clock.now());
    }),
  );

  // The services are read in the background and served from the last reading: a
  // `compose ps` plus `docker inspect` takes one to three seconds on a busy laptop, too
  // slow to pay per request. A container event (die, stop, start, health) wakes the
  // loop at once, so a stopped indexer shows within the time of one reading.
  let latest: Awaited<ReturnType<typeof readServices>> | undefined;
  // An event during a reading may come after ps looked: read again right after it.
  let eventSeen = false;
  let wake = () => {
    eventSeen = true;
  };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      eventSeen = false;
      latest = await readServices();
      if (eventSeen || stopped) continue;
      await new Promise<void>((done) => {
        const timer = setTimeout(done, SERVICES_INTERVAL_MS);
        wake = () => {
          clearTimeout(timer);
          done();
        };
      });
      wake = () => {
        eventSeen = true;
      };
    }
  })();
  // The last finished reading, never one in progress: a request must not wait for `compose ps`.
  const services = async () => latest ?? readServices();

  return {
    services,
    async close(): Promise<void> {
      stopped = true;
      events?.stop();
      wake();
      await loop;
    },
    logs: (service: string, lines = 80) =>
      panel(`logs of ${service}`, async () => {
        serviceNames ??= orderServices(await compose.services());
        if (!serviceNames.includes(service)) throw new Error(`no service ${service} (services: ${serviceNames.join(', ')})`);
        return compose.logs([service], { tail: lines });
      }),
    haproxy: () =>
      panel(`HAProxy stats at ${stack.urls.stats}`, async () => {
        const { user, password } = deps.statsCredentials;
        const response = await fetchImpl(`${stack.urls.stats}/;csv`, {
          headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` },
          signal: AbortSignal.timeout(3_000),
        });
        if (response.status !== 200) throw new Error(`HTTP ${response.status} (HAPROXY_STATS_USER / HAPROXY_STATS_PASSWORD in .env?)`);
        return parseHaproxyCsv(await response.text());
      }),
    connector: () =>
      panel(`Kafka Connect at ${stack.urls.connect}`, async () => {
        const answer = await connect.status(deps.connectorName);
        return shapeConnector(deps.connectorName, answer.status, answer.body);
      }),
    connectorAction: (action: ConnectorAction) => panel(`Kafka Connect at ${stack.urls.connect}`, () => runConnectorAction(connect, deps.connectorName, action)),
    indexer: async () => {
      const all = await services();
      const container = all.ok ? (all.data.find((row) => row.service === 'search-indexer') ?? null) : null;
      const group = kafka.indexerGroup();
      const tail = kafka.tail();
      return {
        at: new Date(clock.now()).toISOString(),
        container: all.ok ? { ok: true as const, data: container } : { ok: false as const, unreachable: all.unreachable },
        group: group.ok ? { ok: true as const, data: group.value } : { ok: false as const, unreachable: group.error },
        deadLetters: tail.state.ok ? { ok: true as const, data: [...tail.deadLetters].reverse() } : { ok: false as const, unreachable: tail.state.error },
        consumerGroup: stack.names.consumerGroup,
        readerGroup: tail.groupId,
      };
    },
    changes: async (id: string | undefined) => {
      const tail = kafka.tail();
      if (!tail.state.ok) return { ok: false as const, at: new Date(clock.now()).toISOString(), unreachable: tail.state.error };
      return { ok: true as const, at: new Date(clock.now()).toISOString(), data: { topic: stack.names.cdcTopic, events: filterById(withBefore(tail.changes), id).reverse() } };
    },
    searchDrift: () =>
      panel('MySQL and Elasticsearch', async () => {
        // Polled every few seconds through HAProxy, whose keep-alive timeout can close the
        // client's idle socket just as it is reused ("other side closed"): one retry.
        const [database, search] = await Promise.allSettled([deps.stores.mysqlCount(), deps.stores.esCount().catch(() => deps.stores.esCount())]);
        const value = (result: PromiseSettledResult<number>, what: string) =>
          result.status === 'fulfilled' ? { ok: true as const, count: result.value } : { ok: false as const, unreachable: `${what}: ${String((result.reason as Error)?.message ?? result.reason)}` };
        const db = value(database, `MySQL at ${stack.urls.mysql}`);
        const es = value(search, `Elasticsearch at ${stack.urls.elasticsearch} (index ${stack.names.searchIndex})`);
        return { database: db, search: es, drift: db.ok && es.ok ? es.count - db.count : null };
      }),
    verify,
    reindexState: () => deps.reindex.state(),
    startReindex: () => deps.reindex.start(),
    saga: (number: string | undefined) =>
      panel(`the booking saga's databases (MySQL at ${stack.urls.mysql})`, async () =>
        sagaView(await deps.saga.read({ newest: NEWEST_BOOKINGS, unfinished: UNFINISHED_BOOKINGS, number }), { staleAfterMs: deps.staleAfterMs, number }),
      ),
    outbox: () =>
      panel(`the saga's outboxes (MySQL at ${stack.urls.mysql})`, async () => {
        const { state, sightings } = kafka.outbox();
        const reader = state.ok ? { ok: true as const } : { ok: false as const, error: state.error };
        return Promise.all(
          SAGA_SERVICES.map(async (service) => {
            const names = stack.saga.services[service];
            const outbox = { service, database: names.database, connector: names.outboxConnector, topics: outboxTopicsOf(stack.saga, service) };
            return serviceOutboxLag(outbox, await deps.saga.outboxHead(service, OUTBOX_HEAD_ROWS), reader, sightings, OUTBOX_HEAD_ROWS);
          }),
        );
      }),
    trace: async (): Promise<ConsoleTrace> => ({
      ...(await runGoldenTrace({
        api: deps.api,
        mysqlRow: deps.stores.mysqlRow,
        esDocument: deps.stores.esDocument,
        kafkaSeen: (id) => {
          const tail = kafka.tail();
          return tail.state.ok ? { seen: tail.changes.some((event) => event.id === String(id)) } : { error: tail.state.error };
        },
        clock,
      })),
      booking: await runBookingTrace({
        api: deps.bookingApi,
        chooseStay: async () => {
          const today = utcToday(new Date(clock.now()));
          const nights = await deps.freeNights(addDays(today, TRACE_NIGHTS.fromDay), addDays(today, TRACE_NIGHTS.toDay), 2);
          const { stays } = chooseStays(nights, Math.max(1, Math.min(TRACE_CANDIDATES, nights.length)));
          return stays[(deps.random ?? Math.random)() * stays.length | 0] as Stay;
        },
        timeline: (number) => deps.saga.timeline(number),
        availabilityInSearch: roomTakenInSearch((roomTypeId, night) => deps.stores.availabilityNight(roomTypeId, night)),
        clock,
      }),
    }),
  };
}

export type ConsolePanels = ReturnType<typeof createPanels>;

async function inspect(exec: Exec, names: string[]): Promise<InspectedContainer[]> {
  const result = await exec('docker', ['inspect', ...names], { timeoutMs: 10_000 });
  // A container removed between ps and inspect makes inspect exit 1 but still print the others.
  try {
    return JSON.parse(result.stdout) as InspectedContainer[];
  } catch {
    throw new Error(`docker inspect failed (exit ${result.code}): ${result.stderr.trim().slice(0, 200)}`);
  }
}
