/**
 * HAProxy's part of the booking API (haproxy/haproxy.cfg, backend booking): /api/bookings goes to
 * the booking service before the catalog's /api/ rule can take it, and a client's lookups are
 * limited per address at request time (at most 4 in flight) and by their misses (404s), so a burst
 * of parallel guesses cannot pass before the counter moves. Read from the file, then run: the
 * backend's section, cut out of the file, in a real `haproxy` in front of a stand-in service.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';
import { freePort } from '../helpers/local-http.ts';
import { startedProcesses } from '../helpers/started-processes.ts';
import { requireOrSkip, toolMissing } from './tools.ts';

const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');
const lines = cfg.split('\n').map((line) => line.trim());

/** The lines of one section, up to the next blank line, as written. */
function section(header: string): string[] {
  const all = cfg.split('\n');
  const start = all.indexOf(header);
  if (start < 0) throw new Error(`haproxy.cfg has no "${header}"`);
  const end = all.findIndex((line, i) => i > start && line.trim() === '');
  return all.slice(start, end < 0 ? undefined : end);
}
const booking = section('backend booking').map((line) => line.trim());

describe('haproxy.cfg: the booking API', () => {
  it('routes /api/bookings to the booking service ahead of the catalog', () => {
    const toBooking = lines.indexOf('use_backend booking if { path /api/bookings } || { path_beg /api/bookings/ }');
    const toCatalog = lines.findIndex((line) => line.startsWith('use_backend catalog_api'));
    expect(toBooking).toBeGreaterThan(-1);
    expect(toBooking).toBeLessThan(toCatalog);
    expect(booking).toContain('server booking booking:3000 check');
  });

  it('tracks every lookup at request time, never a creation, and answers 429 with Retry-After past each limit', () => {
    expect(booking).toContain('http-request track-sc0 src if booking_lookup !booking_create');
    expect(booking).toContain('http-response sc-inc-gpc0(0) if { status 404 } { sc0_tracked }');
    const refusals = booking.filter((line) => line.startsWith('http-request return status 429') && line.includes('too_many_lookups'));
    expect(refusals.map((line) => /if \{ sc0_tracked \} \{ (sc0_\w+ gt \d+) \}$/.exec(line)?.[1])).toEqual([
      'sc0_conn_cur gt 4',
      'sc0_gpc0_rate gt 10',
      'sc0_http_req_rate gt 300',
    ]);
    for (const refusal of refusals) expect(refusal).toMatch(/hdr Retry-After \d+ /);
    expect(booking.find((line) => line.startsWith('stick-table'))).toContain('gpc0_rate(10m)');
  });

  it('replays only GETs on another try: a POST may have created a booking already', () => {
    expect(booking).toContain('http-request disable-l7-retry unless METH_GET');
  });
});

describe('the booking backend, run by haproxy', () => {
  const { started, dirs, stopAll } = startedProcesses();
  afterAll(stopAll);

  /** The stand-in service: the right PIN is 200, any other 404, each after 100 ms (the service's scrypt check takes about that). */
  async function standIn(): Promise<{ port: number; reached: () => number }> {
    let reached = 0;
    const server = createServer((req, res) => {
      reached++;
      const status = req.method === 'POST' && req.url === '/api/bookings' ? 202 : req.headers['x-booking-pin'] === '111111' ? 200 : 404;
      setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end('{}'), 100);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    started.push(server);
    return { port: (server.address() as AddressInfo).port, reached: () => reached };
  }

  async function runHaproxy(servicePort: number, createsPer10s = 300): Promise<number> {
    const port = await freePort();
    const body = section('backend booking')
      .filter((line) => !/^\s*(option httpchk|http-check)/.test(line))
      .map((line) => (line.trim().startsWith('server ') ? `    server booking 127.0.0.1:${servicePort}` : line));
    const dir = mkdtempSync(join(tmpdir(), 'haproxy-booking-'));
    dirs.push(dir);
    const config = ['global', '    maxconn 256', 'defaults', '    mode http', '    timeout connect 2s', '    timeout client 5s', '    timeout server 5s'];
    config.push('frontend http', `    bind 127.0.0.1:${port}`, '    default_backend booking', ...body, '', ...section('backend booking_creates'), '');
    writeFileSync(join(dir, 'haproxy.cfg'), config.join('\n'));
    const env = { ...process.env, BOOKING_CREATES_PER_10S: String(createsPer10s) };
    const haproxy = spawn('haproxy', ['-f', join(dir, 'haproxy.cfg')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(haproxy);
    let output = '';
    haproxy.stdout!.on('data', (chunk) => (output += chunk));
    haproxy.stderr!.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (haproxy.exitCode !== null) throw new Error(`haproxy exited ${haproxy.exitCode}:\n${output}`);
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then(() => true, () => false)) return port;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`haproxy did not listen on ${port} within 10 s:\n${output}`);
  }

  const lookup = (port: number, pin: string, path = '/api/bookings/1234567890') => fetch(`http://127.0.0.1:${port}${path}`, { headers: { 'x-booking-pin': pin } });
  const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

  it('a burst of 50 parallel wrong lookups reaches the service at most 4 at a time, then the misses lock the address out, the right PIN too', { timeout: 30_000 }, async (ctx) => {
    requireOrSkip(ctx, await toolMissing('haproxy', ['-v']));
    const service = await standIn();
    const port = await runHaproxy(service.port);
    const before = service.reached();

    const burst = await Promise.all(Array.from({ length: 50 }, () => lookup(port, '000000')));
    const counts = tally(burst.map((answer) => answer.status));
    expect(counts[404]).toBeLessThanOrEqual(4);
    expect(counts[429]).toBe(50 - counts[404]!);
    const refused = burst.find((answer) => answer.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_lookups' } });

    // One at a time, the misses count: the 11th of this period locks the address out.
    let misses = counts[404]!;
    while (misses <= 10) {
      expect((await lookup(port, '000000')).status).toBe(404);
      misses++;
    }
    const locked = await lookup(port, '111111');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('600');
    // Another path form of a lookup is a lookup too.
    expect((await lookup(port, '111111', '/api/bookings/1234567890/cancel/')).status).toBe(429);
    expect(service.reached() - before).toBe(misses);
  });

  it('polling one booking with its PIN, one lookup at a time, is never limited', { timeout: 30_000 }, async (ctx) => {
    requireOrSkip(ctx, await toolMissing('haproxy', ['-v']));
    const service = await standIn();
    const port = await runHaproxy(service.port);
    for (let i = 0; i < 30; i++) expect((await lookup(port, '111111')).status).toBe(200);
    // Three tabs at once: under the 4 in flight.
    expect((await Promise.all([1, 2, 3].map(() => lookup(port, '111111')))).map((answer) => answer.status)).toEqual([200, 200, 200]);
  });

  it('new bookings past BOOKING_CREATES_PER_10S from one address are 429 with Retry-After at request time, whatever a burst; lookups are not counted', { timeout: 30_000 }, async (ctx) => {
    requireOrSkip(ctx, await toolMissing('haproxy', ['-v']));
    const service = await standIn();
    const port = await runHaproxy(service.port, 5);
    const before = service.reached();
    const create = () => fetch(`http://127.0.0.1:${port}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

    const burst = await Promise.all(Array.from({ length: 8 }, create));
    expect(tally(burst.map((answer) => answer.status))).toEqual({ 202: 5, 429: 3 });
    const refused = burst.find((answer) => answer.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('10');
    expect(await refused.json()).toMatchObject({ error: { code: 'too_many_bookings', message: 'more than 5 new bookings in 10 seconds from this address; retry after 10 seconds' } });
    expect(service.reached() - before).toBe(5);
    // Reading a booking is another limit.
    expect((await lookup(port, '111111')).status).toBe(200);
  });
});
