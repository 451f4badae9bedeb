/**
 * The booking page in a real browser (Debian's Chromium), through HAProxy on the
 * borrowed stack: find a sample hotel, a field error from the API's 400, create →
 * searchable → edit → delete, the same search on a 390 px phone, no page or console
 * errors, no serious axe-core violation; screenshots under .cache/screenshots/.
 * Every page runs under the page's Content-Security-Policy, so a violation is a console error.
 * Also the edge: the security headers, index.html never cached, assets cached by HAProxy (MISS then HIT),
 * text gzipped, /api/ and /healthz unchanged.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paths } from '../../scripts/lib/paths.ts';
import { CONTENT_SECURITY_POLICY } from '../../web/server/static-files.ts';
import { api, awaitSearch, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { chromiumMissing, launchChromium, seriousA11yViolations, watchedPage, type PageProblem } from './support/browser.ts';
import { containers, docker, stack, urls } from './support/running-stack.ts';

const missing = chromiumMissing();
const screenshots = join(paths.repoRoot, '.cache', 'screenshots');
let browser: Browser | undefined;
let base = '';
/** The engine the stack runs, as the page must name it (it said MySQL on a MariaDB stack). */
const engineName = ({ mysql: 'MySQL', mariadb: 'MariaDB' } as const)[stack().engine];

beforeAll(async () => {
  await borrowStack();
  base = urls().api;
  if (!missing) browser = await launchChromium();
  mkdirSync(screenshots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page, where: string) {
  expect(await seriousA11yViolations(page), `axe-core on ${where}`).toEqual([]);
}

/** N of the search page's "Showing 1–6 of N hotels". */
async function shownTotal(page: Page): Promise<number | undefined> {
  const line = page.getByText(/^Showing \d+–\d+ of \d+ hotels?$/);
  if ((await line.count()) !== 1) return undefined;
  return Number(/of (\d+) hotel/.exec((await line.textContent()) ?? '')?.[1]);
}

async function searchFor(page: Page, text: string) {
  await page.getByLabel('Search hotels').fill(text);
  await page.getByLabel('Search hotels').press('Enter');
}

describe.skipIf(missing !== undefined)('the booking page in Chromium', () => {
  test('find a sample hotel, get a field error, create, find, edit and delete a hotel', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    // The one error the flow provokes: the browser logs the API's 400 to the invalid form.
    const { page, problems } = await watchedPage(context, (m) => /status of 400/.test(m.text()) && m.location().url.endsWith('/api/hotels'));

    await page.goto(`${base}/`);
    await searchFor(page, 'Harbour View');
    await expect.poll(() => page.getByRole('link', { name: 'Harbour View Hotel' }).count()).toBe(1);
    // City and stars filters, by keyboard: the stars select opens with Enter.
    await page.getByLabel('City').fill('Lisbon');
    await page.getByLabel('Stars').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: '4+ stars' }).click();
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url()).toContain('stars=4');
    await expect.poll(() => page.getByRole('link', { name: 'Harbour View Hotel' }).count()).toBe(1);
    await expectAccessible(page, 'the search page');
    const desktop = join(screenshots, 'web-desktop.png');
    await page.screenshot({ path: desktop, fullPage: true });
    console.log(`screenshot (desktop): ${desktop}`);

    const token = uniqueToken('webe2e');
    await page.getByRole('link', { name: 'Add hotel' }).click();
    await page.getByText(`It is saved in ${engineName} and reaches search through Debezium and Kafka.`).waitFor({ timeout: 10_000 });
    await page.getByLabel('Name').fill(`Browser ${token}`);
    await page.getByLabel('City', { exact: true }).fill('Porto');
    await page.getByLabel('Stars').fill('7');
    await page.getByRole('button', { name: 'Create hotel' }).click();
    const starsError = page.getByText('Stars must be an integer from 1 to 5');
    await starsError.waitFor();
    expect(await page.getByLabel('Stars').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hotel-stars');
    await expectAccessible(page, 'the form with a field error');

    await page.getByLabel('Stars').fill('4');
    await page.getByRole('button', { name: 'Create hotel' }).click();
    await page.getByText('Hotel created').first().waitFor();
    const id = Number(/\/hotels\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);
    const seconds = page.getByTestId('searchable-seconds');
    await seconds.waitFor({ timeout: 30_000 });
    console.log(`hotel ${id} searchable after ${await seconds.textContent()} (shown by the page)`);
    expect(await page.getByTestId('searchable-status').textContent()).toContain(`(${engineName} → Debezium → Kafka → indexer → Elasticsearch)`);

    await page.getByRole('link', { name: 'Back to search' }).click();
    await searchFor(page, token);
    await page.getByRole('link', { name: `Browser ${token}` }).click();
    await expect.poll(() => page.url()).toContain(`/hotels/${id}`);

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Name').fill(`Edited ${token}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Hotel saved').first().waitFor();
    await page.getByRole('heading', { name: `Edited ${token}` }).waitFor();

    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Delete Edited ${token}?`).waitFor();
    await expectAccessible(page, 'the delete dialog');
    await dialog.getByRole('button', { name: 'Delete hotel' }).click();
    await page.getByText('Hotel deleted').first().waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect((await api(base, 'GET', `/api/hotels/${id}`)).status).toBe(404);
    // The list the page shows counts what search counts once the delete has come
    // through the pipeline (it went on saying "of 13 hotels" while search said 12).
    await awaitSearch(base, token, id, false);
    const searchTotal = ((await api(base, 'GET', '/api/search')).body as { total: number }).total;
    await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBe(searchTotal);
    expect(await page.getByTestId('delete-catch-up').count()).toBe(0);

    expect(problems).toEqual([] as PageProblem[]);
    await context.close();
  });

  test('a hotel renamed and deleted before search saw the rename: the list follows once search drops it', async () => {
    const token = uniqueToken('renamed');
    const hotel = await createHotel(base, { name: `Before ${token}`, city: 'Tartu', stars: 3 });
    await awaitSearch(base, token, hotel.id, true);
    // Search keeps the old name while the indexer is paused: the page knows only the new one.
    const indexer = containers().find((c) => c.service === 'search-indexer')!;
    docker(['pause', indexer.id]);
    let paused = true;
    try {
      expect((await api(base, 'PUT', `/api/hotels/${hotel.id}`, { name: `After ${token}`, city: 'Tartu', stars: 3 })).status).toBe(200);
      const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
      const { page, problems } = await watchedPage(context);
      await page.goto(`${base}/hotels/${hotel.id}`);
      await page.getByRole('heading', { name: `After ${token}` }).waitFor();
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete hotel' }).click();
      await page.getByText('Hotel deleted').first().waitFor();
      // Still catching up: search has neither the rename nor the delete yet.
      await page.getByTestId('delete-catch-up').waitFor();
      docker(['unpause', indexer.id]);
      paused = false;
      await awaitSearch(base, token, hotel.id, false);
      const searchTotal = ((await api(base, 'GET', '/api/search')).body as { total: number }).total;
      await expect.poll(() => shownTotal(page), { timeout: 15_000 }).toBe(searchTotal);
      expect(await page.getByTestId('delete-catch-up').count()).toBe(0);
      expect(problems).toEqual([] as PageProblem[]);
      await context.close();
    } finally {
      if (paused) docker(['unpause', indexer.id]);
    }
  });

  test('the same search on a 390 px phone', async () => {
    const context = await browser!.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { page, problems } = await watchedPage(context);
    await page.goto(`${base}/?q=Harbour+View`);
    await page.getByRole('link', { name: 'Harbour View Hotel' }).waitFor();
    expect(await page.getByLabel('Search hotels').inputValue()).toBe('Harbour View');
    // Nothing wider than the screen: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectAccessible(page, 'the search page at 390 px');
    const mobile = join(screenshots, 'web-mobile.png');
    await page.screenshot({ path: mobile, fullPage: true });
    console.log(`screenshot (mobile): ${mobile}`);
    expect(problems).toEqual([] as PageProblem[]);
    await context.close();
  });

  test('the API down is a readable message, not a blank page', async () => {
    const context = await browser!.newContext();
    // HAProxy's answer when no replica is up; the page's own 503 console line is expected.
    const { page, problems } = await watchedPage(context, (m) => /status of 503/.test(m.text()));
    await page.route('**/api/search**', (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<html><body><h1>503 Service Unavailable</h1></body></html>' }));
    await page.goto(`${base}/`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The booking API is not running (the load balancer answered 503). Start the stack with `npm run up`');
    expect(problems).toEqual([] as PageProblem[]);
    await context.close();
  });
});

describe('the page at the edge (HAProxy)', () => {
  test('index.html is never cached; hashed assets are immutable, cached (MISS then HIT) and gzipped', async () => {
    const index = await fetch(`${base}/`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    // The page's security headers pass the edge unchanged (the browser tests above
    // fail on any console error, which is how Chromium reports a CSP violation).
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-frame-options')).toBe('DENY');
    expect(index.headers.get('content-encoding')).toBe('gzip');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    expect(script, 'index.html names its script').toBeDefined();
    // A query of its own: this run's first request is a miss whatever the cache held.
    const asset = `${base}${script}?e2e=${uniqueToken('cache')}`;
    const first = await fetch(asset, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(first.headers.get('x-cache-status')).toBe('MISS');
    expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Read to the end: HAProxy stores the object once the whole response has passed.
    const firstBody = await first.text();
    const second = await fetch(asset, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(second.headers.get('x-cache-status')).toBe('HIT');
    expect(second.headers.get('content-encoding')).toBe('gzip');
    expect(await second.text()).toBe(firstBody);
  });

  test('/api/ stays the API (unknown paths 404 JSON) and /healthz stays HAProxy\'s', async () => {
    const unknown = await fetch(`${base}/api/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    // HAProxy's monitor-uri page, not the web server's "ok".
    expect(await health.text()).toContain('200 OK');
    const missingAsset = await fetch(`${base}/assets/does-not-exist-0000.js`);
    expect(missingAsset.status).toBe(404);
  });
});
