/**
 * The image service's routes on fakes: an in-memory object store and hotels table, and
 * sharp behind spies (so each test sees what was decoded and what was stored).
 */
import { describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { createCorsPolicy } from '../../../../services/kit/cors.ts';
import { createLogger } from '../../../../services/kit/logger.ts';
import { IMAGE_CACHE_CONTROL, imageUrl } from '../../../../services/images/contract.ts';
import type { AddImageOutcome, HotelImagesStore } from '../../../../services/images/hotel-images-store.ts';
import { cleanOriginal, readImageHeader, renderVariant } from '../../../../services/images/image-codec.ts';
import { buildImageApp } from '../../../../services/images/image-routes.ts';
import { ObjectStoreError, type ObjectStore } from '../../../../services/images/object-store.ts';
import { photoWithGps, pngBomb, textNamedJpg, truncated } from '../../helpers/sample-images.ts';

function setup() {
  const objects = new Map<string, Buffer>();
  const store: ObjectStore = {
    ensureBucket: async () => 'exists',
    put: vi.fn(async (key: string, body: Buffer) => void objects.set(key, body)),
    get: vi.fn(async (key: string) => objects.get(key)),
  };
  const rows = new Map<number, string[]>([[1, []]]);
  const hotels: HotelImagesStore = {
    hotelExists: async (id) => rows.has(id),
    samplesWithoutImages: async () => [],
    addImage: async (id, hash): Promise<AddImageOutcome> => {
      const images = rows.get(id);
      if (!images) return 'no_hotel';
      if (images.includes(hash)) return 'already_there';
      images.push(hash);
      return 'added';
    },
  };
  const codec = { readHeader: vi.fn(readImageHeader), cleanOriginal: vi.fn(cleanOriginal), renderVariant: vi.fn(renderVariant) };
  const cors = createCorsPolicy(['http://127.0.0.1:8080']);
  const app = buildImageApp({ serviceName: 'images-test', log: createLogger({}, { write: () => undefined }), objects: store, hotels, codec, cors });
  const upload = (body: Buffer, hotel = 1, contentType = 'image/jpeg') =>
    app.inject({ method: 'POST', url: `/api/hotels/${hotel}/images`, headers: { 'content-type': contentType }, payload: body });
  return { app, objects, store, rows, codec, upload };
}

describe('POST /api/hotels/:id/images', () => {
  it('stores the cleaned original under its SHA-256, records it on the hotel and answers every URL', async () => {
    const { objects, rows, upload } = setup();
    const response = await upload(await photoWithGps());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ hotelId: 1, width: 1200, height: 800 });
    expect(body.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.urls.card.webp).toBe(imageUrl(body.hash, 'card', 'webp'));
    expect([...objects.keys()]).toEqual([body.hash]);
    expect(rows.get(1)).toEqual([body.hash]);
    // No EXIF (camera, GPS) in what is stored.
    expect((await sharp(objects.get(body.hash)!).metadata()).exif).toBeUndefined();
    // The same photo again is the same image: 200, recorded once.
    expect((await upload(await photoWithGps())).statusCode).toBe(200);
    expect(rows.get(1)).toEqual([body.hash]);
  });

  it('refuses each hostile upload with a clear 4xx and stores nothing', async () => {
    const { objects, rows, codec, upload } = setup();
    const photo = await photoWithGps();
    const cases: Array<[string, Promise<{ statusCode: number; json(): { error: { code: string } } }>, number, string]> = [
      ['a text file named .jpg', upload(textNamedJpg()), 415, 'unsupported_image_type'],
      ['a 20000 × 20000 PNG of a few KB', upload(pngBomb(), 1, 'image/png'), 422, 'too_many_pixels'],
      ['a truncated JPEG', upload(truncated(photo)), 422, 'unreadable_image'],
      ['an unknown hotel', upload(photo, 999), 404, 'hotel_not_found'],
      ['a hotel id that is no number', upload(photo, 'x' as unknown as number), 400, 'invalid_hotel_id'],
      ['an empty body', upload(Buffer.alloc(0)), 400, 'empty_upload'],
    ];
    for (const [what, sent, status, code] of cases) {
      const response = await sent;
      expect({ what, status: response.statusCode, code: response.json().error.code }).toEqual({ what, status, code });
    }
    expect(objects.size).toBe(0);
    expect(rows.get(1)).toEqual([]);
    // The bomb was refused from its header: the decoder never saw it.
    expect(codec.cleanOriginal.mock.calls.some(([bytes]) => bytes.length === pngBomb().length)).toBe(false);
  });

  it('takes the bytes only as application/octet-stream or image/*: a form-postable type is 415', async () => {
    const { upload } = setup();
    const photo = await photoWithGps(64, 64);
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json']) {
      const response = await upload(photo, 1, type);
      expect({ type, status: response.statusCode }).toEqual({ type, status: 415 });
    }
    expect((await upload(photo, 1, 'application/octet-stream')).statusCode).toBe(201);
  });

  it('refuses a body over the limit with 413', async () => {
    const { upload } = setup();
    const response = await upload(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(11 * 1024 * 1024)]));
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });
});

describe('GET /img/<hash>/<size>.<format>', () => {
  it('answers 503 when the object store does not answer', async () => {
    const { app, store } = setup();
    vi.mocked(store.get).mockRejectedValueOnce(new ObjectStoreError('object store object-store:9000 did not answer'));
    const response = await app.inject({ method: 'GET', url: imageUrl('ab'.repeat(32), 'card', 'jpg') });
    expect([response.statusCode, response.json().error.code]).toEqual([503, 'object_store_unavailable']);
  });

  it('answers a fixed size in the asked format, immutable, and resizes once for concurrent misses', async () => {
    const { upload, app, codec } = setup();
    const { hash } = (await upload(await photoWithGps())).json();
    const url = imageUrl(hash, 'card', 'webp');
    const answers = await Promise.all(Array.from({ length: 8 }, () => app.inject({ method: 'GET', url })));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(8).fill(200));
    expect(codec.renderVariant).toHaveBeenCalledTimes(1);
    const [first] = answers;
    expect(first!.headers['content-type']).toBe('image/webp');
    expect(first!.headers['cache-control']).toBe(IMAGE_CACHE_CONTROL);
    // HAProxy's cache stores no response that varies.
    expect(first!.headers.vary).toBeUndefined();
    expect(await sharp(first!.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 640 });
  });

  it('refuses an unknown image, size or format and a path with ".." or an encoded slash, without resizing', async () => {
    const { upload, app, codec } = setup();
    const { hash } = (await upload(await photoWithGps(64, 64))).json();
    const statusOf = async (url: string) => (await app.inject({ method: 'GET', url })).statusCode;
    expect(await statusOf(`/img/${'0'.repeat(64)}/card.webp`)).toBe(404);
    expect(await statusOf(`/img/${hash}/poster.webp`)).toBe(400);
    expect(await statusOf(`/img/${hash}/card.png`)).toBe(400);
    expect(await statusOf(`/img/${hash}/../card.webp`)).toBe(400);
    expect(await statusOf(`/img/${hash}%2Fcard.webp`)).toBe(400);
    expect(codec.renderVariant).not.toHaveBeenCalled();
  });
});
