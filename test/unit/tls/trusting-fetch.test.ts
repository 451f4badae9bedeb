import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { edgeApiClient } from '../../../scripts/lib/platform-client/edge-api-client.ts';
import { realIssuer } from '../../../scripts/lib/tls/issue-certificates.ts';
import { fetchTrustingCa, readCaCertificate } from '../../../scripts/lib/tls/trusting-fetch.ts';

/** A real HTTPS server on 127.0.0.1 with a certificate from the CA code: the clients' side of the edge, without the stack. */
describe('clients that trust the local CA (a real TLS server, verification on)', async () => {
  const ca = await realIssuer.createCa(Date.now(), 'client test');
  const server = await realIssuer.issueServer(ca, Date.now());
  const otherCa = await realIssuer.createCa(Date.now(), 'someone else');
  const dir = mkdtempSync(join(tmpdir(), 'trusting-fetch-'));
  let https: Server;
  let port = 0;

  beforeAll(async () => {
    https = createServer({ key: server.key, cert: server.certificate }, (request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ path: request.url }));
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    port = (https.address() as AddressInfo).port;
    writeFileSync(join(dir, 'ca.crt'), ca.certificate);
  });
  afterAll(async () => {
    await new Promise((resolve) => https.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('fetchTrustingCa reaches the server by 127.0.0.1 and by localhost', async () => {
    const trusting = fetchTrustingCa(ca.certificate);
    expect(await (await trusting(`https://127.0.0.1:${port}/a`)).json()).toEqual({ path: '/a' });
    expect((await trusting(`https://localhost:${port}/b`)).status).toBe(200);
  });

  it('refuses a server whose certificate another CA signed, and Node\'s own fetch refuses this one', async () => {
    await expect(fetchTrustingCa(otherCa.certificate)(`https://127.0.0.1:${port}/`)).rejects.toThrow();
    await expect(fetch(`https://127.0.0.1:${port}/`)).rejects.toThrow(/fetch failed/);
  });

  it('edgeApiClient: HTTPS_PORT with the CA from the folder, or plain HTTP_PORT', async () => {
    const stack = stackConfigOf({ HTTP_PORT: '1', HTTPS_PORT: String(port) });
    const { api, baseUrl } = edgeApiClient(stack, true, { tlsDir: dir });
    expect(baseUrl).toBe(`https://127.0.0.1:${port}`);
    expect(await api.request('GET', '/api/healthz')).toMatchObject({ status: 200, body: { path: '/api/healthz' } });
    expect(edgeApiClient(stack, false, { tlsDir: dir }).baseUrl).toBe('http://127.0.0.1:1');
  });

  it('says to run up when there is no CA yet', () => {
    expect(() => readCaCertificate(join(dir, 'missing'))).toThrow(/no local CA certificate/);
  });
});
