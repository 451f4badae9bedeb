/**
 * catalog-api entry point: `node services/dist/catalog-api/main.js`.
 * Wires config, MySQL pool, Elasticsearch client and the kit's HTTP service, and
 * drains them in order on SIGTERM.
 */
import { createCorsPolicy } from '../kit/cors.ts';
import { deferred } from '../kit/deferred.ts';
import { drainSwitch } from '../kit/drain.ts';
import { loadConfigOrExit } from '../kit/load-config-or-exit.ts';
import { createLogger } from '../kit/logger.ts';
import { createServicePool } from '../kit/mysql-pool.ts';
import { serve } from '../kit/serve.ts';
import { buildApp } from './app.ts';
import { loadCatalogApiConfig, SHUTDOWN_DEADLINE_MARGIN_MS } from './config.ts';
import { createDatabaseEngineReader } from './database-engine.ts';
import { createHandlers } from './handlers.ts';
import { deferredHotelSearch } from './hotel-search.ts';
import { createMysqlHotelStore } from './hotel-store.ts';

const config = loadConfigOrExit(() => loadCatalogApiConfig(process.env), 'catalog-api');
const log = createLogger({ service: config.serviceName }, { level: config.logLevel });

const pool = createServicePool(config.mysql);
// Importing the Elasticsearch client is half of this service's start (0.49 s of the 1.0 s
// from `node` to listening, on the CI machine): it loads once the server listens, so a
// restarted replica (each reload of `npm run dev`) answers sooner; a search meanwhile waits.
const elastic = deferred(async () => {
  const { Client } = await import('@elastic/elasticsearch');
  // The client's own retries would hide an outage behind slow requests; fail fast with 503 instead.
  return new Client({ node: config.elasticsearchUrl, maxRetries: 1, requestTimeout: 5_000 });
});

const drain = drainSwitch();
const handlers = createHandlers({
  store: createMysqlHotelStore(pool),
  search: deferredHotelSearch(elastic, config.searchIndex, config.availabilityIndex),
  databaseEngine: createDatabaseEngineReader(pool),
  serviceName: config.serviceName,
  isDraining: drain.isDraining,
  log,
  ...(config.searchOffReason === '' ? {} : { searchOff: config.searchOffReason }),
});
const app = buildApp({
  handlers,
  cors: createCorsPolicy(config.corsOrigins),
  serviceName: config.serviceName,
  bodyLimitBytes: config.bodyLimitBytes,
  log,
  isDraining: drain.isDraining,
});

await serve(app, {
  port: config.port,
  log,
  drain,
  drainTimeoutMs: config.drainTimeoutMs,
  hardDeadlineMs: config.drainTimeoutMs + SHUTDOWN_DEADLINE_MARGIN_MS,
  closeResources: () => Promise.allSettled([pool.end(), elastic.loaded()?.close()]),
  describe: { index: config.searchIndex, availabilityIndex: config.availabilityIndex, corsOrigins: config.corsOrigins },
});
// Listening: now the client loads, off the path of the first answers.
elastic.start();
