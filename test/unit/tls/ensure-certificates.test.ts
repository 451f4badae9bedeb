import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DAY_MS, SERVER_LIFETIME_DAYS, SERVER_RENEWAL_MARGIN_DAYS } from '../../../scripts/lib/tls/certificate-policy.ts';
import { ensureCertificates, outcomeLines } from '../../../scripts/lib/tls/ensure-certificates.ts';
import { realIssuer } from '../../../scripts/lib/tls/issue-certificates.ts';
import { memoryStore } from '../helpers/memory-tls-store.ts';

/** A clock the test moves. */
function clockAt(start: number) {
  let time = start;
  return { now: () => time, advanceDays: (days: number) => (time += days * DAY_MS) };
}

const start = Date.UTC(2026, 11, 7, 9, 0, 0);

describe('ensureCertificates (fake files and clock, real issuer)', () => {
  it('creates the CA and the server pair on a first run, keys owner-only, then leaves them alone', async () => {
    const disk = memoryStore();
    const clock = clockAt(start);
    const first = await ensureCertificates({ store: disk.store, now: clock.now, issuer: realIssuer, label: 'test' });
    expect(first.plan).toEqual({ newCa: 'there is no CA yet', newServer: 'the CA is new' });
    expect(disk.writes).toEqual(['caKey', 'caCertificate', 'serverKey', 'serverCertificate']);
    expect(disk.modes).toEqual({ caKey: 0o600, caCertificate: 0o644, serverKey: 0o600, serverCertificate: 0o644 });
    expect(new X509Certificate(disk.files.serverCertificate!).checkIssued(new X509Certificate(disk.files.caCertificate!))).toBe(true);
    expect(outcomeLines(first, disk.store.describe).join('\n')).toContain('npm run tls:trust');

    clock.advanceDays(SERVER_LIFETIME_DAYS - SERVER_RENEWAL_MARGIN_DAYS - 1);
    const again = await ensureCertificates({ store: disk.store, now: clock.now, issuer: realIssuer, label: 'test' });
    expect(again.plan).toEqual({});
    expect(outcomeLines(again, disk.store.describe)).toEqual([]);
    expect(disk.writes).toHaveLength(4);
  });

  it('renews only the server pair near its expiry, under the same CA (nothing to trust again)', async () => {
    const disk = memoryStore();
    const clock = clockAt(start);
    await ensureCertificates({ store: disk.store, now: clock.now, issuer: realIssuer });
    const { caCertificate, caKey, serverCertificate } = disk.files;
    clock.advanceDays(SERVER_LIFETIME_DAYS - SERVER_RENEWAL_MARGIN_DAYS + 1);
    const renewed = await ensureCertificates({ store: disk.store, now: clock.now, issuer: realIssuer });
    expect(renewed.plan.newCa).toBeUndefined();
    expect(renewed.plan.newServer).toMatch(/^it expires on /);
    expect(disk.files).toMatchObject({ caCertificate, caKey });
    expect(disk.files.serverCertificate).not.toBe(serverCertificate);
    const server = new X509Certificate(disk.files.serverCertificate!);
    expect(Date.parse(server.validFrom)).toBeGreaterThan(start);
    expect(server.verify(new X509Certificate(caCertificate!).publicKey)).toBe(true);
    expect(outcomeLines(renewed, disk.store.describe).join('\n')).not.toContain('tls:trust');
  });

  it('replaces a server certificate another CA signed (a copied .tls/ server pair, a CA made anew)', async () => {
    const first = memoryStore();
    await ensureCertificates({ store: first.store, now: () => start, issuer: realIssuer });
    const second = memoryStore();
    await ensureCertificates({ store: second.store, now: () => start, issuer: realIssuer });
    const mixed = memoryStore({ ...first.files, serverCertificate: second.files.serverCertificate, serverKey: second.files.serverKey });
    const outcome = await ensureCertificates({ store: mixed.store, now: () => start, issuer: realIssuer });
    expect(outcome.plan).toEqual({ newServer: 'it was not issued by the CA in .tls/ca.crt' });
    expect(mixed.writes).toEqual(['serverKey', 'serverCertificate']);
  });
});
