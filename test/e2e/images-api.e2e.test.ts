/**
 * Hotel images on the real stack (issue 22): an upload through HAProxy lands in the object
 * store and on the hotel's row, and CDC carries it to search; its resized image is served immutable and cached by HAProxy
 * (MISS, then HIT); each hostile upload and URL of the issue gets a clear 4xx and stores
 * nothing (the bucket's file count and the hotel's row are unchanged).
 *
 * Requests go over node:http with the path exactly as written (fetch would resolve `..`
 * before sending) and a new connection each (no keep-alive socket to go stale).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { imageUrl, IMAGE_CACHE_CONTROL } from '../../services/images/contract.ts';
import { photoWithGps, pngBomb, textNamedJpg, truncated } from '../unit/helpers/sample-images.ts';
import { searchPath } from '../../scripts/lib/platform-client/api-client.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { api, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { containers, docker, rootConnection, stack } from './support/running-stack.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let base: string;
let hotelId: number;
let hotelToken: string;

function send(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const sent = request({ host: url.hostname, port: url.port, method, path, agent: false, headers: body ? { 'content-length': String(body.length), ...headers } : headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

const upload = (body: Buffer, hotel: number = hotelId, type = 'application/octet-stream') => send('POST', `/api/hotels/${hotel}/images`, body, { 'content-type': type });
const errorCode = (answer: Answer) => (JSON.parse(answer.body.toString()) as { error: { code: string } }).error.code;

/** Files in the bucket's folder of the object store (its filesystem backend). */
function storedObjects(): number {
  const store = containers().find((container) => container.service === 'object-store' && container.running);
  if (!store) throw new Error('no running object-store container');
  return docker(['exec', store.id, 'ls', '-1', `/data/${stack().images.bucket}`]).split('\n').filter(Boolean).length;
}

async function imagesOnRow(): Promise<string[]> {
  const db = await rootConnection(stack().database.name);
  try {
    const [rows] = (await db.query('SELECT images FROM hotels WHERE id = ?', [hotelId])) as unknown as [Array<{ images: unknown }>];
    const images = rows[0]?.images ?? null;
    return images === null ? [] : ((typeof images === 'string' ? JSON.parse(images) : images) as string[]);
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  await borrowStack();
  base = stack().urls.api;
  hotelToken = uniqueToken('img');
  hotelId = (await createHotel(base, { name: `Image Test ${hotelToken}`, city: 'Porto', stars: 4 })).id;
}, 600_000);

afterAll(async () => {
  if (hotelId) await api(base, 'DELETE', `/api/hotels/${hotelId}`);
}, 600_000);

describe('hotel images through HAProxy', () => {
  let hash = '';

  test('an upload is stored under its hash and recorded on the hotel; its sizes are immutable and cached', async () => {
    const answer = await upload(await photoWithGps());
    expect(answer.status, answer.body.toString()).toBe(201);
    hash = (JSON.parse(answer.body.toString()) as { hash: string }).hash;
    expect(await imagesOnRow()).toEqual([hash]);
    // The row's change reaches search through CDC, hashes and all.
    await eventually(
      `search finds hotel ${hotelId} with image ${hash}`,
      async () => {
        const found = await api(base, 'GET', searchPath(hotelToken));
        const hit = (found.body as { hits?: Array<{ id: number; images?: string[] }> }).hits?.find((h) => h.id === hotelId);
        return hit?.images?.includes(hash) ? true : undefined;
      },
      { budgetMs: 30_000, intervalMs: 250 },
    );

    const url = imageUrl(hash, 'card', 'webp');
    const first = await send('GET', url);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('image/webp');
    expect(first.headers['cache-control']).toBe(IMAGE_CACHE_CONTROL);
    expect(first.headers['x-cache-status']).toBe('MISS');
    const again = await send('GET', url);
    expect(again.headers['x-cache-status']).toBe('HIT');
    expect(again.body.equals(first.body)).toBe(true);
    // Another format of the same size is its own URL, resized on its own.
    const jpeg = await send('GET', imageUrl(hash, 'thumb', 'jpg'));
    expect([jpeg.status, jpeg.headers['content-type'], jpeg.headers['x-cache-status']]).toEqual([200, 'image/jpeg', 'MISS']);
  });

  test('each hostile upload gets a clear 4xx and stores nothing', async () => {
    const before = { objects: storedObjects(), row: await imagesOnRow() };
    const photo = await photoWithGps(800, 600);
    const cases: Array<[string, Promise<Answer>, number, string]> = [
      ['a text file named .jpg', upload(textNamedJpg(), hotelId, 'image/jpeg'), 415, 'unsupported_image_type'],
      ['a 20000 x 20000 PNG of a few KB', upload(pngBomb(), hotelId, 'image/png'), 422, 'too_many_pixels'],
      ['a truncated JPEG', upload(truncated(photo)), 422, 'unreadable_image'],
      ['an image for a hotel that does not exist', upload(photo, 2_000_000_000), 404, 'hotel_not_found'],
      ['a form post (text/plain)', upload(photo, hotelId, 'text/plain'), 415, 'unsupported_media_type'],
      ['more than 10 MiB, refused by HAProxy from Content-Length', upload(Buffer.alloc(10 * 1024 * 1024 + 1)), 413, 'payload_too_large'],
    ];
    for (const [what, sent, status, code] of cases) {
      const answer = await sent;
      expect({ what, status: answer.status, code: errorCode(answer) }).toEqual({ what, status, code });
    }
    expect({ objects: storedObjects(), row: await imagesOnRow() }).toEqual(before);
  });

  test('an unknown size or format, "..", an encoded slash and an unknown hash are 4xx and never cached', async () => {
    const cases: Array<[string, number, string]> = [
      [`/img/${hash}/poster.webp`, 400, 'unknown_image_size'],
      [`/img/${hash}/card.gif`, 400, 'unknown_image_format'],
      [`/img/${hash}/../card.webp`, 400, 'invalid_image_path'],
      [`/img/${hash}%2Fcard.webp`, 400, 'invalid_image_path'],
      [`/img/${hash}/card.webp?w=5000`, 400, 'query_not_allowed'],
      [`/img/${'0'.repeat(64)}/card.webp`, 404, 'image_not_found'],
    ];
    for (const [path, status, code] of cases) {
      for (const attempt of [1, 2]) {
        const answer = await send('GET', path);
        expect({ path, attempt, status: answer.status, code: errorCode(answer), cache: answer.headers['x-cache-status'] }).toEqual({ path, attempt, status, code, cache: 'MISS' });
      }
    }
  });
});
