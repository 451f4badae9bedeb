/**
 * TLS at the edge (issue 22) on the borrowed stack: HAProxy serves the page and the API
 * on HTTPS_PORT with the certificate `up` issued from this checkout's CA (.tls/). A
 * client that trusts the CA, and only it, gets the page and /api/healthz with
 * verification on; ALPN gives HTTP/2; TLS 1.1 is refused by the server (the client
 * offers it); a client that does not trust the CA fails; no HSTS. Then Chromium with the
 * CA imported into its test profile's NSS store (certutil, libnss3-tools) loads the page
 * over h2 with no certificate error.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as connectHttp2 } from 'node:http2';
import { join } from 'node:path';
import { connect as connectTls, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { beforeAll, describe, expect, test } from 'vitest';
import { paths } from '../../scripts/lib/paths.ts';
import { fetchTrustingCa, readCaCertificate } from '../../scripts/lib/tls/trusting-fetch.ts';
import { TLS_FILE_NAMES } from '../../scripts/lib/tls/tls-files.ts';
import { borrowStack } from './support/borrowed-stack.ts';
import { certutilMissing, chromiumMissing, launchChromium, NSS_NICKNAME, nssProfileTrusting } from './support/browser.ts';
import { stack } from './support/running-stack.ts';

let ca = '';
const { ports, urls } = stack();
const host = '127.0.0.1';

beforeAll(async () => {
  await borrowStack();
  ca = readCaCertificate(paths.tlsDir);
});


/** A TLS handshake with HAProxy's HTTPS port; resolves with the socket's facts, rejects with the handshake's error. */
function handshake(options: ConnectionOptions): Promise<{ protocol: string | null; alpn: string | false; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const socket: TLSSocket = connectTls({ host, port: ports.https, servername: 'localhost', ...options }, () => {
      resolve({ protocol: socket.getProtocol(), alpn: socket.alpnProtocol ?? false, fingerprint: socket.getPeerX509Certificate()?.fingerprint256 ?? '' });
      socket.end();
    });
    socket.once('error', reject);
  });
}

describe('HTTPS on HAProxy', () => {
  test('serves the page and /api/healthz to a client that trusts the CA, verification on, and sets no HSTS', async () => {
    const trusting = fetchTrustingCa(ca);
    const page = await trusting(urls.pageHttps);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    // localhost too: the certificate names it (and Node falls back from ::1 to 127.0.0.1).
    const health = await trusting(`https://localhost:${ports.https}/api/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });

  test('offers the server certificate up issued, for TLS 1.3 and 1.2, and negotiates h2 by ALPN', async () => {
    const served = new X509Certificate(readFileSync(join(paths.tlsDir, TLS_FILE_NAMES.serverCertificate), 'utf8'));
    const tls13 = await handshake({ ca, ALPNProtocols: ['h2', 'http/1.1'] });
    expect(tls13).toEqual({ protocol: 'TLSv1.3', alpn: 'h2', fingerprint: served.fingerprint256 });
    expect(await handshake({ ca, maxVersion: 'TLSv1.2', ALPNProtocols: ['http/1.1'] })).toMatchObject({ protocol: 'TLSv1.2', alpn: 'http/1.1' });

    const session = connectHttp2(urls.apiHttps, { ca });
    try {
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = session.request({ ':path': '/api/healthz' });
        let status = 0;
        let body = '';
        request.on('response', (headers) => (status = Number(headers[':status'])));
        request.setEncoding('utf8');
        request.on('data', (chunk: string) => (body += chunk));
        request.on('end', () => resolve({ status, body }));
        request.on('error', reject);
        request.end();
      });
      expect(session.alpnProtocol).toBe('h2');
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({ status: 'ok' });
    } finally {
      session.close();
    }
  });

  test('refuses TLS 1.1 (the server says so: the client offers it, at OpenSSL security level 0)', async () => {
    // OpenSSL 3 would not even offer TLS 1.1 at its default security level: the failure
    // would then be the client's own ("no protocols available"), proving nothing about HAProxy.
    const error = await handshake({ ca, minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' }).then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(error?.code).toBe('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  });

  test('fails for a client that does not trust the CA (Node\'s own roots only)', async () => {
    const error = await handshake({}).then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    // HAProxy sends the server certificate alone (the CA is the root the client must hold),
    // so without the CA there is no issuer to check the leaf's signature with.
    expect(error?.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    await expect(fetch(urls.pageHttps)).rejects.toThrow(/fetch failed/);
  });
});

const browserMissing = chromiumMissing() ?? certutilMissing();

describe.skipIf(browserMissing !== undefined)('the page in Chromium over HTTPS', () => {
  test('with the CA in the test profile\'s NSS store: h2, no certificate error; without it, ERR_CERT_AUTHORITY_INVALID', async () => {
    // Chromium on Linux reads the user's NSS store at $HOME/.pki/nssdb: a HOME of the test's own.
    const profile = nssProfileTrusting(join(paths.tlsDir, TLS_FILE_NAMES.caCertificate));
    const { home, nssdb } = profile;
    try {
      const browser = await launchChromium({ ...process.env, HOME: home });
      try {
        const page = await browser.newPage();
        const failures: string[] = [];
        page.on('requestfailed', (request) => failures.push(`${request.url()}: ${request.failure()?.errorText}`));
        const response = await page.goto(urls.pageHttps.replace(host, 'localhost'));
        expect(response?.status()).toBe(200);
        expect(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol)).toBe('h2');
        const security = await response!.securityDetails();
        expect(security?.protocol).toBe('TLS 1.3');
        expect(failures).toEqual([]);
      } finally {
        await browser.close();
      }
      // The same browser with the CA taken out of the store: the import above is what made it trusted.
      execFileSync('certutil', ['-d', nssdb, '-D', '-n', NSS_NICKNAME]);
      const untrusting = await launchChromium({ ...process.env, HOME: home });
      try {
        await expect((await untrusting.newPage()).goto(urls.pageHttps.replace(host, 'localhost'))).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
      } finally {
        await untrusting.close();
      }
    } finally {
      profile.remove();
    }
  });
});
