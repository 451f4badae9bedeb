/**
 * The admin listeners (Connect, Elasticsearch) refuse what a browser sends. Read from
 * haproxy.cfg, and then run: each listener's own section, cut out of the file, in a
 * real `haproxy` in front of a local stand-in backend that counts what reaches it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { paths } from '../../../scripts/lib/paths.ts';
import { freePort, rawHttp } from '../helpers/local-http.ts';
import { startedProcesses } from '../helpers/started-processes.ts';
import { requireOrSkip, toolMissing } from './tools.ts';

const cfg = readFileSync(`${paths.repoRoot}/haproxy/haproxy.cfg`, 'utf8');
const LISTENERS = [
  { name: 'admin_connect', portVariable: 'CONNECT_PORT', what: 'Kafka Connect' },
  { name: 'admin_elasticsearch', portVariable: 'ELASTICSEARCH_PORT', what: 'Elasticsearch' },
] as const;

/** The lines of one `listen` section, up to the next blank line. */
function section(name: string): string[] {
  const lines = cfg.split('\n');
  const start = lines.indexOf(`listen ${name}`);
  if (start < 0) throw new Error(`haproxy.cfg has no "listen ${name}"`);
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start, end < 0 ? undefined : end);
}

describe.each(LISTENERS)('listen $name', ({ name, what }) => {
  it('refuses, before any server sees it, a request carrying Origin or Sec-Fetch-Site, and says why', () => {
    const lines = section(name).map((line) => line.trim());
    expect(lines).toContain('acl from_browser req.hdr(origin) -m found');
    expect(lines).toContain('acl from_browser req.hdr(sec-fetch-site) -m found');
    const deny = lines.findIndex((line) => line.startsWith('http-request deny deny_status 403 content-type text/plain') && line.endsWith(' if from_browser'));
    expect(deny).toBeGreaterThan(0);
    expect(lines[deny]).toContain(`Forbidden: ${what} refuses requests from web browsers`);
    expect(lines[deny]).toContain('Use curl');
    expect(deny).toBeLessThan(lines.findIndex((line) => line.startsWith('server ')));
  });

  it("tells clients HAProxy's idle timeout, so a keep-alive client never reuses a socket HAProxy is closing", () => {
    const lines = section(name).map((line) => line.trim());
    const hint = lines.map((line) => /^http-response set-header Keep-Alive "timeout=(\d+)"$/.exec(line)?.[1]).find(Boolean);
    expect(hint, 'http-response set-header Keep-Alive "timeout=<seconds>"').toBeDefined();
    expect(Number(hint)).toBe(idleSeconds(lines));
  });
});

/** `timeout http-keep-alive` in force for a section: its own, else the defaults' (in seconds). */
function idleSeconds(sectionLines: string[]): number {
  const setting = (lines: string[]) => lines.map((line) => /^timeout http-keep-alive (\d+)s$/.exec(line.trim())?.[1]).find(Boolean);
  const defaults = cfg.split('\n').slice(cfg.split('\n').indexOf('defaults'));
  const value = setting(sectionLines) ?? setting(defaults.slice(0, defaults.findIndex((line, i) => i > 0 && /^\S/.test(line))));
  if (value === undefined) throw new Error('haproxy.cfg sets no `timeout http-keep-alive` in seconds for this section');
  return Number(value);
}

describe('the admin listeners, run by haproxy', () => {
  const { started, dirs, stopAll } = startedProcesses();
  afterAll(stopAll);

  async function listen(server: Server): Promise<number> {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    started.push(server);
    return (server.address() as AddressInfo).port;
  }

  /** Raw HTTP, so the test sets Host as a browser would. */
  const call = (port: number, method: string, headers: Record<string, string>) =>
    rawHttp(port, method, '/hotels-mysql-v1/_close', { host: `127.0.0.1:${port}`, ...headers }).then(({ status, body }) => ({ status, body }));

  async function waitForListener(port: number, haproxy: ChildProcess, output: () => string): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (haproxy.exitCode !== null) throw new Error(`haproxy exited ${haproxy.exitCode}:\n${output()}`);
      const up = await call(port, 'GET', {}).then(
        () => true,
        () => false,
      );
      if (up) return;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`haproxy did not listen on ${port} within 10 s:\n${output()}`);
  }

  it.for(LISTENERS)('$name: curl gets through; a browser request, cross-site or not, gets 403 and never reaches the server', { timeout: 30_000 }, async ({ name, portVariable, what }, ctx) => {
    requireOrSkip(ctx, await toolMissing('haproxy', ['-v']));
    let reached = 0;
    const backendPort = await listen(createServer((_req, res) => void (reached++, res.setHeader('Keep-Alive', 'timeout=600'), res.end('{"acknowledged":true}'))));
    const port = await freePort();
    // The section as written; only its bind address and server address point at this test.
    const body = section(name)
      .map((line) => (line.trim().startsWith('bind ') ? `    bind 127.0.0.1:${port}` : line))
      .map((line) => (line.trim().startsWith('server ') ? `    server backend 127.0.0.1:${backendPort}` : line));
    const dir = mkdtempSync(join(tmpdir(), 'haproxy-admin-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'haproxy.cfg'), ['global', '    maxconn 64', 'defaults', '    mode http', '    timeout connect 2s', '    timeout client 5s', '    timeout server 5s', ...body, ''].join('\n'));
    const haproxy = spawn('haproxy', ['-f', join(dir, 'haproxy.cfg')], { env: { ...process.env, [portVariable]: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(haproxy);
    let output = '';
    haproxy.stdout!.on('data', (chunk) => (output += chunk));
    haproxy.stderr!.on('data', (chunk) => (output += chunk));
    await waitForListener(port, haproxy, () => output);
    reached = 0;

    expect(await call(port, 'POST', {})).toEqual({ status: 200, body: '{"acknowledged":true}' });
    expect(reached).toBe(1);
    const browsers: Array<Record<string, string>> = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
      // Even the user typing the URL: the rule is "no browser", not "no other site".
      { 'sec-fetch-site': 'none' },
      { origin: 'null' },
    ];
    for (const headers of browsers) {
      const answer = await call(port, 'POST', headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body).toContain(`Forbidden: ${what} refuses requests from web browsers`);
    }
    expect(reached).toBe(1);
    // The client hears HAProxy's idle timeout, not the server's own (the stand-in says 600 s).
    const idle = idleSeconds(section(name).map((line) => line.trim()));
    expect((await rawHttp(port, 'GET', '/', { host: `127.0.0.1:${port}` })).headers['keep-alive']).toBe(`timeout=${idle}`);
    // Node's fetch sends Sec-Fetch-Mode (never Origin or Sec-Fetch-Site): the orchestrator's own calls pass.
    expect((await call(port, 'GET', { 'sec-fetch-mode': 'cors' })).status).toBe(200);
  });
});
