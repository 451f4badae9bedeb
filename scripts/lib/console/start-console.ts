/**
 * Wires the console to the running stack with the orchestrator's own clients and
 * starts it on 127.0.0.1:CONSOLE_PORT. The caller (scripts/commands/console.ts) owns
 * the process: it stops the console with the returned close().
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { stackCompose } from '../compose/configured-compose.ts';
import { createConnectClient } from '../connect/connect-client.ts';
import { loadConnector } from '../connect/render-connector.ts';
import type { ConfiguredStack } from '../config/require-config.ts';
import { SAGA_AGGREGATE_TYPES } from '../config/saga-config.ts';
import { UserError } from '../errors.ts';
import { realExec, watchLines } from '../exec.ts';
import { paths } from '../paths.ts';
import { clientSettings } from '../platform-client/client-settings.ts';
import { edgeApiClient } from '../platform-client/edge-api-client.ts';
import { createSagaStores } from '../platform-client/saga-stores.ts';
import { createStoreClients } from '../platform-client/store-clients.ts';
import { reindexSearch } from '../reindex/reindex-search.ts';
import { SAGA_STALE_AFTER_S } from '../verify-bookings/stale-bound.ts';
import { verifySearch } from '../verify/verify-search.ts';
import { realClock } from '../wait/clock.ts';
import { createPanels } from './console-panels.ts';
import { createConsoleServer } from './console-server.ts';
import { createKafkaReader } from './kafka-reader.ts';
import { createReindexJob } from './reindex-job.ts';
import { createSagaReader } from './saga-reader.ts';
import { newToken } from './request-guard.ts';

/** Where `vite build` puts the console's page (web/vite.console.config.ts). */
export const CONSOLE_BUILD_DIR = join(paths.repoRoot, 'web', 'dist-console');

/** Ids listed per kind of drift in the search panel: `npm run verify`'s default. */
const DRIFT_IDS = 10;

/** How often the console samples Kafka (lag, group, dead letters) and keeps its reader alive. */
const SAMPLE_INTERVAL_MS = 2_000;

export function assetReader(dir: string) {
  const base = resolve(dir);
  return (path: string): Buffer | undefined => {
    const file = resolve(base, path);
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) return undefined;
    return readFileSync(file);
  };
}

export interface RunningConsole {
  url: string;
  close(): Promise<void>;
}

/** `https`: the console's API calls (golden trace, bookings) go over HAProxy's HTTPS port. */
export async function startConsole(configured: ConfiguredStack, buildDir: string = CONSOLE_BUILD_DIR, https = false): Promise<RunningConsole> {
  const { config, stack } = configured;
  const port = stack.ports.console;
  const settings = clientSettings(stack);
  const stores = createStoreClients(settings);
  const kafka = createKafkaReader({
    broker: stack.urls.kafkaBroker,
    cdcTopic: stack.names.cdcTopic,
    dlqTopic: stack.names.dlqTopic,
    indexerGroup: stack.names.consumerGroup,
    outboxTopics: SAGA_AGGREGATE_TYPES.map((type) => stack.saga.topics[type]),
  });
  const { services } = stack.saga;
  const saga = createSagaReader({
    host: '127.0.0.1',
    port: stack.ports.mysql,
    user: stack.captureUser,
    password: stack.capturePassword,
    databases: { booking: services.booking.database, inventory: services.inventory.database, payment: services.payment.database },
  });
  const sagaStores = createSagaStores(settings.sagaMysql);
  // Both indices, as `npm run reindex`: the hotels', then date search's availability.
  const reindex = createReindexJob(({ report, onPage }) => reindexSearch(stack, { report, onPage }));
  const panels = createPanels({
    stack,
    connectorName: loadConnector(stack).name,
    statsCredentials: stack.statsCredentials,
    compose: stackCompose(configured),
    exec: realExec,
    connect: createConnectClient(stack.urls.connect, undefined, 5_000),
    // With --https through HAProxy's TLS port, trusting this checkout's CA only (edge-api-client.ts).
    api: edgeApiClient(stack, https).api,
    // bench:bookings' 10 s: a booking's POST answers after its gRPC quote, card token and PIN hash, seconds on a busy laptop.
    bookingApi: edgeApiClient(stack, https, { timeoutMs: 10_000 }).api,
    stores,
    kafka,
    clock: realClock,
    verify: () => verifySearch(settings, { limit: DRIFT_IDS }),
    reindex,
    saga,
    freeNights: (from, to, minFree) => sagaStores.freeNights(from, to, minFree),
    staleAfterMs: SAGA_STALE_AFTER_S * 1000,
    watchContainerEvents: (project, onEvent) =>
      watchLines('docker', ['events', '--filter', 'type=container', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Status}}'], onEvent),
  });
  const server = createConsoleServer({ port, token: newToken(), root: paths.repoRoot, panels, asset: assetReader(buildDir) });
  await server.listen({ port, host: '127.0.0.1' }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
    throw new UserError(`port ${port} (CONSOLE_PORT) is ${error.code === 'EACCES' ? 'not allowed' : 'taken'} on 127.0.0.1`, `set CONSOLE_PORT to a free port above 1023 in .env (is another console running? \`npm run doctor\` names the holder)`);
  });

  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await kafka.tick();
      await realClock.sleep(SAMPLE_INTERVAL_MS);
    }
  })();
  return {
    url: `${stack.urls.console}/`,
    async close() {
      stopped = true;
      // Its open sockets too (forceCloseConnections): the page polls over keep-alive.
      await server.close();
      await loop;
      // A reindex under way finishes its current request and stops; `npm run reindex` resumes what it left.
      await Promise.allSettled([reindex.settled(), panels.close(), kafka.close(), stores.close(), saga.close(), sagaStores.close()]);
    },
  };
}
