/**
 * A hostile web page, in a real browser: Chromium opens a page served from a second
 * origin on this machine (127.0.0.2, or another port of 127.0.0.1 where that address
 * is not configured) whose script tries, one after another, every request a page could
 * use against the stack on loopback: closing and deleting the search index through the
 * Elasticsearch admin port, restarting, pausing and deleting the connector through the
 * Connect admin port, the console's actions and its logs, and writes to the API with a
 * body a form could send. Afterwards nothing has changed: the index is open behind its
 * alias, the connector RUNNING, the hotel the page tried to alter as it was, no hotel
 * added, and `npm run verify` clean.
 *
 * `no-cors` fetches give the page opaque answers, so the verdict is the stack's state
 * afterwards; what the stack answered each request (as Chromium's network layer saw it)
 * is asserted too and printed in every failure.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConnectClient } from '../../scripts/lib/connect/connect-client.ts';
import { loadConnector } from '../../scripts/lib/connect/render-connector.ts';
import { api, createHotel, uniqueToken, type Hotel } from './support/api.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { chromiumMissing, launchChromium } from './support/browser.ts';
import { runCli, startCli, type RunningCli } from './support/run-cli.ts';
import { rootConnection, stack, stackConfig } from './support/running-stack.ts';
import { stackConfigOf } from '../../scripts/lib/config/stack-config.ts';

const values = stackConfig();
const { urls, names } = stack(values);
const connectorName = loadConnector(stackConfigOf(values)).name;
const connect = createConnectClient(urls.connect);

/** One request the hostile page makes. `cors` for the methods a page cannot send `no-cors` (PUT, DELETE): the browser asks first. */
interface Attempt {
  label: string;
  url: string;
  method: string;
  mode: 'no-cors' | 'cors';
  body?: string;
}

/** What the page saw (opaque for no-cors) and what the stack answered (Chromium's network layer), per attempt. */
interface Outcome {
  label: string;
  pageSaw: string;
  stackAnswered: number | 'no answer (preflight refused or connection failed)';
}

let consoleCli: RunningCli | undefined;
let browser: Browser | undefined;
let hostile: Server | undefined;
let victim: Hotel | undefined;
let concreteIndex = '';

async function aliasTargets(): Promise<string[]> {
  const response = await fetch(`${urls.elasticsearch}/_alias/${names.searchIndex}`);
  return response.status === 200 ? Object.keys((await response.json()) as Record<string, unknown>) : [];
}

/** `open`, `close`, or `missing`. */
async function indexStatus(index: string): Promise<string> {
  const response = await fetch(`${urls.elasticsearch}/_cat/indices/${index}?format=json&h=status`);
  if (response.status === 404) return 'missing';
  const rows = (await response.json()) as Array<{ status: string }>;
  return rows[0]?.status ?? `HTTP ${response.status}`;
}

async function connectorState(): Promise<{ connector: string; tasks: string[] }> {
  const answer = await connect.status(connectorName);
  return { connector: answer.body?.connector.state ?? `HTTP ${answer.status}`, tasks: answer.body?.tasks.map((t) => t.state) ?? [] };
}

function attempts(hotelId: number, marker: string): Attempt[] {
  const es = urls.elasticsearch;
  const connector = `${urls.connect}/connectors/${encodeURIComponent(connectorName)}`;
  const hotel = JSON.stringify({ name: marker, city: 'Nowhere', stars: 1 });
  const consoleAction = (action: string): Attempt => ({ label: `console POST ${action}`, url: `${urls.console}${action}`, method: 'POST', mode: 'no-cors', body: '{}' });
  return [
    { label: 'Elasticsearch: close the index', url: `${es}/${concreteIndex}/_close`, method: 'POST', mode: 'no-cors' },
    { label: 'Elasticsearch: delete the index', url: `${es}/${concreteIndex}`, method: 'DELETE', mode: 'cors' },
    { label: 'Connect: restart the connector and its tasks', url: `${connector}/restart?includeTasks=true`, method: 'POST', mode: 'no-cors' },
    { label: 'Connect: pause the connector', url: `${connector}/pause`, method: 'PUT', mode: 'cors' },
    { label: 'Connect: delete the connector', url: connector, method: 'DELETE', mode: 'cors' },
    consoleAction('/api/reindex'),
    consoleAction('/api/trace'),
    consoleAction('/api/connector/pause'),
    consoleAction('/api/connector/restart-all'),
    { label: 'console GET logs (lines=-1)', url: `${urls.console}/api/services/connect/logs?lines=-1`, method: 'GET', mode: 'no-cors' },
    { label: 'API: POST a hotel as text/plain', url: `${urls.api}/api/hotels`, method: 'POST', mode: 'no-cors', body: hotel },
    { label: 'API: PUT the hotel as text/plain', url: `${urls.api}/api/hotels/${hotelId}`, method: 'PUT', mode: 'cors', body: hotel },
    { label: 'API: DELETE the hotel', url: `${urls.api}/api/hotels/${hotelId}`, method: 'DELETE', mode: 'cors' },
  ];
}

/** The hostile page: its script makes every attempt in turn and publishes what it saw. */
function hostilePage(list: Attempt[]): string {
  const script = `
    const attempts = ${JSON.stringify(list)};
    (async () => {
      const seen = [];
      for (const a of attempts) {
        try {
          const init = { method: a.method, mode: a.mode, credentials: 'omit' };
          if (a.body !== undefined) Object.assign(init, { body: a.body, headers: { 'content-type': 'text/plain' } });
          const response = await fetch(a.url, init);
          seen.push(response.type === 'opaque' ? 'opaque' : 'HTTP ' + response.status);
        } catch (error) {
          seen.push('refused: ' + error.message);
        }
      }
      window.hostileDone = seen;
    })();`;
  return `<!doctype html><html><head><title>cheap flights</title></head><body><h1>Nothing to see</h1><script>${script}</script></body></html>`;
}

/** Serves the page on a second loopback origin: 127.0.0.2 (Linux routes all of 127/8), else another port of 127.0.0.1. */
async function serveHostile(html: string): Promise<string> {
  for (const host of ['127.0.0.2', '127.0.0.1']) {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(0, host, () => resolve(true));
    });
    if (!listening) continue;
    hostile = server;
    return `http://${host}:${(server.address() as AddressInfo).port}/`;
  }
  throw new Error('could not serve the hostile page on 127.0.0.2 or 127.0.0.1');
}

beforeAll(async () => {
  const missing = chromiumMissing();
  if (missing) throw new Error(`the hostile-page test needs a real browser: ${missing}`);
  await borrowStack();
  consoleCli = startCli(['console'], { processGroup: true });
  await consoleCli.outputMatches(/console: http:\/\/127\.0\.0\.1:\d+\//);
  browser = await launchChromium();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (hostile ? hostile.close(done) : done(undefined)));
  if (consoleCli?.child.pid) {
    process.kill(-consoleCli.child.pid, 'SIGINT');
    await consoleCli.done;
  }
  // Give the stack back whole if the page got through: index open, connector registered and running, search true to the database.
  if (concreteIndex && (await indexStatus(concreteIndex)) === 'close') await fetch(`${urls.elasticsearch}/${concreteIndex}/_open`, { method: 'POST' });
  const connector = await connectorState();
  if (connector.connector === 'HTTP 404') await runCli(['up']);
  else if (connector.connector === 'PAUSED') await connect.resume(connectorName);
  if (victim) await api(urls.api, 'DELETE', `/api/hotels/${victim.id}`);
  if ((await runCli(['verify'])).code !== 0) await runCli(['reindex']);
}, 900_000);

describe('a hostile page in a real browser', () => {
  test('changes nothing: index open behind its alias, connector RUNNING, the hotel as it was, verify clean', async () => {
    const marker = uniqueToken('hostile');
    victim = await createHotel(urls.api, { name: `Target ${uniqueToken('victim')}`, city: 'Porto', stars: 4 });
    const before = await api(urls.api, 'GET', `/api/hotels/${victim.id}`);
    const targets = await aliasTargets();
    expect(targets, `the alias ${names.searchIndex} should name one index`).toHaveLength(1);
    concreteIndex = targets[0]!;
    expect(await indexStatus(concreteIndex)).toBe('open');
    expect(await connectorState()).toEqual({ connector: 'RUNNING', tasks: ['RUNNING'] });

    const list = attempts(victim.id, marker);
    const pageUrl = await serveHostile(hostilePage(list));
    const context = await browser!.newContext();
    const page = await context.newPage();
    const answered = new Map<string, number>();
    const key = (method: string, url: string) => `${method} ${url}`;
    page.on('response', (response) => answered.set(key(response.request().method(), response.url()), response.status()));
    await page.goto(pageUrl);
    const seen = (await (await page.waitForFunction(() => (window as unknown as { hostileDone?: string[] }).hostileDone, undefined, { timeout: 120_000 })).jsonValue()) as string[];
    await context.close();

    const outcomes: Outcome[] = list.map((a, i) => ({
      label: a.label,
      pageSaw: seen[i]!,
      stackAnswered: answered.get(key(a.method, new URL(a.url).href)) ?? 'no answer (preflight refused or connection failed)',
    }));
    const report = `the page at ${pageUrl} tried:\n${outcomes.map((o) => `  ${o.label}: the stack answered ${o.stackAnswered}; the page saw ${o.pageSaw}`).join('\n')}`;
    console.log(report);

    const state = {
      aliasTargets: await aliasTargets(),
      index: await indexStatus(concreteIndex),
      connector: await connectorState(),
      hotel: (await api(urls.api, 'GET', `/api/hotels/${victim.id}`)).body,
    };
    expect(state, report).toEqual({ aliasTargets: [concreteIndex], index: 'open', connector: { connector: 'RUNNING', tasks: ['RUNNING'] }, hotel: before.body });
    const root = await rootConnection(values.MYSQL_DATABASE);
    try {
      const [rows] = await root.query('SELECT COUNT(*) AS n FROM hotels WHERE name = ?', [marker]);
      expect((rows as Array<{ n: number }>)[0]!.n, `a hotel named ${marker} was created; ${report}`).toBe(0);
    } finally {
      await root.end();
    }
    // Every request that reached the stack was refused; none was carried out.
    expect(outcomes.filter((o) => typeof o.stackAnswered === 'number' && o.stackAnswered < 400), report).toEqual([]);
    const verify = await runCli(['verify']);
    expect(verify.code, 'npm run verify after the hostile page').toBe(0);
  }, 600_000);

  test("the admin ports: the issue's curl with a browser's headers gets 403 and why, plain curl still works; the console bounds its logs", async () => {
    const [index] = await aliasTargets();
    const curl = (method: string, url: string, headers: string[] = []) => {
      const out = execFileSync('curl', ['-sS', '-X', method, url, ...headers.flatMap((h) => ['-H', h]), '-w', '\n%{http_code}'], { encoding: 'utf8' });
      const status = Number(out.slice(out.lastIndexOf('\n') + 1));
      return { status, body: out.slice(0, out.lastIndexOf('\n')) };
    };
    const browser = ['Origin: https://evil.example', 'Sec-Fetch-Site: cross-site'];
    const closing = curl('POST', `${urls.elasticsearch}/${index}/_close`, browser);
    expect(closing).toEqual({ status: 403, body: expect.stringContaining('Forbidden: Elasticsearch refuses requests from web browsers') });
    const restarting = curl('POST', `${urls.connect}/connectors/${connectorName}/restart?includeTasks=true`, ['Sec-Fetch-Site: same-site']);
    expect(restarting).toEqual({ status: 403, body: expect.stringContaining('Forbidden: Kafka Connect refuses requests from web browsers') });
    expect(await indexStatus(index!)).toBe('open');
    expect(await connectorState()).toEqual({ connector: 'RUNNING', tasks: ['RUNNING'] });
    expect(curl('GET', `${urls.elasticsearch}/_cluster/health`).status).toBe(200);
    expect(curl('GET', `${urls.connect}/connectors`).status).toBe(200);

    for (const lines of ['-1', '1.5', '1001']) {
      const answer = curl('GET', `${urls.console}/api/services/connect/logs?lines=${lines}`);
      expect(answer).toEqual({ status: 400, body: JSON.stringify({ error: `lines=${lines} is not a whole number from 1 to 1000: ask for ?lines=80, for example` }) });
    }
    const logs = curl('GET', `${urls.console}/api/services/connect/logs?lines=5`);
    expect(logs.status).toBe(200);
    expect(JSON.parse(logs.body)).toMatchObject({ ok: true });
  }, 120_000);

  test("the console's own page, in the same browser, still reads every panel and shows a service's logs", async () => {
    const context = await browser!.newContext();
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('response', (response) => void (response.status() === 403 && refused.push(response.url())));
      await page.goto(`${urls.console}/`);
      await page.getByTestId('service-state-search-indexer').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: 'last log lines of connect' }).click();
      await expect(page.getByTestId('service-logs').textContent()).resolves.not.toMatch(/^cannot read/);
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
