import { describe, expect, it } from 'vitest';
import { planCertificates, type ServerFacts, type TlsFacts } from '../../../scripts/lib/tls/certificate-plan.ts';
import { CA_LIFETIME_DAYS, DAY_MS, SERVER_LIFETIME_DAYS, SERVER_NAMES, SERVER_RENEWAL_MARGIN_DAYS } from '../../../scripts/lib/tls/certificate-policy.ts';

const issued = Date.UTC(2026, 0, 1);
const ca = { notBefore: issued, notAfter: issued + CA_LIFETIME_DAYS * DAY_MS, fingerprint256: 'CA' };
const server: ServerFacts = { notBefore: issued, notAfter: issued + SERVER_LIFETIME_DAYS * DAY_MS, fingerprint256: 'SERVER', namesCovered: [...SERVER_NAMES], issuedByCa: true };
const fit: TlsFacts = { ca: { certificate: ca, hasKey: true }, server: { certificate: server, hasKey: true } };
const day = (n: number) => issued + n * DAY_MS;

describe('planCertificates', () => {
  it('creates the CA and the server certificate on a first run', () => {
    expect(planCertificates({ ca: { hasKey: false }, server: { hasKey: false } }, issued)).toEqual({ newCa: 'there is no CA yet', newServer: 'the CA is new' });
  });

  it('keeps both while the server certificate has more than the margin left', () => {
    expect(planCertificates(fit, issued)).toEqual({});
    expect(planCertificates(fit, day(SERVER_LIFETIME_DAYS - SERVER_RENEWAL_MARGIN_DAYS) - 1)).toEqual({});
  });

  it('renews the server certificate, and only it, within the margin and after expiry', () => {
    const within = planCertificates(fit, day(SERVER_LIFETIME_DAYS - SERVER_RENEWAL_MARGIN_DAYS + 1));
    expect(within.newCa).toBeUndefined();
    expect(within.newServer).toMatch(/^it expires on 2028-04-05, in 29 days/);
    expect(planCertificates(fit, day(SERVER_LIFETIME_DAYS + 3)).newServer).toBe('it expired on 2028-04-05');
  });

  it('issues a new server certificate when its key is gone, a name is missing, or another CA signed it', () => {
    expect(planCertificates({ ...fit, server: { certificate: server, hasKey: false } }, issued).newServer).toBe('the server key (server.key) is missing');
    expect(planCertificates({ ...fit, server: { certificate: server, hasKey: true, keyMatches: false } }, issued).newServer).toBe('the server key (server.key) is not the key of server.crt');
    expect(planCertificates({ ...fit, server: { certificate: { ...server, namesCovered: ['localhost'] }, hasKey: true } }, issued).newServer).toBe('it does not name 127.0.0.1, ::1');
    expect(planCertificates({ ...fit, server: { certificate: { ...server, issuedByCa: false }, hasKey: true } }, issued).newServer).toBe('it was not issued by the CA in .tls/ca.crt');
    expect(planCertificates({ ...fit, server: { unreadable: true, hasKey: true } }, issued).newServer).toBe('server.crt is not a readable certificate');
  });

  it('replaces the CA (and so the server certificate) when its key is lost, or it could not cover a whole server certificate', () => {
    expect(planCertificates({ ...fit, ca: { certificate: ca, hasKey: false } }, issued)).toEqual({ newCa: 'the CA key (ca.key) is missing', newServer: 'the CA is new' });
    expect(planCertificates({ ...fit, ca: { certificate: ca, hasKey: true, keyMatches: false } }, issued)).toEqual({ newCa: 'the CA key (ca.key) is not the key of ca.crt', newServer: 'the CA is new' });
    const caEnd = CA_LIFETIME_DAYS;
    expect(planCertificates(fit, day(caEnd - SERVER_LIFETIME_DAYS - SERVER_RENEWAL_MARGIN_DAYS) - 1).newCa).toBeUndefined();
    expect(planCertificates(fit, day(caEnd - SERVER_LIFETIME_DAYS - SERVER_RENEWAL_MARGIN_DAYS + 1)).newCa).toMatch(/^the CA expires on .* \(renewed within 855 days of expiry\)$/);
  });

  it('does not trust a clock that runs before the certificates began', () => {
    expect(planCertificates(fit, issued - DAY_MS).newCa).toBe('the CA is not valid yet (the clock went back?)');
  });
});
