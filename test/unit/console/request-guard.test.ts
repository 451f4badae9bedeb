import { describe, expect, it } from 'vitest';
import { checkAction, checkHost, checkSite, newToken, tokensMatch, TOKEN_HEADER } from '../../../scripts/lib/console/request-guard.ts';

const PORT = 9900;
const token = 'a'.repeat(64);
const action = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', [TOKEN_HEADER]: token, ...extra });

describe('checkHost (DNS rebinding guard)', () => {
  it.each(['localhost', '127.0.0.1', '[::1]', 'localhost:9900', '127.0.0.1:9900', '[::1]:9900', 'LOCALHOST:9900'])('answers Host %s', (host) => {
    expect(checkHost(host, PORT)).toEqual({ ok: true });
  });

  it.each([undefined, 'evil.example', 'evil.example:9900', 'localhost:9901', '127.0.0.1.nip.io:9900', 'localhost.evil.example', '0.0.0.0:9900'])('refuses Host %s with 403', (host) => {
    const verdict = checkHost(host, PORT);
    expect(verdict).toMatchObject({ ok: false, status: 403 });
    expect(!verdict.ok && verdict.reason).toContain('open http://127.0.0.1:9900/');
  });
});

describe('checkSite (every method)', () => {
  it('lets the page itself, the address bar and command-line clients through', () => {
    expect(checkSite({ 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:9900' }, PORT)).toEqual({ ok: true });
    expect(checkSite({ origin: 'http://localhost:9900' }, PORT)).toEqual({ ok: true });
    expect(checkSite({ 'sec-fetch-site': 'none' }, PORT)).toEqual({ ok: true });
    expect(checkSite({}, PORT)).toEqual({ ok: true });
  });

  it.each([
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
    { origin: 'http://evil.example' },
    { origin: 'http://127.0.0.1:9901' },
    { origin: 'null' },
  ])('refuses %o with 403 and says where the console is', (headers) => {
    const verdict = checkSite(headers, PORT);
    expect(verdict).toMatchObject({ ok: false, status: 403 });
    expect(!verdict.ok && verdict.reason).toMatch(/^Forbidden: the console answers only its own page.*Open http:\/\/127\.0\.0\.1:9900\/$/);
  });
});

describe('checkAction (token, JSON)', () => {
  it('lets the page itself act: JSON, its token', () => {
    expect(checkAction(action(), token)).toEqual({ ok: true });
  });

  it('refuses an action without the token, or with another one', () => {
    expect(checkAction({ 'content-type': 'application/json' }, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkAction(action({ [TOKEN_HEADER]: 'b'.repeat(64) }), token)).toMatchObject({ ok: false, status: 403 });
    expect(checkAction(action({ [TOKEN_HEADER]: token.slice(1) }), token)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses what a cross-site form can send without a preflight (text/plain, form encoding)', () => {
    expect(checkAction(action({ 'content-type': 'text/plain' }), token)).toMatchObject({ ok: false, status: 415 });
    expect(checkAction(action({ 'content-type': 'application/x-www-form-urlencoded' }), token)).toMatchObject({ ok: false, status: 415 });
  });
});

describe('tokens', () => {
  it('are 256 random bits, new each run, compared whole', () => {
    const a = newToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newToken()).not.toBe(a);
    expect(tokensMatch(a, a)).toBe(true);
    expect(tokensMatch(undefined, a)).toBe(false);
    expect(tokensMatch(`${a}0`, a)).toBe(false);
  });
});
