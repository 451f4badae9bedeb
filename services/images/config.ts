import { envReader, type Env } from '../kit/env-reader.ts';
import { parseLogLevel, type LogLevel } from '../kit/logger.ts';
import { readMysqlAccount, type MysqlAccount } from '../kit/mysql-pool.ts';
import type { ObjectStoreSettings } from './object-store.ts';

export interface ImagesConfig {
  serviceName: string;
  port: number;
  logLevel: LogLevel;
  mysql: MysqlAccount;
  objectStore: ObjectStoreSettings;
  corsOrigins: string[];
  drainTimeoutMs: number;
  /** Whether the sample hotels get sample photos (sample-photos.ts): .env's SEED_SAMPLE_DATA, as db-setup. */
  seedSamplePhotos: boolean;
  /** The sample hotels' SQL, which names them; the image has mysql/ in its working directory. */
  sampleHotelsFile: string;
}

/** The object store's address, account and bucket (compose.yaml's x-object-store-client). */
export function readObjectStoreSettings(read: ReturnType<typeof envReader>): ObjectStoreSettings {
  return {
    url: read.string('OBJECT_STORE_URL', 'http://object-store:9000'),
    user: read.string('OBJECT_STORE_USER'),
    password: read.string('OBJECT_STORE_PASSWORD'),
    // No default: the orchestrator's typed config names the bucket (images-config.ts).
    bucket: read.matching('IMAGES_BUCKET', undefined, /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3-63 of a-z, 0-9, "." and "-")'),
  };
}

export function loadImagesConfig(env: Env): ImagesConfig {
  const read = envReader(env);
  const config: ImagesConfig = {
    serviceName: read.string('SERVICE_NAME', 'images'),
    port: read.int('PORT', 3000, { min: 1, max: 65535 }),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    mysql: readMysqlAccount(read),
    objectStore: readObjectStoreSettings(read),
    corsOrigins: read.list('CORS_ORIGINS'),
    drainTimeoutMs: read.int('DRAIN_TIMEOUT_MS', 7_000, { min: 0, max: 60_000 }),
    seedSamplePhotos: read.matching('SEED_SAMPLE_DATA', 'true', /^(true|false)$/, 'true or false') === 'true',
    sampleHotelsFile: read.string('SAMPLE_HOTELS_FILE', 'mysql/sample-data/hotels.sql'),
  };
  read.done();
  return config;
}

export function loadBucketInitConfig(env: Env): { objectStore: ObjectStoreSettings } {
  const read = envReader(env);
  const config = { objectStore: readObjectStoreSettings(read) };
  read.done();
  return config;
}
