/**
 * The image service's entry point: `node services/dist/images/main.js` (issue 22).
 * Wires the config, the catalog's MySQL pool, the object store and sharp into the routes,
 * and drains them in order on SIGTERM. Once it listens, it stores the sample hotels'
 * photos in the background (sample-photos.ts), so nothing waits for them.
 */
import { readFileSync } from 'node:fs';
import { createCorsPolicy } from '../kit/cors.ts';
import { drainSwitch } from '../kit/drain.ts';
import { loadConfigOrExit } from '../kit/load-config-or-exit.ts';
import { createLogger, describeError } from '../kit/logger.ts';
import { createServicePool } from '../kit/mysql-pool.ts';
import { serve } from '../kit/serve.ts';
import { sampleHotelsOfSql } from '../lib/sample-hotels.ts';
import { samplePhotoJpeg } from '../lib/sample-photo.ts';
import { loadImagesConfig } from './config.ts';
import { createMysqlHotelImagesStore } from './hotel-images-store.ts';
import { cleanOriginal, readImageHeader, renderVariant } from './image-codec.ts';
import { buildImageApp } from './image-routes.ts';
import { createS3ObjectStore } from './object-store.ts';
import { seedSamplePhotosLogged } from './sample-photos.ts';
import { imageStorer } from './store-image.ts';
import { DEFAULT_UPLOAD_LIMITS } from './upload-check.ts';

const config = loadConfigOrExit(() => loadImagesConfig(process.env), 'images');
const log = createLogger({ service: config.serviceName }, { level: config.logLevel });
const pool = createServicePool(config.mysql);
const drain = drainSwitch();

const objects = createS3ObjectStore(config.objectStore);
const hotels = createMysqlHotelImagesStore(pool);
const codec = { readHeader: readImageHeader, cleanOriginal, renderVariant };

const app = buildImageApp({
  serviceName: config.serviceName,
  log,
  objects,
  hotels,
  codec,
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

if (config.seedSamplePhotos) seedInBackground();

function seedInBackground(): void {
  let samples;
  try {
    samples = sampleHotelsOfSql(readFileSync(config.sampleHotelsFile, 'utf8'));
  } catch (error) {
    log.error('sample photos not stored: the sample hotels cannot be read', { file: config.sampleHotelsFile, error: describeError(error), fix: 'set SAMPLE_HOTELS_FILE to mysql/sample-data/hotels.sql in the image' });
    return;
  }
  void seedSamplePhotosLogged(
    {
      samples,
      samplesWithoutImages: hotels.samplesWithoutImages,
      photoOf: (hotelId) => samplePhotoJpeg(hotelId),
      storeImage: imageStorer({ objects, hotels, codec, limits: DEFAULT_UPLOAD_LIMITS }),
      shouldStop: drain.isDraining,
    },
    { log: log.child({ task: 'sample-photos' }), now: () => performance.now(), budgetMs: 120_000 },
  );
}
