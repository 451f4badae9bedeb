import { describe, expect, it } from 'vitest';
import { checkAction, checkHost, newToken, tokensMatch, TOKEN_HEADER } from '../../../scripts/lib/console/request-guard.ts';

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

describe('checkAction (token, JSON, same site)', () => {
  it('lets the page itself act: JSON, its token, same origin', () => {
    expect(checkAction(action({ 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:9900' }), token, PORT)).toEqual({ ok: true });
    expect(checkAction(action({ origin: 'http://localhost:9900' }), token, PORT)).toEqual({ ok: true });
  });

  it('refuses an action without the token, or with another one', () => {
    expect(checkAction({ 'content-type': 'application/json' }, token, PORT)).toMatchObject({ ok: false, status: 403 });
    expect(checkAction(action({ [TOKEN_HEADER]: 'b'.repeat(64) }), token, PORT)).toMatchObject({ ok: false, status: 403 });
    expect(checkAction(action({ [TOKEN_HEADER]: token.slice(1) }), token, PORT)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a cross-site request even when it carries a token', () => {
    expect(checkAction(action({ 'sec-fetch-site': 'cross-site' }), token, PORT)).toMatchObject({ ok: false, status: 403 });
    expect(checkAction(action({ 'sec-fetch-site': 'same-site' }), token, PORT)).toMatchObject({ ok: false, status: 403 });
    expect(checkAction(action({ origin: 'http://evil.example' }), token, PORT)).toMatchObject({ ok: false, status: 403 });
    expect(checkAction(action({ origin: 'null' }), token, PORT)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses what a cross-site form can send without a preflight (text/plain, form encoding)', () => {
    expect(checkAction(action({ 'content-type': 'text/plain' }), token, PORT)).toMatchObject({ ok: false, status: 415 });
    expect(checkAction(action({ 'content-type': 'application/x-www-form-urlencoded' }), token, PORT)).toMatchObject({ ok: false, status: 415 });
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
