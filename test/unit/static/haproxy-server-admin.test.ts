/**
 * The stats listener as `up` uses it to replace replicas one at a time: the project's
 * `listen stats` section, cut out of haproxy.cfg, run by a real `haproxy` beside a
 * backend of two stand-in servers, and driven by the real adapter (server-admin.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { statsServerAdmin } from '../../../scripts/lib/haproxy/server-admin.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { freePort, rawHttp } from '../helpers/local-http.ts';
import { startedProcesses } from '../helpers/started-processes.ts';
import { requireOrSkip, toolMissing } from './tools.ts';

const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');

function statsSection(port: number): string[] {
  const lines = cfg.split('\n');
  const start = lines.indexOf('listen stats');
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start, end).map((line) => (line.trim().startsWith('bind ') ? `    bind 127.0.0.1:${port}` : line));
}

describe('HAProxy server admin through the stats listener, run by haproxy', () => {
  const { started, dirs, stopAll } = startedProcesses();
  afterAll(stopAll);

  it('drains a server and takes it back; refuses wrong credentials, unknown servers and browsers', { timeout: 30_000 }, async (ctx) => {
    requireOrSkip(ctx, await toolMissing('haproxy', ['-v']));
    const backend = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((done) => backend.listen(0, '127.0.0.1', done));
    started.push(backend);
    const backendPort = (backend.address() as AddressInfo).port;
    const port = await freePort();
    const closedPort = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'haproxy-server-admin-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'haproxy.cfg'),
      [
        'global', '    maxconn 64',
        'defaults', '    mode http', '    timeout connect 2s', '    timeout client 5s', '    timeout server 5s',
        'backend catalog_api', '    option httpchk GET /healthz',
        `    server catalog-api-1 127.0.0.1:${backendPort} check inter 200ms`,
        `    server catalog-api-2 127.0.0.1:${backendPort} check inter 200ms`,
        // Nothing listens there: DOWN after two checks, UP only when forced.
        `    server catalog-api-3 127.0.0.1:${closedPort} check inter 1s fall 2 rise 2`,
        ...statsSection(port),
        'userlist stats_users', '    user "${HAPROXY_STATS_USER}" insecure-password "${HAPROXY_STATS_PASSWORD}"', '',
      ].join('\n'),
    );
    const haproxy = spawn('haproxy', ['-f', join(dir, 'haproxy.cfg')], { env: { ...process.env, HAPROXY_STATS_USER: 'stats', HAPROXY_STATS_PASSWORD: 'secret' }, stdio: 'ignore' });
    started.push(haproxy);
    const statsUrl = `http://127.0.0.1:${port}`;
    const admin = statsServerAdmin({ statsUrl, credentials: { user: 'stats', password: 'secret' } });
    const status = async (server: string) => (await admin.servers()).find((s) => s.proxy === 'catalog_api' && s.server === server)?.status;
    const until = async (server: string, wanted: string) => {
      const deadline = Date.now() + 10_000;
      let seen: string | undefined;
      while (Date.now() < deadline) {
        seen = await status(server).catch(() => undefined);
        if (seen === wanted) return;
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error(`${server} is ${seen}, not ${wanted}`);
    };
    // At start a server is "UP 1/3" (not checked yet); both replicas checked first.
    await until('catalog-api-1', 'UP');
    await until('catalog-api-2', 'UP');

    await admin.setState('catalog_api', 'catalog-api-1', 'drain');
    expect(await status('catalog-api-1')).toBe('DRAIN');
    expect(await status('catalog-api-2')).toBe('UP');
    await admin.setState('catalog_api', 'catalog-api-1', 'ready');
    expect(await status('catalog-api-1')).toBe('UP');

    // What `npm run dev` does once a restarted replica's own healthcheck passed: no wait for rise 2.
    await until('catalog-api-3', 'DOWN');
    await admin.setState('catalog_api', 'catalog-api-3', 'health-up');
    expect(await status('catalog-api-3')).toBe('UP');
    expect((await admin.servers()).find((s) => s.server === 'catalog-api-1')?.address).toBe(`127.0.0.1:${backendPort}`);

    await expect(admin.setState('catalog_api', 'catalog-api-9', 'drain')).rejects.toThrow(/did not set catalog_api\/catalog-api-9 to drain: HTTP 303, st=[A-Z]+/);
    const stranger = statsServerAdmin({ statsUrl, credentials: { user: 'stats', password: 'wrong' } });
    await expect(stranger.setState('catalog_api', 'catalog-api-1', 'drain')).rejects.toThrow(/HTTP 401/);
    await expect(stranger.servers()).rejects.toThrow(/HTTP 401/);
    // A browser with the credentials remembered: refused before the admin form.
    const authorization = `Basic ${Buffer.from('stats:secret').toString('base64')}`;
    const browsers: Array<Record<string, string>> = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'same-origin' }];
    for (const headers of browsers) {
      const answer = await rawHttp(port, 'POST', '/', { host: `127.0.0.1:${port}`, authorization, 'content-type': 'application/x-www-form-urlencoded', ...headers }, 'b=catalog_api&s=catalog-api-1&action=maint');
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body).toContain('refuses requests from web browsers');
    }
    expect(await status('catalog-api-1')).toBe('UP');
  });
});
