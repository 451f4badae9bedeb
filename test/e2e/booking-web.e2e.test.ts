/**
 * The booking experience in a real browser (Debian's Chromium) through HAProxy on the borrowed
 * stack (issue 21, "In the page"): search by dates with the calendar → a hotel's rooms for the
 * stay → book with the test card that pays → the saga's steps live until CONFIRMED; manage
 * booking → cancel → refunded and the room back on sale; a declining card's reason in words
 * and the room count back; a double-click and a retry on Book make one booking; a wrong PIN
 * reads exactly as an unknown number; the flow at 390 px by keyboard; no console errors; no
 * serious axe-core violation. Screenshots of each state under .cache/screenshots/booking/
 * (the README's come from there).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mysql, { type Pool } from 'mysql2/promise';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paths } from '../../scripts/lib/paths.ts';
import { api } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { chromiumMissing, launchChromium, seriousA11yViolations, watchedPage, type PageProblem } from './support/browser.ts';
import { stack, urls } from './support/running-stack.ts';

const missing = chromiumMissing();
const shots = join(paths.repoRoot, '.cache', 'screenshots', 'booking');
const DAY_MS = 86_400_000;
let browser: Browser | undefined;
let pool: Pool | undefined;
let base = '';

beforeAll(async () => {
  await borrowStack();
  base = urls().api;
  const { ports, saga } = stack();
  const bookings = saga.services.booking;
  pool = mysql.createPool({ host: '127.0.0.1', port: ports.mysql, user: bookings.account, password: bookings.password, database: bookings.database, connectionLimit: 1 });
  if (!missing) browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await pool?.end();
});

/** A calendar day `days` from today (UTC, the stack's calendar). */
const dayFromToday = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
/** Dates of this run's own, so runs on one stack do not sell out a room type. */
const someDays = (from: number, span: number) => from + Math.floor(Math.random() * span);
const stayQuery = (checkIn: string, checkOut: string, guests = 2) => `check_in=${checkIn}&check_out=${checkOut}&guests=${guests}`;

async function hotelId(name: string): Promise<number> {
  const response = await api(base, 'GET', `/api/search?${new URLSearchParams({ q: name, limit: '1' })}`);
  const id = (response.body as { hits: Array<{ id: number; name: string }> }).hits.find((h) => h.name === name)?.id;
  if (!id) throw new Error(`sample hotel "${name}" not found by search`);
  return id;
}

async function roomsLeft(id: number, query: string): Promise<Record<string, number>> {
  const response = await api(base, 'GET', `/api/hotels/${id}/rooms?${query}`);
  expect(response.status).toBe(200);
  return Object.fromEntries((response.body as { roomTypes: Array<{ name: string; available: number }> }).roomTypes.map((r) => [r.name, r.available]));
}

async function bookingsOf(email: string): Promise<Array<{ number: string; state: string }>> {
  const [rows] = await pool!.query('SELECT number, state FROM bookings WHERE guest_email = ?', [email]);
  return rows as Array<{ number: string; state: string }>;
}

async function accessible(page: Page, where: string) {
  expect(await seriousA11yViolations(page), `axe-core on ${where}`).toEqual([]);
}

async function shoot(page: Page, name: string) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
}

/** Clicks a day in the open calendar, paging months forward until it shows. */
async function pickOnCalendar(page: Page, day: string) {
  const date = new Date(`${day}T00:00:00Z`);
  const month = date.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  const n = date.getUTCDate();
  // The calendar names a day by the number it shows first (web/src/components/ui/calendar.tsx).
  const button = page.getByRole('button', { name: new RegExp(`^${n} ${month} ${date.getUTCFullYear()},`) });
  // The calendar is a chunk loaded on demand: its days are counted only once its grid is drawn,
  // and after each page forward only once the grid names the next month. Counted earlier, a slow
  // load read as "not this month" and paged past the day (CI14, under load).
  const grid = page.getByRole('grid').first();
  await grid.waitFor();
  for (let i = 0; i < 14 && (await button.count()) === 0; i++) {
    const shown = await grid.getAttribute('aria-label');
    await page.getByRole('button', { name: 'Go to the Next Month' }).click();
    await expect.poll(() => grid.getAttribute('aria-label')).not.toBe(shown);
  }
  await button.first().click();
}

/** The booking form: name, email, a test card by what it does; then the submit button. */
async function fillBooking(page: Page, guest: { name: string; email: string }, card: RegExp) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(guest.name);
  await dialog.getByLabel('Email').fill(guest.email);
  await dialog.getByRole('radio', { name: card }).check();
  return dialog.getByRole('button', { name: /^Book and pay/ });
}

async function finalState(page: Page, state: 'CONFIRMED' | 'CANCELLED') {
  await page.locator(`[data-testid="booking-status"][data-state="${state}"]`).waitFor({ timeout: 60_000 });
}

const notFoundLines = (m: { text: () => string }) => /status of 404/.test(m.text());
/** The first room type that is not sold out. */
const bookButton = (page: Page) => page.locator('button[aria-label^="Book "]:not([disabled])').first();

describe.skipIf(missing !== undefined)('booking in Chromium', () => {
  let confirmed: { number: string; pin: string } | undefined;
  let context: BrowserContext | undefined;

  test('search by dates → the hotel\'s rooms → book with the card that pays → the steps live until CONFIRMED', async () => {
    context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(context);
    const checkIn = dayFromToday(someDays(3, 40));
    const checkOut = new Date(Date.parse(`${checkIn}T00:00:00Z`) + 2 * DAY_MS).toISOString().slice(0, 10);

    await page.goto(`${base}/`);
    await page.getByLabel('Search hotels').fill('Harbour View');
    await page.getByLabel('Dates').click();
    await pickOnCalendar(page, checkIn);
    await page.getByText('Now choose the check-out day.').waitFor();
    await accessible(page, 'the open calendar');
    await shoot(page, 'calendar');
    await pickOnCalendar(page, checkOut);
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.url()).toContain(stayQuery(checkIn, checkOut));
    const link = page.getByRole('link', { name: 'Harbour View Hotel' });
    await link.waitFor();
    // Date search answers from Elasticsearch (w/avail-search): with it, each hit has its lowest total.
    const search = await api(base, 'GET', `/api/search?q=Harbour+View&${stayQuery(checkIn, checkOut)}`);
    const hit = (search.body as { hits: Array<{ stay?: unknown }> }).hits[0];
    console.log(`date search on this branch: ${hit?.stay ? 'answers the stay (lowest total shown)' : 'ignores the dates (w/avail-search not merged): the page passes them on'}`);
    if (hit?.stay) await page.getByTestId('lowest-total').first().waitFor();
    await accessible(page, 'search with dates');
    await shoot(page, 'search-dates');

    await link.click();
    await expect.poll(() => page.url()).toContain(stayQuery(checkIn, checkOut));
    const book = bookButton(page);
    await book.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('room-total').first().textContent()).toMatch(/^€[\d,]+\.\d\d$/);
    await accessible(page, 'the hotel\'s rooms');
    await shoot(page, 'hotel-rooms');

    await book.click();
    const submit = await fillBooking(page, { name: 'Ada Browser', email: `ada-${Date.now()}@example.com` }, /4242 4242 4242 4242/);
    await accessible(page, 'the booking form');
    await shoot(page, 'book-form');
    await submit.click();
    await page.getByTestId('booking-status').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/bookings\/\d{10}$/);
    await finalState(page, 'CONFIRMED');
    const number = (await page.getByTestId('booking-number').textContent())!;
    const pin = (await page.getByTestId('booking-pin').textContent())!;
    expect(pin).toMatch(/^\d{6}$/);
    // The whole way, as the service recorded it: every forward step done.
    expect(await page.locator('[data-status="done"]').count()).toBe(4);
    expect(await page.getByTestId('saga-events').textContent()).toContain('Payment taken');
    await accessible(page, 'the confirmation');
    await shoot(page, 'confirmed');
    confirmed = { number, pin };
    expect(problems).toEqual([] as PageProblem[]);
  });

  test('manage booking (this device remembers it) → cancel → refunded, the room back on sale', async () => {
    expect(confirmed, 'the booking of the test above').toBeDefined();
    const { page, problems } = await watchedPage(context!);
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Manage booking' }).click();
    await page.getByRole('link', { name: new RegExp(confirmed!.number) }).click();
    await finalState(page, 'CONFIRMED');
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await accessible(page, 'the cancel dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel and refund' }).click();
    await finalState(page, 'CANCELLED');
    await page.getByTestId('refunded').waitFor();
    await page.getByTestId('rooms-came-back').waitFor();
    expect(await page.getByTestId('cancel-reason').textContent()).toBe('You cancelled this booking.');
    await accessible(page, 'the cancelled booking');
    await shoot(page, 'cancelled-refunded');
    expect(problems).toEqual([] as PageProblem[]);
    await context!.close();
  });

  test('a declining card: the reason in plain words, nothing charged, the room count back', async () => {
    const id = await hotelId('Canal House');
    const inDays = someDays(60, 200);
    const query = stayQuery(dayFromToday(inDays), dayFromToday(inDays + 3));
    const before = await roomsLeft(id, query);
    const ctx = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(ctx);
    await page.goto(`${base}/hotels/${id}?${query}`);
    await bookButton(page).click();
    await (await fillBooking(page, { name: 'Dee Clined', email: `declined-${Date.now()}@example.com` }, /4000 0000 0000 0002/)).click();
    await finalState(page, 'CANCELLED');
    expect(await page.getByTestId('cancel-reason').textContent()).toBe('Your card was declined.');
    await page.getByText('Nothing was charged to your card.').waitFor();
    await page.getByTestId('rooms-came-back').waitFor();
    expect(await page.locator('[data-status="failed"]').count()).toBe(1);
    await accessible(page, 'a declined booking');
    await shoot(page, 'declined');
    expect(await roomsLeft(id, query)).toEqual(before);
    expect(problems).toEqual([] as PageProblem[]);
    await ctx.close();
  });

  test('a double-click on Book, and a retry after the answer was lost, make one booking', async () => {
    const id = await hotelId('Old Town Inn');
    // Check-out counted from the same day number: from the check-in's midnight back to now rounds
    // a day short after 12:00 UTC, which made the stay zero nights (no Book button, CI17).
    const inDays = someDays(60, 200);
    const query = stayQuery(dayFromToday(inDays), dayFromToday(inDays + 1), 1);
    const ctx = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    // The lost answer below is a failed request in the console: expected.
    const { page, problems } = await watchedPage(ctx, (m) => /ERR_FAILED|Failed to fetch/.test(m.text()));
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/bookings') keys.push(request.headers()['idempotency-key'] ?? '');
    });
    // The first POST reaches the service (the booking is made), then its answer is lost on the way back.
    let lose = true;
    await page.route('**/api/bookings', async (route) => {
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      await route.abort('failed');
    });
    const email = `twice-${Date.now()}@example.com`;
    await page.goto(`${base}/hotels/${id}?${query}`);
    await bookButton(page).click();
    const submit = await fillBooking(page, { name: 'Double Click', email }, /4242 4242 4242 4242/);
    await submit.dblclick();
    await page.getByRole('dialog').getByRole('alert').waitFor();
    expect(await page.getByRole('dialog').getByRole('alert').textContent()).toContain('The booking API cannot be reached');
    await shoot(page, 'retry-after-lost-answer');
    await submit.click();
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/bookings\/\d{10}$/);
    expect(keys.length).toBe(2);
    expect(new Set(keys).size).toBe(1);
    const made = await bookingsOf(email);
    expect(made).toHaveLength(1);
    expect(new URL(page.url()).pathname).toBe(`/bookings/${made[0]!.number}`);
    // The retry's answer (200, same key) is the same booking without its PIN: the service
    // shows a PIN once, in the answer that was lost. The page says so and asks for it.
    await page.getByText("This device does not know this booking's PIN").waitFor();
    expect(problems).toEqual([] as PageProblem[]);
    await ctx.close();
  });

  test('a wrong PIN reads exactly as an unknown number', async () => {
    const ctx = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(ctx, notFoundLines);
    await page.goto(`${base}/bookings`);
    await page.getByText('None yet.', { exact: false }).waitFor();
    const lookup = async (number: string, pin: string) => {
      await page.getByLabel('Confirmation number').fill(number);
      await page.getByLabel('PIN').fill(pin);
      const answered = page.waitForResponse((r) => r.url().includes('/api/bookings/') && r.request().method() === 'GET');
      await page.getByRole('button', { name: 'Find booking' }).click();
      const status = (await answered).status();
      await page.getByRole('button', { name: 'Find booking' }).waitFor();
      return { status, text: await page.getByRole('alert').textContent() };
    };
    const [row] = (await pool!.query('SELECT number FROM bookings ORDER BY created_at DESC LIMIT 1'))[0] as Array<{ number: string }>;
    const wrongPin = await lookup(row!.number, '000000');
    const unknown = await lookup('0000000001', '123456');
    expect(wrongPin).toEqual({ status: 404, text: 'No booking matches this number and PIN.' });
    expect(unknown).toEqual(wrongPin);
    await accessible(page, 'manage booking with a wrong PIN');
    await shoot(page, 'wrong-pin');
    expect(problems).toEqual([] as PageProblem[]);
    await ctx.close();
  });

  test('at 390 px, by keyboard: dates on the calendar, book, CONFIRMED; nothing wider than the screen', async () => {
    const id = await hotelId('Garden Suites');
    const ctx = await browser!.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const { page, problems } = await watchedPage(ctx);
    await page.goto(`${base}/hotels/${id}`);
    await page.getByText('Choose your dates').waitFor();
    // The calendar opens on today: some weeks on (ArrowDown, a week each) is check-in, two days more check-out.
    const weeks = someDays(1, 8);
    await page.getByLabel('Dates').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('grid').first().waitFor();
    for (let i = 0; i < weeks; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain(stayQuery(dayFromToday(7 * weeks), dayFromToday(7 * weeks + 2)));
    await bookButton(page).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The chosen dates fit their button whole (the text is cut with an ellipsis when they do not).
    const datesText = page.getByLabel('Dates').locator('span');
    expect(await datesText.evaluate((span) => ({ text: span.textContent, cut: span.scrollWidth > span.clientWidth }))).toMatchObject({ cut: false });
    await accessible(page, 'the rooms at 390 px');
    await shoot(page, 'mobile-rooms');
    await bookButton(page).click();
    await (await fillBooking(page, { name: 'Mo Bile', email: `mobile-${Date.now()}@example.com` }, /4242 4242 4242 4242/)).click();
    await finalState(page, 'CONFIRMED');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await accessible(page, 'the confirmation at 390 px');
    await shoot(page, 'mobile-confirmed');
    expect(problems).toEqual([] as PageProblem[]);
    await ctx.close();
  });

  test('empty and API-down states are readable', async () => {
    const ctx = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(ctx, (m) => /status of 503/.test(m.text()));
    await page.route('**/api/hotels/*/rooms**', (route) => route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503 Service Unavailable</h1>' }));
    const id = await hotelId('Harbour View Hotel');
    await page.goto(`${base}/hotels/${id}?${stayQuery(dayFromToday(5), dayFromToday(6))}`);
    await page.getByText('Rooms could not be loaded').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('The booking API is not running (the load balancer answered 503)');
    await shoot(page, 'rooms-api-down');
    await page.goto(`${base}/?q=no-such-hotel-anywhere&${stayQuery(dayFromToday(5), dayFromToday(6))}`);
    await page.getByText(/No hotel has a room free for every night of this stay|No hotels match this search/).waitFor();
    await accessible(page, 'an empty date search');
    await shoot(page, 'search-empty');
    expect(problems).toEqual([] as PageProblem[]);
    await ctx.close();
  });
});
