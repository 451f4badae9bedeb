/**
 * The image service's entry point: `node services/dist/images/main.js` (issue 22).
 * Wires the config, the catalog's MySQL pool, the object store and sharp into the routes,
 * and drains them in order on SIGTERM.
 */
import { createCorsPolicy } from '../kit/cors.ts';
import { drainSwitch } from '../kit/drain.ts';
import { loadConfigOrExit } from '../kit/load-config-or-exit.ts';
import { createLogger } from '../kit/logger.ts';
import { createServicePool } from '../kit/mysql-pool.ts';
import { serve } from '../kit/serve.ts';
import { loadImagesConfig } from './config.ts';
import { createMysqlHotelImagesStore } from './hotel-images-store.ts';
import { cleanOriginal, readImageHeader, renderVariant } from './image-codec.ts';
import { buildImageApp } from './image-routes.ts';
import { createS3ObjectStore } from './object-store.ts';

const config = loadConfigOrExit(() => loadImagesConfig(process.env), 'images');
const log = createLogger({ service: config.serviceName }, { level: config.logLevel });
const pool = createServicePool(config.mysql);
const drain = drainSwitch();

const app = buildImageApp({
  serviceName: config.serviceName,
  log,
  objects: createS3ObjectStore(config.objectStore),
  hotels: createMysqlHotelImagesStore(pool),
  codec: { readHeader: readImageHeader, cleanOriginal, renderVariant },
  cors: createCorsPolicy(config.corsOrigins),
  isDraining: drain.isDraining,
});

await serve(app, {
  port: config.port,
  log,
  drain,
  drainTimeoutMs: config.drainTimeoutMs,
  hardDeadlineMs: config.drainTimeoutMs + 2_000,
  closeResources: () => pool.end(),
  describe: { bucket: config.objectStore.bucket },
});
