/**
 * catalog-api entry point: `node services/dist/catalog-api/main.js`.
 * Wires config, MySQL pool, Elasticsearch client and the HTTP server, and drains
 * them in order on SIGTERM.
 */
import { createServer } from 'node:http';
import { Client } from '@elastic/elasticsearch';
import mysql from 'mysql2/promise';
import { loadConfigOrExit } from '../lib/load-config-or-exit.ts';
import { createLogger } from '../lib/logger.ts';
import { onShutdownSignal } from '../lib/shutdown-signals.ts';
import { createRequestListener } from './app.ts';
import { loadCatalogApiConfig, SHUTDOWN_DEADLINE_MARGIN_MS } from './config.ts';
import { createCorsPolicy } from './cors.ts';
import { createDatabaseEngineReader } from './database-engine.ts';
import { drainServer } from './drain-server.ts';
import { createHandlers } from './handlers.ts';
import { createElasticHotelSearch } from './hotel-search.ts';
import { createMysqlHotelStore } from './hotel-store.ts';

const config = loadConfigOrExit(() => loadCatalogApiConfig(process.env), 'catalog-api');
const log = createLogger({ service: config.serviceName }, { level: config.logLevel });

const pool = mysql.createPool({
  ...config.mysql,
  connectionLimit: 10,
  waitForConnections: true,
  enableKeepAlive: true,
  connectTimeout: 5_000,
  charset: 'utf8mb4',
});
// The client's own retries would hide an outage behind slow requests; fail fast with 503 instead.
const elastic = new Client({ node: config.elasticsearchUrl, maxRetries: 1, requestTimeout: 5_000 });

let draining = false;
const handlers = createHandlers({
  store: createMysqlHotelStore(pool),
  search: createElasticHotelSearch(elastic, config.searchIndex),
  databaseEngine: createDatabaseEngineReader(pool),
  serviceName: config.serviceName,
  isDraining: () => draining,
  log,
});
const listener = createRequestListener({
  handlers,
  cors: createCorsPolicy(config.corsOrigins),
  serviceName: config.serviceName,
  bodyLimitBytes: config.bodyLimitBytes,
  log,
  isDraining: () => draining,
});

const server = createServer((req, res) => void listener(req, res));
// Keep idle sockets open longer than HAProxy keeps them, so the proxy closes first:
// when the server closes a socket the proxy is reusing, the request in flight fails.
server.keepAliveTimeout = 65_000;
server.listen(config.port, () =>
  log.info('listening', { port: config.port, index: config.searchIndex, corsOrigins: config.corsOrigins }),
);

onShutdownSignal(
  async () => {
    draining = true;
    const outcome = await drainServer(server, config.drainTimeoutMs);
    log.info('http server closed', { outcome });
    await Promise.allSettled([pool.end(), elastic.close()]);
  },
  { log, hardDeadlineMs: config.drainTimeoutMs + SHUTDOWN_DEADLINE_MARGIN_MS },
);
