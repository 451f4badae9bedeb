import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { CA_LIFETIME_DAYS, DAY_MS, SERVER_LIFETIME_DAYS } from '../../../scripts/lib/tls/certificate-policy.ts';
import { inspectCertificates } from '../../../scripts/lib/tls/inspect-certificates.ts';
import { realIssuer } from '../../../scripts/lib/tls/issue-certificates.ts';
import { directoryStore, TLS_FILE_NAMES } from '../../../scripts/lib/tls/tls-files.ts';

const now = Date.now();

describe('the real issuer (@peculiar/x509), checked with Node\'s X509Certificate', async () => {
  const ca = await realIssuer.createCa(now, 'unit, test');
  const server = await realIssuer.issueServer(ca, now);
  const caCertificate = new X509Certificate(ca.certificate);
  const serverCertificate = new X509Certificate(server.certificate);

  it('makes a CA that may sign certificates, valid ten years', () => {
    expect(caCertificate.ca).toBe(true);
    expect(caCertificate.checkIssued(caCertificate)).toBe(true);
    expect(caCertificate.verify(caCertificate.publicKey)).toBe(true);
    expect(caCertificate.subject).toContain('CN=booking-devstack local CA (unit test)');
    expect(Date.parse(caCertificate.validTo) - Date.parse(caCertificate.validFrom)).toBe(CA_LIFETIME_DAYS * DAY_MS);
    expect(caCertificate.keyUsage ?? []).toEqual([]); // Node lists extended key usages only; none on a CA.
  });

  it('signs a server certificate for localhost, 127.0.0.1 and ::1, for 825 days, for server authentication only', () => {
    expect(serverCertificate.ca).toBe(false);
    expect(serverCertificate.checkIssued(caCertificate)).toBe(true);
    expect(serverCertificate.verify(caCertificate.publicKey)).toBe(true);
    expect(serverCertificate.checkHost('localhost', { subject: 'never' })).toBe('localhost');
    expect(serverCertificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(serverCertificate.checkIP('::1')).toBe('::1');
    expect(serverCertificate.checkHost('example.com')).toBeUndefined();
    expect(serverCertificate.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(Date.parse(serverCertificate.validTo) - Date.parse(serverCertificate.validFrom)).toBe(SERVER_LIFETIME_DAYS * DAY_MS);
  });

  it('gives each certificate the private key of its public key (PKCS#8 PEM, ECDSA P-256)', () => {
    for (const [pair, certificate] of [[ca, caCertificate], [server, serverCertificate]] as const) {
      const key = createPrivateKey(pair.key);
      expect(key.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
      expect(createPublicKey(key).export({ format: 'der', type: 'spki' })).toEqual(certificate.publicKey.export({ format: 'der', type: 'spki' }));
      expect(certificate.checkPrivateKey(key)).toBe(true);
    }
  });

  it('is read back by the inspector as fit: every name covered, issued by the CA', () => {
    const facts = inspectCertificates({ caCertificate: ca.certificate, caKey: ca.key, serverCertificate: server.certificate, serverKey: server.key });
    expect(facts.server.certificate).toMatchObject({ namesCovered: ['localhost', '127.0.0.1', '::1'], issuedByCa: true, fingerprint256: serverCertificate.fingerprint256 });
    expect(inspectCertificates({ caCertificate: 'not a certificate', serverCertificate: server.certificate }).server.certificate?.issuedByCa).toBe(false);
  });

  it('tells a key that is not its certificate\'s (a crash between the two writes, a file from another checkout)', async () => {
    const other = await realIssuer.createCa(now, 'unit, other');
    const whole = inspectCertificates({ caCertificate: ca.certificate, caKey: ca.key, serverCertificate: server.certificate, serverKey: server.key });
    expect([whole.ca.keyMatches, whole.server.keyMatches]).toEqual([true, true]);
    const crossed = inspectCertificates({ caCertificate: ca.certificate, caKey: other.key, serverCertificate: server.certificate, serverKey: ca.key });
    expect([crossed.ca.keyMatches, crossed.server.keyMatches]).toEqual([false, false]);
    expect(inspectCertificates({ caCertificate: ca.certificate, caKey: 'not a key' }).ca.keyMatches).toBe(false);
  });
});

/** A TLS handshake on loopback, the client trusting `ca` alone: OpenSSL's verdict on the server's certificate. */
async function handshake(ca: string, server: { certificate: string; key: string }, servername: string): Promise<string> {
  const listener = createServer({ cert: server.certificate, key: server.key }, (socket) => socket.end());
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const { port } = listener.address() as AddressInfo;
  try {
    return await new Promise<string>((resolve) => {
      // checkServerIdentity off: the chain's verdict is the subject here, not the host name.
      const socket = connect({ host: '127.0.0.1', port, ca, servername, checkServerIdentity: () => undefined }, () => {
        resolve('trusted');
        socket.end();
      });
      socket.on('error', (error: NodeJS.ErrnoException) => resolve(`${error.code} ${error.message}`));
    });
  } finally {
    listener.close();
  }
}

describe('the CA signs for this machine\'s names only (its name constraints, enforced by OpenSSL)', async () => {
  const ca = await realIssuer.createCa(now, 'unit, constraints');

  it.each([['localhost'], ['127.0.0.1'], ['::1'], ['booking.localtest.me']])('a certificate for %s is trusted', async (name) => {
    expect(await handshake(ca.certificate, await realIssuer.issueServer(ca, now, [name]), 'localhost')).toBe('trusted');
  });

  it.each([['bank.example.com'], ['localhost.example.com'], ['10.0.0.1']])('a certificate for %s, made with the same key, is refused', async (name) => {
    expect(await handshake(ca.certificate, await realIssuer.issueServer(ca, now, [name]), 'localhost')).toMatch(/permitted subtree violation/);
  });
});

describe('directoryStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tls-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(process.platform === 'win32')('writes keys 0600 and certificates 0644 in a folder only its owner can enter, and reads them back', async () => {
    const store = directoryStore(join(dir, '.tls'));
    expect(await store.readAll()).toEqual({});
    await store.write('caKey', 'key');
    await store.write('caCertificate', 'certificate');
    expect(statSync(join(dir, '.tls')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, '.tls', TLS_FILE_NAMES.caKey)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, '.tls', TLS_FILE_NAMES.caCertificate)).mode & 0o777).toBe(0o644);
    expect(await store.readAll()).toEqual({ caKey: 'key', caCertificate: 'certificate' });
  });
});
