import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openVisitClient, type VisitProtocol } from '../../../scripts/lib/bench/visit-client.ts';
import { realIssuer } from '../../../scripts/lib/tls/issue-certificates.ts';

/** Real servers on 127.0.0.1, as HAProxy's two ports: TLS offering h2 and http/1.1, and plain HTTP. */
describe("a first visit's client (real servers, a certificate from the CA code)", async () => {
  const ca = await realIssuer.createCa(Date.now(), 'visit test');
  const pair = await realIssuer.issueServer(ca, Date.now());
  const otherCa = await realIssuer.createCa(Date.now(), 'someone else');
  const answer = (request: { httpVersion: string }, response: { end(body: string): void }) => response.end(request.httpVersion);
  let tls: Http2SecureServer;
  let plain: HttpServer;
  const url = { https: '', http: '' };

  beforeAll(async () => {
    tls = createSecureServer({ key: pair.key, cert: pair.certificate, allowHTTP1: true }, answer);
    plain = createHttpServer(answer);
    await Promise.all([new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve)), new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve))]);
    url.https = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;
    url.http = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await Promise.all([new Promise((resolve) => tls.close(resolve)), new Promise((resolve) => plain.close(resolve))]);
  });

  const visit = async (protocol: VisitProtocol, target: string, caCertificate?: string) => {
    const client = openVisitClient(protocol, caCertificate);
    try {
      const versions = await Promise.all([1, 2, 3].map(async () => (await client.fetch(target)).text()));
      return { versions, negotiated: client.negotiated() };
    } finally {
      await client.close();
    }
  };

  it('https h2: one connection, ALPN h2, the server sees HTTP/2', async () => {
    expect(await visit('https h2', url.https, ca.certificate)).toEqual({ versions: ['2.0', '2.0', '2.0'], negotiated: ['h2'] });
  });

  it('https http/1.1: ALPN http/1.1 on every connection, the server sees HTTP/1.1', async () => {
    const { versions, negotiated } = await visit('https http/1.1', url.https, ca.certificate);
    expect(versions).toEqual(['1.1', '1.1', '1.1']);
    expect(negotiated.length).toBeGreaterThan(0);
    expect(new Set(negotiated)).toEqual(new Set(['http/1.1']));
  });

  it('http/1.1 over the plain port counts as http/1.1', async () => {
    const { versions, negotiated } = await visit('http/1.1', url.http);
    expect(versions).toEqual(['1.1', '1.1', '1.1']);
    expect(new Set(negotiated)).toEqual(new Set(['http/1.1']));
  });

  it('refuses the server when it trusts another CA (verification on)', async () => {
    await expect(visit('https h2', url.https, otherCa.certificate)).rejects.toThrow();
  });
});
