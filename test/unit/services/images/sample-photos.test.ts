/**
 * The sample photos' seeding on fakes: an in-memory hotels table and object store behind
 * the upload's own path (store-image.ts with the real codec), photos painted small.
 */
import { describe, expect, it, vi } from 'vitest';
import { HttpError } from '../../../../services/kit/http-error.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import type { HotelImagesStore } from '../../../../services/images/hotel-images-store.ts';
import { cleanOriginal, readImageHeader, renderVariant } from '../../../../services/images/image-codec.ts';
import { ObjectStoreError } from '../../../../services/images/object-store.ts';
import { seedSamplePhotos, seedSamplePhotosLogged, type SamplePhotoDeps } from '../../../../services/images/sample-photos.ts';
import { imageStorer } from '../../../../services/images/store-image.ts';
import { DEFAULT_UPLOAD_LIMITS } from '../../../../services/images/upload-check.ts';
import type { SampleHotel } from '../../../../services/lib/sample-hotels.ts';
import { samplePhotoJpeg } from '../../../../services/lib/sample-photo.ts';

const samples: SampleHotel[] = [
  { id: 1, name: 'Harbour View Hotel', city: 'Lisbon' },
  { id: 2, name: 'Canal House', city: 'Amsterdam' },
  { id: 3, name: 'Old Town Inn', city: 'Prague' },
];

function world() {
  const objects = new Map<string, Buffer>();
  const rows = new Map<number, { name: string; city: string; images: string[] }>(samples.map((s) => [s.id, { name: s.name, city: s.city, images: [] }]));
  const hotels: HotelImagesStore = {
    hotelExists: async (id) => rows.has(id),
    addImage: async (id, hash) => {
      const row = rows.get(id);
      if (!row) return 'no_hotel';
      if (row.images.includes(hash)) return 'already_there';
      row.images.push(hash);
      return 'added';
    },
    samplesWithoutImages: async (wanted) =>
      wanted.filter((s) => rows.get(s.id)?.name === s.name && rows.get(s.id)?.city === s.city && rows.get(s.id)!.images.length === 0).map((s) => s.id),
  };
  const store = { ensureBucket: async () => 'exists' as const, put: vi.fn(async (key: string, body: Buffer) => void objects.set(key, body)), get: async (key: string) => objects.get(key) };
  const storeImage = imageStorer({ objects: store, hotels, codec: { readHeader: readImageHeader, cleanOriginal, renderVariant }, limits: DEFAULT_UPLOAD_LIMITS });
  const photoOf = vi.fn((id: number) => samplePhotoJpeg(id, { width: 240, height: 160 }));
  let stopping = false;
  const deps: SamplePhotoDeps = { samples, samplesWithoutImages: hotels.samplesWithoutImages, photoOf, storeImage, shouldStop: () => stopping };
  return { objects, rows, store, photoOf, deps, stop: () => (stopping = true) };
}

describe('seedSamplePhotos', () => {
  it('gives every sample hotel without an image a photo of its own, through the upload path, and a second run stores nothing', async () => {
    const { objects, rows, store, photoOf, deps } = world();
    expect(await seedSamplePhotos(deps)).toEqual({ stored: 3, skipped: 0, stopped: false });
    const hashes = samples.map((s) => rows.get(s.id)!.images);
    expect(hashes.every((images) => images.length === 1)).toBe(true);
    expect(new Set(hashes.flat()).size).toBe(3);
    expect([...objects.keys()].sort()).toEqual(hashes.flat().sort());
    expect(photoOf.mock.calls.map(([id]) => id)).toEqual([1, 2, 3]);

    store.put.mockClear();
    photoOf.mockClear();
    expect(await seedSamplePhotos(deps)).toEqual({ stored: 0, skipped: 3, stopped: false });
    expect(store.put).not.toHaveBeenCalled();
    expect(photoOf).not.toHaveBeenCalled();
  });

  it('leaves alone a hotel with an image of its own, a deleted sample hotel and one renamed into the user\'s', async () => {
    const { rows, deps, photoOf } = world();
    rows.get(1)!.images.push('a'.repeat(64));
    rows.delete(2);
    rows.get(3)!.name = 'My own inn';
    expect(await seedSamplePhotos(deps)).toEqual({ stored: 0, skipped: 3, stopped: false });
    expect(photoOf).not.toHaveBeenCalled();
    expect(rows.get(1)!.images).toEqual(['a'.repeat(64)]);
  });

  it('paints the same photo for a hotel on every stack: a wiped stack stores the same hash again', async () => {
    const first = world();
    await seedSamplePhotos(first.deps);
    const again = world();
    await seedSamplePhotos(again.deps);
    expect(again.rows.get(2)!.images).toEqual(first.rows.get(2)!.images);
  });

  it('skips a hotel deleted between the query and its photo, and stops early when the service stops', async () => {
    const deleted = world();
    deleted.photoOf.mockImplementationOnce(async (id) => {
      deleted.rows.delete(id);
      return samplePhotoJpeg(id, { width: 240, height: 160 });
    });
    expect(await seedSamplePhotos(deleted.deps)).toEqual({ stored: 2, skipped: 1, stopped: false });

    const stopping = world();
    stopping.photoOf.mockImplementationOnce(async (id) => {
      stopping.stop();
      return samplePhotoJpeg(id, { width: 240, height: 160 });
    });
    expect(await seedSamplePhotos(stopping.deps)).toEqual({ stored: 1, skipped: 0, stopped: true });
  });

  it('lets any other failure through (the store down), for the caller to retry', async () => {
    const { deps, store } = world();
    store.put.mockRejectedValueOnce(new ObjectStoreError('object store object-store:9000 did not answer'));
    await expect(seedSamplePhotos(deps)).rejects.toThrow(ObjectStoreError);
    const refusing = { ...deps, storeImage: async () => Promise.reject(new HttpError(409, 'too_many_images', 'full')) };
    await expect(seedSamplePhotos(refusing)).rejects.toThrow('full');
  });
});

describe('seedSamplePhotosLogged', () => {
  function logged() {
    const lines: Array<{ level: number; msg: string } & Record<string, unknown>> = [];
    const log = createLogger({}, { write: (line) => lines.push(JSON.parse(line)) });
    let clock = 0;
    const run = { log, now: () => clock, budgetMs: 10_000, sleep: async (ms: number) => void (clock += ms) };
    return { lines, run };
  }

  it('retries while the store fails, then says what it stored and how long it took', async () => {
    const { deps, store } = world();
    store.put.mockRejectedValueOnce(new ObjectStoreError('refused'));
    const { lines, run } = logged();
    expect(await seedSamplePhotosLogged(deps, run)).toEqual({ stored: 3, skipped: 0, stopped: false });
    expect(lines.map((line) => line.msg)).toEqual(['sample photos not stored yet; retrying', 'sample photos']);
    expect(lines[1]).toMatchObject({ stored: 3, skipped: 0, samples: 3 });
    expect(typeof lines[1]!.ms).toBe('number');
  });

  it('gives up after its budget with an error line that says the fix, and never throws', async () => {
    const { deps, store } = world();
    store.put.mockRejectedValue(new ObjectStoreError('refused'));
    const { lines, run } = logged();
    expect(await seedSamplePhotosLogged(deps, run)).toBeUndefined();
    expect(lines.at(-1)).toMatchObject({ msg: 'sample photos not stored', fix: expect.stringContaining('npm run status') });
    expect(lines.filter((line) => line.msg === 'sample photos not stored yet; retrying').length).toBeGreaterThan(1);
  });
});
