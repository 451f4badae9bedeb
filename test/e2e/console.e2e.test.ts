/**
 * The console against the real stack, in Chromium (playwright-core + Debian's
 * chromium; `npx playwright install` downloads a browser, which these machines
 * cannot). Borrows the stack and leaves it whole for the next file: the indexer started again,
 * the capture user's grants restored, the connector RUNNING.
 * Every answer the console gives the page is kept, so the saga test can look for a PIN in all of them.
 * Screenshots: .cache/console/*.png.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnectClient } from '../../scripts/lib/connect/connect-client.ts';
import { loadConnector } from '../../scripts/lib/connect/render-connector.ts';
import { isCi } from '../../scripts/lib/ci.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { eventually } from '../../scripts/lib/wait/within.ts';
import { api, awaitSearch, createHotel, uniqueToken } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { runCli, startCli, type RunningCli } from './support/run-cli.ts';
import { containers, docker, health, rootConnection, stack, stackConfig } from './support/running-stack.ts';
import { stackConfigOf } from '../../scripts/lib/config/stack-config.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const shots = join(paths.repoRoot, '.cache', 'console');
const values = stackConfig();
const { urls, names } = stack(values);
const consoleUrl = `${urls.console}/`;
const connectorName = loadConnector(stackConfigOf(values)).name;
const availabilityAlias = stackConfigOf(values).availability.search.alias;
const connect = createConnectClient(urls.connect);

let consoleCli: RunningCli | undefined;
let browser: Browser | undefined;
let page: Page;
/** The body of every answer the console gave the page (and the test's own reads of it). */
const consoleAnswers: string[] = [];
/** Set while a document is deleted behind the indexer's back; afterAll reindexes if a failed test left it so. */
let searchDrifted = false;

/** Raw HTTP to the console, with the Host header a DNS-rebinding page would send. */
function rawCall(method: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: stack(values).ports.console, method, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

async function connectorState(): Promise<{ connector: string; tasks: string[] }> {
  const answer = await connect.status(connectorName);
  return { connector: answer.body?.connector.state ?? `HTTP ${answer.status}`, tasks: answer.body?.tasks.map((t) => t.state) ?? [] };
}

const indexerId = () => containers().find((c) => c.service === 'search-indexer')!.id;

beforeAll(async () => {
  // Never a skip: without the browser these checks cannot run, and saying so is the result.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}${isCi() ? ' (CI)' : ''}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  mkdirSync(shots, { recursive: true });
  await borrowStack();
  consoleCli = startCli(['console'], { processGroup: true });
  await consoleCli.outputMatches(/console: http:\/\/127\.0\.0\.1:\d+\//);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('response', (response) => {
    if (!response.url().startsWith(urls.console)) return;
    // A body the browser no longer holds (a navigation away) is simply not kept.
    void response.text().then((body) => consoleAnswers.push(body), () => undefined);
  });
  await page.goto(consoleUrl);
}, 900_000);

afterAll(async () => {
  await browser?.close();
  if (consoleCli?.child.pid) {
    process.kill(-consoleCli.child.pid, 'SIGINT');
    await consoleCli.done;
  }
  // Put back whatever a failed test left: grants, indexer, connector.
  const root = await rootConnection();
  await root.query(`GRANT REPLICATION SLAVE ON *.* TO ?@'%'`, [values.DEBEZIUM_DB_USER]).finally(() => root.end());
  if (!containers().find((c) => c.service === 'search-indexer')?.running) docker(['start', indexerId()]);
  if (searchDrifted) await runCli(['reindex']);
}, 900_000);

describe('the platform console', () => {
  test('every panel shows live data from the stack', async () => {
    const hotel = await createHotel(urls.api, { name: `Console ${uniqueToken('e2e')}`, city: 'Porto', stars: 4 });
    await page.getByTestId('service-state-search-indexer').waitFor();
    for (const row of await page.getByTestId('services-table').locator('tbody tr').all()) await expect(row.locator('[data-testid^=service-state-]').textContent()).resolves.toMatch(/healthy|completed|running/);
    await expect(page.getByTestId('backend-status-catalog-api-1').textContent()).resolves.toBe('UP');
    await expect(page.getByTestId('backend-status-catalog-api-2').textContent()).resolves.toBe('UP');
    await expect(page.getByTestId('connector-state').textContent()).resolves.toBe('RUNNING');
    await expect(page.getByTestId('task-state-0').textContent()).resolves.toBe('RUNNING');
    await page.getByTestId('indexer-group').filter({ hasText: 'Stable' }).waitFor();
    await expect(page.getByTestId('indexer-members').textContent()).resolves.toBe('1');
    await page.getByTestId('changes-filter').fill(String(hotel.id));
    await page.getByTestId('changes-table').getByTestId('change-id').filter({ hasText: String(hotel.id) }).first().waitFor({ timeout: 30_000 });
    await page.getByTestId('drift-database').filter({ hasText: /^\d+$/ }).waitFor();
    await page.getByTestId('drift-search').filter({ hasText: /^\d+$/ }).waitFor();
    await page.getByTestId('trace-run').click();
    const hops = page.getByTestId('trace-hops').locator('tbody tr');
    await hops.nth(4).waitFor({ timeout: 60_000 });
    expect(await hops.allTextContents()).toEqual([expect.stringMatching(/^APIok\d+/), expect.stringMatching(/^rowok\d+/), expect.stringMatching(/^Kafkaok\d+/), expect.stringMatching(/^indexok\d+/), expect.stringMatching(/^searchok\d+/)]);
    // The booking's hops: the 202, each saga step with who answered, CONFIRMED, the booked night one room fewer in date search, each timed.
    expect(await page.getByTestId('trace-booking-hops').locator('tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^APIok\d+booking202, booking \d{10} HOLDING/),
      expect.stringMatching(/^hold_rooms: requestedok\d+booking/),
      expect.stringMatching(/^hold_rooms: RoomsHeldok\d+inventory/),
      expect.stringMatching(/^authorize_payment: PaymentAuthorizedok\d+payment/),
      expect.stringMatching(/^confirm_hold: HoldConfirmedok\d+inventory/),
      expect.stringMatching(/^capture_payment: PaymentCapturedok\d+payment/),
      expect.stringMatching(/^CONFIRMEDok\d+booking/),
      expect.stringMatching(/^availability in searchok\d+.*date search shows \d+ rooms? free on \d{4}-\d{2}-\d{2}, one fewer than before the booking$/),
    ]);
    await expect(page.getByTestId('trace-booking-cleanup').textContent()).resolves.toMatch(/^booking \d{10} cancelled: refund and release under way$/);
    await page.getByTestId('changes-filter').fill('');
    await page.screenshot({ path: join(shots, 'overview.png'), fullPage: true });
  }, 180_000);

  test('a foreign Host gets 403, and an action without the token is refused', async () => {
    const port = stack(values).ports.console;
    const rebinding = await rawCall('GET', '/', { host: `attacker.example:${port}` });
    expect(rebinding.status).toBe(403);
    expect(rebinding.body).not.toContain('console-token');
    expect((await rawCall('GET', '/api/connector', { host: `attacker.example:${port}` })).status).toBe(403);
    // The saga panel's endpoints too: a rebinding page must not list every booking.
    for (const path of ['/api/saga', '/api/saga/outbox']) expect((await rawCall('GET', path, { host: `attacker.example:${port}` })).status).toBe(403);
    const noToken = await rawCall('POST', '/api/connector/pause', { host: `127.0.0.1:${port}`, 'content-type': 'application/json' });
    expect(noToken.status).toBe(403);
    const crossSite = await page.evaluate(async () => (await fetch('/api/connector/pause', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' })).status);
    expect(crossSite).toBe(415);
    expect(await connectorState()).toEqual({ connector: 'RUNNING', tasks: ['RUNNING'] });
  });

  test('the indexer panel shows a stopped indexer within 5 s', async () => {
    const badge = page.getByTestId('indexer-container');
    await badge.filter({ hasText: 'healthy' }).waitFor();
    docker(['stop', indexerId()]);
    const stoppedAt = performance.now();
    await badge.filter({ hasText: /exited/ }).waitFor({ timeout: 5_000 });
    const seconds = (performance.now() - stoppedAt) / 1000;
    console.log(`indexer stop shown after ${seconds.toFixed(1)} s`);
    await page.getByTestId('panel-indexer').screenshot({ path: join(shots, 'indexer-stopped.png') });
    docker(['start', indexerId()]);
    await eventually('search-indexer healthy again', async () => (health(indexerId()) === 'healthy' ? true : undefined), { budgetMs: 120_000, intervalMs: 1_000 });
    await badge.filter({ hasText: 'healthy' }).waitFor({ timeout: 10_000 });
  }, 180_000);

  test('a failed connector task shows its trace, and Restart brings it back to RUNNING', async () => {
    const root = await rootConnection();
    try {
      // Repeatable failure: without REPLICATION SLAVE the binlog client is refused when the task starts.
      await root.query(`REVOKE REPLICATION SLAVE ON *.* FROM ?@'%'`, [values.DEBEZIUM_DB_USER]);
      expect((await connect.restartAll(connectorName)).status).toBeLessThan(300);
      await page.getByTestId('task-state-0').filter({ hasText: 'FAILED' }).waitFor({ timeout: 90_000 });
      await expect(page.getByTestId('connector-trace').first().textContent()).resolves.toContain('REPLICATION SLAVE');
      await page.getByTestId('panel-connector').screenshot({ path: join(shots, 'connector-failed.png') });
    } finally {
      await root.query(`GRANT REPLICATION SLAVE ON *.* TO ?@'%'`, [values.DEBEZIUM_DB_USER]);
      await root.end();
    }
    await page.getByTestId('connector-restart-failed').click();
    await page.getByTestId('task-state-0').filter({ hasText: 'RUNNING' }).waitFor({ timeout: 60_000 });
    expect(await connectorState()).toEqual({ connector: 'RUNNING', tasks: ['RUNNING'] });
  }, 240_000);

  test('up resumes a connector paused through Connect, and says so', async () => {
    expect((await connect.pause(connectorName)).status).toBe(202);
    await eventually('connector PAUSED', async () => ((await connectorState()).connector === 'PAUSED' ? true : undefined), { budgetMs: 30_000, intervalMs: 500 });
    const up = await runCli(['up']);
    expect(up.code).toBe(0);
    expect(up.output).toContain(`connector ${connectorName} was PAUSED: resumed it (PUT /connectors/${connectorName}/resume)`);
    expect(await connectorState()).toEqual({ connector: 'RUNNING', tasks: ['RUNNING'] });
    expect(up.output).toContain(`npm run console → ${consoleUrl}`);
  }, 300_000);

  test("Check drift lists a hotel's and a night's documents deleted behind the indexer, Reindex repairs both, and the city filter still works", async () => {
    const token = uniqueToken('drift');
    const city = `Driftcity${uniqueToken('c')}`;
    const hotel = await createHotel(urls.api, { name: `Drift ${token}`, city, stars: 3 });
    await awaitSearch(urls.api, token, hotel.id);
    // A night of date search's index some 150 days ahead: past the e2e tests' bookings, before the trace's and smoke's.
    const found = await fetch(`${urls.elasticsearch}/${availabilityAlias}/_search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ size: 1, query: { bool: { filter: [{ term: { kind: 'night' } }, { range: { night: { gte: 'now+140d/d', lte: 'now+160d/d' } } }] } } }),
    });
    const nightId = ((await found.json()) as { hits: { hits: Array<{ _id: string }> } }).hits.hits[0]?._id;
    expect(nightId).toMatch(/^night:\d+:\d{4}-\d{2}-\d{2}$/);
    // Through the aliases the typed config names, as any reader would: the concrete index behind each changes with each reindex.
    searchDrifted = true;
    const deleted = await fetch(`${urls.elasticsearch}/${names.searchIndex}/_doc/${hotel.id}?refresh=true`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    const deletedNight = await fetch(`${urls.elasticsearch}/${availabilityAlias}/_doc/${encodeURIComponent(nightId!)}?refresh=true`, { method: 'DELETE' });
    expect(deletedNight.status).toBe(200);

    await page.getByTestId('drift-check').click();
    await page.getByTestId('drift-verdict').filter({ hasText: 'drifted' }).waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('drift-missing-count').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('drift-missing-ids').textContent()).resolves.toBe(String(hotel.id));
    await expect(page.getByTestId('drift-availability-missing-count').textContent()).resolves.toBe('1');
    await expect(page.getByTestId('drift-availability-missing-ids').textContent()).resolves.toBe(nightId);
    for (const kind of ['extra', 'differing', 'unindexable']) {
      await expect(page.getByTestId(`drift-${kind}-count`).textContent()).resolves.toBe('0');
      await expect(page.getByTestId(`drift-availability-${kind}-count`).textContent()).resolves.toBe('0');
    }
    await expect(page.getByTestId('drift-availability-summary').textContent()).resolves.toContain(`documents in ${availabilityAlias}`);
    await page.getByTestId('panel-drift').screenshot({ path: join(shots, 'drift-missing.png') });

    await page.getByTestId('reindex-run').click();
    await page.getByTestId('reindex-result').waitFor({ timeout: 180_000 });
    await expect(page.getByTestId('reindex-result-availability').textContent()).resolves.toMatch(new RegExp(`^✔ ${availabilityAlias}-v\\d+: \\d+ room types and nights copied; \\d+ documents searchable$`));
    // The panel checks again by itself once the reindex is done.
    await page.getByTestId('drift-verdict').filter({ hasText: /^no drift/ }).waitFor({ timeout: 60_000 });
    searchDrifted = false;
    for (const kind of ['missing', 'extra', 'differing', 'unindexable']) {
      await expect(page.getByTestId(`drift-${kind}-count`).textContent()).resolves.toBe('0');
      await expect(page.getByTestId(`drift-availability-${kind}-count`).textContent()).resolves.toBe('0');
    }
    const restored = await fetch(`${urls.elasticsearch}/${availabilityAlias}/_doc/${encodeURIComponent(nightId!)}`);
    expect(restored.status).toBe(200);
    await page.getByTestId('panel-drift').screenshot({ path: join(shots, 'drift-repaired.png') });

    const byCity = await api(urls.api, 'GET', `/api/search?${new URLSearchParams({ q: '', city: city.toLowerCase(), limit: '10' })}`);
    expect(byCity.status).toBe(200);
    expect((byCity.body as { hits: Array<{ id: number }> }).hits.map((h) => h.id)).toEqual([hotel.id]);
    expect((await api(urls.api, 'DELETE', `/api/hotels/${hotel.id}`)).status).toBeLessThan(300);
  }, 360_000);

  test("looking never moves the indexer's offsets: the console reads in a group of its own", async () => {
    const view = (await (await fetch(`${urls.console}/api/indexer`)).json()) as { readerGroup: string; consumerGroup: string };
    expect(view.consumerGroup).toBe(names.consumerGroup);
    expect(view.readerGroup).toMatch(/^booking-console-[0-9a-f-]{36}$/);
  });
});

describe('the saga panel', () => {
  /** One night on hotel 1's Family Suite (12 rooms), 24 days ahead: inside the sample inventory, apart from the booking API test's nights. */
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const body = {
    hotelId: 1,
    roomTypeId: 2,
    checkIn: day(24),
    checkOut: day(25),
    guests: 1,
    guest: { name: 'Console Guest', email: 'console-guest@example.com' },
    card: { number: '4242424242424242', expiryMonth: 12, expiryYear: new Date().getUTCFullYear() + 3, cvc: '123' },
  };
  const timeline = (number: string) => page.getByTestId(`saga-timeline-${number}`).locator('tbody tr');

  test('a booking made through HAProxy shows with its steps and who answered, its cancel as compensations with the reason, every outbox caught up, and no answer of the console carries its PIN', async () => {
    const created = await api(urls.api, 'POST', '/api/bookings', body, { 'idempotency-key': `e2e-console-${randomUUID()}` });
    expect(created.status, JSON.stringify(created.body)).toBe(202);
    const { number, pin } = created.body as { number: string; pin: string };
    expect(pin).toMatch(/^\d{6}$/);

    await page.getByTestId('saga-number').fill(number);
    await page.getByTestId(`saga-state-${number}`).filter({ hasText: 'CONFIRMED' }).waitFor({ timeout: 30_000 });
    expect(await timeline(number).allTextContents()).toEqual([
      expect.stringMatching(/^1hold_roomsrequestedbooking\d+ ms$/),
      expect.stringMatching(/^2hold_roomsRoomsHeldinventory[\d.]+ m?s$/),
      expect.stringMatching(/^3authorize_paymentPaymentAuthorizedpayment[\d.]+ m?s$/),
      expect.stringMatching(/^4confirm_holdHoldConfirmedinventory[\d.]+ m?s$/),
      expect.stringMatching(/^5capture_paymentPaymentCapturedpayment[\d.]+ m?s$/),
    ]);
    await expect(page.getByTestId(`saga-overdue-${number}`).count()).resolves.toBe(0);

    // The guest cancels: refund, then release, each a compensation with the reason.
    const cancel = await api(urls.api, 'POST', `/api/bookings/${number}/cancel`, {}, { 'x-booking-pin': pin });
    expect(cancel.status).toBe(202);
    await page.getByTestId(`saga-state-${number}`).filter({ hasText: 'CANCELLED' }).waitFor({ timeout: 30_000 });
    expect((await timeline(number).allTextContents()).slice(5)).toEqual([
      expect.stringMatching(/^6cancelguest_cancelguest[\d.]+ m?sguest_cancelled$/),
      expect.stringMatching(/^7refund_paymentPaymentRefundedpayment[\d.]+ m?sguest_cancelled$/),
      expect.stringMatching(/^8release_holdHoldReleasedinventory[\d.]+ m?sguest_cancelled$/),
    ]);
    await expect(page.getByTestId('saga-count-CANCELLED').textContent()).resolves.toMatch(/^[1-9]\d*$/);
    // Every service's outbox is on Kafka once the saga has ended: nothing pending.
    for (const service of ['booking', 'inventory', 'payment']) await page.getByTestId(`outbox-pending-${service}`).filter({ hasText: /^0$/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('panel-saga').screenshot({ path: join(shots, 'saga-panel.png') });

    // The test's own reads too: the panel as JSON, narrowed and not, and the outbox lag.
    const own: string[] = [];
    for (const path of [`/api/saga?number=${number}`, '/api/saga', '/api/saga/outbox']) {
      const answer = await fetch(`${urls.console}${path}`);
      expect(answer.status).toBe(200);
      own.push(await answer.text());
    }
    consoleAnswers.push(...own);
    const narrowed = JSON.parse(own[0]!) as { data: { bookings: Array<{ number: string; timeline: Array<{ participant: string }> }> } };
    expect(narrowed.data.bookings.map((b) => [b.number, b.timeline.map((s) => s.participant)])).toEqual([[number, ['booking', 'inventory', 'payment', 'inventory', 'payment', 'guest', 'payment', 'inventory']]]);
    expect(consoleAnswers.length).toBeGreaterThan(10);
    const pinAlone = new RegExp(`(?<!\\d)${pin}(?!\\d)`);
    const leaks = consoleAnswers.filter((answer) => pinAlone.test(answer) || answer.includes('scrypt$'));
    expect(leaks.map((answer) => answer.slice(Math.max(0, answer.search(pinAlone) - 80), answer.search(pinAlone) + 80))).toEqual([]);
    await page.getByTestId('saga-number').fill('');
  }, 120_000);
});
