/**
 * Hotel photos in the page (issue 22) on the borrowed stack, in Chromium over HTTPS with
 * this checkout's CA in the test profile's NSS store:
 * - every sample hotel (still the sample) has the photo the image service painted for it
 *   at setup: on its row, in the object store, in search;
 * - the search page shows them: each card's <img> loaded (naturalWidth > 0) from /img/ over
 *   h2, the AVIF source at the card's size; axe finds no serious or critical violation;
 * - a hotel's uploaded photo appears on its card once CDC has carried the row to search;
 * - at 390 px (3× pixels): <picture> with AVIF and WebP sources over every fixed size, a
 *   lazy <img> with its dimensions, the large size chosen for the screen, no sideways scroll;
 * - a restart of the image service stores nothing new (its log line, the bucket unchanged).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { imageUrl } from '../../services/images/contract.ts';
import { sampleHotelsOfSql } from '../../services/lib/sample-hotels.ts';
import { samplePhotoJpeg } from '../../services/lib/sample-photo.ts';
import { searchPath } from '../../scripts/lib/platform-client/api-client.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { TLS_FILE_NAMES } from '../../scripts/lib/tls/tls-files.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { api, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { certutilMissing, chromiumMissing, launchChromium, nssProfileTrusting, seriousA11yViolations, watchedPage, type PageProblem } from './support/browser.ts';
import { containers, docker, health, rootConnection, stack } from './support/running-stack.ts';

const missing = chromiumMissing() ?? certutilMissing();
const samples = sampleHotelsOfSql(readFileSync(join(paths.repoRoot, 'mysql', 'sample-data', 'hotels.sql'), 'utf8'));
let profile: ReturnType<typeof nssProfileTrusting> | undefined;
let browser: Browser | undefined;
let base = '';
/** The page's HTTPS origin by the name a person types (the certificate names it). */
let origin = '';
let uploadedHotel: { id: number; token: string; hash: string } | undefined;

beforeAll(async () => {
  await borrowStack();
  base = stack().urls.api;
  origin = `https://localhost:${stack().ports.https}`;
  if (!missing) {
    profile = nssProfileTrusting(join(paths.tlsDir, TLS_FILE_NAMES.caCertificate));
    browser = await launchChromium({ ...process.env, HOME: profile.home });
  }
});

afterAll(async () => {
  await browser?.close();
  profile?.remove();
  if (uploadedHotel) await api(base, 'DELETE', `/api/hotels/${uploadedHotel.id}`);
});

/** The sample hotels that are still the sample (a test may have deleted one), with their images. */
async function sampleRows(): Promise<Array<{ id: number; name: string; images: string[] }>> {
  const db = await rootConnection(stack().database.name);
  try {
    const [rows] = (await db.query('SELECT id, name, city, images FROM hotels WHERE id IN (?)', [samples.map((s) => s.id)])) as unknown as [Array<{ id: number; name: string; city: string; images: unknown }>];
    return rows
      .filter((row) => samples.some((s) => s.id === row.id && s.name === row.name && s.city === row.city))
      .map((row) => ({ id: row.id, name: row.name, images: row.images === null ? [] : ((typeof row.images === 'string' ? JSON.parse(row.images) : row.images) as string[]) }));
  } finally {
    await db.end();
  }
}

/** Files in the images' bucket (the object store's filesystem backend). */
function storedObjects(): number {
  const store = containers().find((c) => c.service === 'object-store' && c.running);
  if (!store) throw new Error('no running object-store container');
  return docker(['exec', store.id, 'ls', '-1', `/data/${stack().images.bucket}`]).split('\n').filter(Boolean).length;
}

/** The card of hotel `id` (its link, without a stay, is /hotels/<id>): its list item. */
const cardOf = (page: Page, id: number) => page.locator('li', { has: page.locator(`a[href="/hotels/${id}"]`) });

/** Waits until the card's photo is decoded, then its address, its size in pixels and the protocol it came over. */
async function loadedPhoto(page: Page, id: number) {
  const photo = cardOf(page, id).getByTestId('hotel-photo');
  await photo.scrollIntoViewIfNeeded();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)), { timeout: 20_000 }).toBeGreaterThan(0);
  return photo.evaluate((img: HTMLImageElement) => ({
    src: img.currentSrc,
    naturalWidth: img.naturalWidth,
    protocol: (performance.getEntriesByName(img.currentSrc)[0] as PerformanceResourceTiming | undefined)?.nextHopProtocol,
  }));
}

async function accessible(page: Page, where: string) {
  expect(await seriousA11yViolations(page), `axe-core on ${where}`).toEqual([]);
}

describe('sample photos', () => {
  test('each sample hotel has the photo painted for it at setup: on its row, in the object store, in search', async () => {
    const rows = await eventually('every sample hotel has an image on its row', async () => {
      const current = await sampleRows();
      return current.length > 0 && current.every((row) => row.images.length > 0) ? current : undefined;
    }, { budgetMs: 60_000, intervalMs: 500 });
    for (const row of rows) {
      const hash = row.images[0]!;
      const thumb = await fetch(`${base}${imageUrl(hash, 'thumb', 'jpg')}`);
      expect([row.name, thumb.status, thumb.headers.get('content-type')]).toEqual([row.name, 200, 'image/jpeg']);
      await thumb.arrayBuffer();
      await eventually(`search shows ${row.name} with its photo`, async () => {
        const hits = ((await api(base, 'GET', searchPath(row.name))).body as { hits?: Array<{ id: number; images?: string[] }> }).hits ?? [];
        return hits.find((hit) => hit.id === row.id)?.images?.includes(hash) ? true : undefined;
      }, { budgetMs: 30_000, intervalMs: 250 });
    }
  });

  test('a restart of the image service stores nothing new', async () => {
    const before = { objects: storedObjects(), rows: await sampleRows() };
    const images = containers().find((c) => c.service === 'images' && c.running);
    if (!images) throw new Error('no running images container');
    const since = new Date(Date.now() - 1_000).toISOString();
    docker(['restart', images.id]);
    const line = await eventually('the restarted image service says what it seeded', async () => {
      const lines = docker(['logs', '--since', since, images.id]).split('\n').filter((l) => l.includes('"msg":"sample photos"'));
      return lines[0] ? (JSON.parse(lines[0]) as { stored: number; skipped: number }) : undefined;
    }, { budgetMs: 60_000, intervalMs: 500 });
    expect(line).toMatchObject({ stored: 0, skipped: samples.length });
    expect({ objects: storedObjects(), rows: await sampleRows() }).toEqual(before);
    // Healthy again, and back in HAProxy's pool (its check), before the browser asks for images.
    await eventually('the image service is healthy and reached through HAProxy', async () => {
      if (health(images.id) !== 'healthy') return undefined;
      const answer = await fetch(`${base}/img/${'0'.repeat(64)}/thumb.jpg`);
      await answer.arrayBuffer();
      return answer.status === 404 ? true : undefined;
    }, { budgetMs: 60_000, intervalMs: 500 });
  });
});

describe.skipIf(missing !== undefined)('photos in Chromium over HTTPS', () => {
  test('the search page shows the sample photos: loaded from /img/ over h2, the AVIF card size; axe clean', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(context);
    const rows = await sampleRows();
    expect(rows.length).toBeGreaterThan(0);
    for (const [index, row] of rows.entries()) {
      await page.goto(`${origin}/?q=${encodeURIComponent(row.name)}`);
      const photo = await loadedPhoto(page, row.id);
      // The card size in AVIF was chosen and decoded. naturalWidth is in CSS pixels for an image picked
      // from a srcset (the file's 640 px over its density for the slot), so only > 0 is asked of it.
      expect(photo, row.name).toMatchObject({ src: `${origin}${imageUrl(row.images[0]!, 'card', 'avif')}`, protocol: 'h2' });
      expect(photo?.naturalWidth, row.name).toBeGreaterThan(0);
      if (index === 0) await accessible(page, 'search results with photos');
    }
    expect(problems).toEqual([] as PageProblem[]);
    await context.close();
  });

  test("a hotel's uploaded photo appears on its card once CDC carries it to search", async () => {
    const token = uniqueToken('photo');
    const hotel = await createHotel(base, { name: `Photo Test ${token}`, city: 'Porto', stars: 4 });
    uploadedHotel = { id: hotel.id, token, hash: '' };
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/?q=${token}`);
    await cardOf(page, hotel.id).waitFor();
    expect(await cardOf(page, hotel.id).getByTestId('hotel-photo').count()).toBe(0);

    const answer = await fetch(`${base}/api/hotels/${hotel.id}/images`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: new Uint8Array(await samplePhotoJpeg(Date.now() % 1_000_000_000)) });
    expect(answer.status).toBe(201);
    uploadedHotel.hash = ((await answer.json()) as { hash: string }).hash;
    await eventually('the card shows the uploaded photo', async () => {
      await page.reload();
      await cardOf(page, hotel.id).waitFor();
      return (await cardOf(page, hotel.id).getByTestId('hotel-photo').count()) > 0 ? true : undefined;
    }, { budgetMs: 30_000, intervalMs: 500 });
    expect(await loadedPhoto(page, hotel.id)).toMatchObject({ src: `${origin}${imageUrl(uploadedHotel.hash, 'card', 'avif')}`, protocol: 'h2' });
    expect(problems).toEqual([] as PageProblem[]);
    await context.close();
  });

  test('at 390 px: <picture> over every size in AVIF and WebP, a lazy <img> with its dimensions, the large size for 3× pixels, no sideways scroll', async () => {
    expect(uploadedHotel?.hash, 'the upload test ran first').toBeTruthy();
    const { id, token, hash } = uploadedHotel!;
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${origin}/?q=${token}`);
    const photo = await loadedPhoto(page, id);
    // 100vw of 390 CSS px at 3 device pixels each: 1170 px, so the 1600 px size, not the card's 640.
    expect(photo).toMatchObject({ src: `${origin}${imageUrl(hash, 'large', 'avif')}`, protocol: 'h2' });
    const markup = await cardOf(page, id).locator('picture').evaluate((picture) => ({
      sources: [...picture.querySelectorAll('source')].map((s) => ({ type: s.type, srcset: s.srcset, sizes: s.sizes })),
      // Attributes, not properties: an <img>'s width property is its rendered width.
      img: Object.fromEntries(['loading', 'decoding', 'srcset', 'sizes', 'width', 'height', 'alt'].map((name) => [name, picture.querySelector('img')!.getAttribute(name)])),
    }));
    const every = (format: 'avif' | 'webp' | 'jpg') => `${imageUrl(hash, 'thumb', format)} 320w, ${imageUrl(hash, 'card', format)} 640w, ${imageUrl(hash, 'large', format)} 1600w`;
    const sizes = '(min-width: 1024px) 33vw, (min-width: 640px) 50vw, 100vw';
    expect(markup).toEqual({
      sources: [
        { type: 'image/avif', srcset: every('avif'), sizes },
        { type: 'image/webp', srcset: every('webp'), sizes },
      ],
      img: { loading: 'lazy', decoding: 'async', srcset: every('jpg'), sizes, width: '640', height: '427', alt: '' },
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const shown = await cardOf(page, id).getByTestId('hotel-photo').boundingBox();
    expect(shown!.x).toBeGreaterThanOrEqual(0);
    expect(shown!.x + shown!.width).toBeLessThanOrEqual(390);
    await accessible(page, 'a result card with its photo at 390 px');
    expect(problems).toEqual([] as PageProblem[]);
    await context.close();
  });
});
