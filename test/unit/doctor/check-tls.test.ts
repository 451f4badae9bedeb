import { describe, expect, it } from 'vitest';
import { tlsCheck } from '../../../scripts/lib/doctor/check-tls.ts';
import type { ServerFacts, TlsFacts } from '../../../scripts/lib/tls/certificate-plan.ts';
import { CA_LIFETIME_DAYS, DAY_MS, SERVER_LIFETIME_DAYS, SERVER_NAMES } from '../../../scripts/lib/tls/certificate-policy.ts';

const issued = Date.UTC(2026, 11, 7);
const server: ServerFacts = { notBefore: issued, notAfter: issued + SERVER_LIFETIME_DAYS * DAY_MS, fingerprint256: 'S', namesCovered: [...SERVER_NAMES], issuedByCa: true };
const facts: TlsFacts = { ca: { certificate: { notBefore: issued, notAfter: issued + CA_LIFETIME_DAYS * DAY_MS, fingerprint256: 'C' }, hasKey: true }, server: { certificate: server, hasKey: true } };
const at = (days: number) => issued + days * DAY_MS;

describe("the doctor's https certificate check", () => {
  it('names the names and the expiry of a fit certificate', () => {
    expect(tlsCheck({ facts, now: at(1), caKeyMode: 0o600, where: '.tls' })).toEqual({ name: 'https certificate', status: 'ok', summary: 'names localhost, 127.0.0.1, ::1, valid until 2029-03-11 (824 days; `up` renews it 30 days before)' });
  });

  it('before the first up: nothing to judge yet, and says who makes it', () => {
    expect(tlsCheck({ facts: { ca: { hasKey: false }, server: { hasKey: false } }, now: issued, where: '.tls' })).toMatchObject({ status: 'skip', summary: expect.stringContaining('`npm run up` creates') });
  });

  it('warns within the renewal margin, and fails once expired, another CA signed it, or a name is missing; the fix is up', () => {
    expect(tlsCheck({ facts, now: at(SERVER_LIFETIME_DAYS - 10), where: '.tls' })).toMatchObject({ status: 'warn', summary: expect.stringContaining('in 10 days'), fix: expect.stringContaining('npm run up') });
    expect(tlsCheck({ facts, now: at(SERVER_LIFETIME_DAYS + 1), where: '.tls' })).toMatchObject({ status: 'fail', summary: '.tls/server.crt: it expired on 2029-03-11'.replace('.tls/server.crt', 'the certificate in .tls/server.crt') });
    expect(tlsCheck({ facts: { ...facts, server: { certificate: { ...server, issuedByCa: false }, hasKey: true } }, now: at(1), where: '.tls' }).status).toBe('fail');
    expect(tlsCheck({ facts: { ...facts, server: { certificate: { ...server, namesCovered: ['localhost'] }, hasKey: true } }, now: at(1), where: '.tls' })).toMatchObject({ status: 'fail', summary: expect.stringContaining('does not name 127.0.0.1, ::1') });
  });

  it('fails when others can read the CA key, with the chmod that fixes it', () => {
    expect(tlsCheck({ facts, now: at(1), caKeyMode: 0o644, where: '.tls' })).toMatchObject({ status: 'fail', summary: expect.stringContaining('mode 0644'), fix: 'chmod 600 .tls/ca.key' });
  });

  it('warns years ahead that the CA itself will need replacing, and trusting again', () => {
    const late = { ...facts, server: { certificate: { ...server, notBefore: at(CA_LIFETIME_DAYS - 900), notAfter: at(CA_LIFETIME_DAYS - 75) }, hasKey: true } };
    expect(tlsCheck({ facts: late, now: at(CA_LIFETIME_DAYS - 899), where: '.tls' }).status).toBe('ok');
    expect(tlsCheck({ facts: late, now: at(CA_LIFETIME_DAYS - 800), where: '.tls' })).toMatchObject({ status: 'warn', fix: expect.stringContaining('tls:trust') });
  });
});
