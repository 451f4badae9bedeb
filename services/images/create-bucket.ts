/**
 * object-store-init (one-shot, on every `up`): creates the images' bucket when it is
 * missing, then exits 0; a bucket that exists is left as it is. Exit 1 with the store's
 * answer otherwise, which `up` shows as the failed one-shot's last log line.
 */
import { loadConfigOrExit } from '../kit/load-config-or-exit.ts';
import { createLogger, describeError } from '../kit/logger.ts';
import { loadBucketInitConfig } from './config.ts';
import { createS3ObjectStore } from './object-store.ts';

const config = loadConfigOrExit(() => loadBucketInitConfig(process.env), 'object-store-init');
const log = createLogger({ service: 'object-store-init' });
try {
  const outcome = await createS3ObjectStore(config.objectStore).ensureBucket();
  log.info(outcome === 'created' ? 'bucket created' : 'bucket exists', { bucket: config.objectStore.bucket });
} catch (error) {
  log.error('bucket not created', { bucket: config.objectStore.bucket, error: describeError(error) });
  process.exit(1);
}
