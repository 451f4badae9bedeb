/**
 * Sample photos for the sample hotels (issue 22), stored by the image service itself once
 * it listens: each sample hotel that is still the sample and has no image gets a photo
 * painted from its id (services/lib/sample-photo.ts, no download), stored through the
 * upload's own path (store-image.ts: checked, cleaned, under its content hash, on the
 * hotel row, so CDC carries it to search).
 *
 * Why here and not a one-shot of `up`: a one-shot would be a container `up` waits for;
 * the service already runs with the store, the database and sharp, and it seeds after it
 * is healthy, so `up` never waits for a photo. Idempotent: a hotel with an image is
 * skipped, so a second start stores nothing; a wiped stack (new rows, empty bucket)
 * gets them again. Two replicas at once paint the same bytes, so the hotel records one.
 */
import { HttpError } from '../kit/http-error.ts';
import type { Logger } from '../kit/logger.ts';
import { describeError } from '../kit/logger.ts';
import { retryUntilDone, sleep } from '../kit/retry.ts';
import type { SampleHotel } from '../lib/sample-hotels.ts';
import type { StoreImage } from './store-image.ts';

export interface SeedingOutcome {
  /** Photos recorded on a hotel now. */
  stored: number;
  /** Sample hotels already with an image, or deleted or renamed: left alone. */
  skipped: number;
  /** Whether it stopped early because the service is stopping. */
  stopped: boolean;
}

export interface SamplePhotoDeps {
  samples: SampleHotel[];
  samplesWithoutImages(samples: SampleHotel[]): Promise<number[]>;
  /** The photo's bytes, as an upload would send them. */
  photoOf(hotelId: number): Promise<Buffer>;
  storeImage: StoreImage;
  shouldStop(): boolean;
}

export async function seedSamplePhotos(deps: SamplePhotoDeps): Promise<SeedingOutcome> {
  const missing = await deps.samplesWithoutImages(deps.samples);
  let stored = 0;
  for (const hotelId of missing) {
    if (deps.shouldStop()) return { stored, skipped: deps.samples.length - missing.length, stopped: true };
    try {
      // `already_there` too is the photo on the hotel: another replica stored the same bytes first.
      await deps.storeImage(hotelId, await deps.photoOf(hotelId));
      stored += 1;
    } catch (error) {
      // Deleted since the query: nothing to seed. Anything else (the store down) is the caller's retry.
      if (!(error instanceof HttpError && error.code === 'hotel_not_found')) throw error;
    }
  }
  return { stored, skipped: deps.samples.length - stored, stopped: false };
}

export interface SeedingRun {
  log: Logger;
  now: () => number;
  /** How long to keep retrying while the store or the database fails. */
  budgetMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * seedSamplePhotos, retried with backoff while the store or the database fails (within the
 * budget, and not once the service stops), with one log line saying what it did and how
 * long it took. Never throws: the service serves uploads and images with or without samples.
 */
export async function seedSamplePhotosLogged(deps: SamplePhotoDeps, run: SeedingRun): Promise<SeedingOutcome | undefined> {
  const started = run.now();
  const result = await retryUntilDone(() => seedSamplePhotos(deps), {
    shouldContinue: () => !deps.shouldStop() && run.now() - started < run.budgetMs,
    sleep: run.sleep ?? sleep,
    onFailure: (error, attempt, delayMs) => run.log.warn('sample photos not stored yet; retrying', { attempt, delayMs, error: describeError(error) }),
  });
  const ms = Math.round(run.now() - started);
  if (!result.done) {
    run.log.error('sample photos not stored', { ms, fix: 'check the object store and the database (npm run status), then restart the images service' });
    return undefined;
  }
  run.log.info('sample photos', { ...result.value, samples: deps.samples.length, ms });
  return result.value;
}
