/**
 * The console is an admin surface on loopback, and loopback is not a boundary against
 * web pages (FIELD-NOTES "Loopback is not a security boundary"):
 * - DNS rebinding: a page on evil.example re-resolves its own name to 127.0.0.1 and
 *   reads the console as same-origin, with `Host: evil.example:<port>`. Only Host
 *   localhost, 127.0.0.1 or [::1] (bare or with the console's port) is answered.
 * - Cross-site requests: a form or fetch from another site can POST without a CORS
 *   preflight (`text/plain`, `no-cors`), and GET anything (an opaque answer is still a
 *   request the console serves: a `docker logs` per call). Every request whose
 *   Sec-Fetch-Site or Origin names another site is refused outright, whatever its
 *   method (checkSite). Every action also needs the per-run token, which only a page
 *   read from the console itself can know (it is embedded in that page), and
 *   `application/json` (checkAction). The console sends no CORS headers, so no other
 *   origin reads anything it answers.
 * Pure: the server passes the request's headers in and writes the verdict out.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const TOKEN_HEADER = 'x-console-token';

export type Verdict = { ok: true } | { ok: false; status: 400 | 403 | 415; reason: string };

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function loopbackHosts(port: number): string[] {
  return LOOPBACK_NAMES.flatMap((name) => [name, `${name}:${port}`]);
}

export function checkHost(host: string | undefined, port: number): Verdict {
  if (host !== undefined && loopbackHosts(port).includes(host.toLowerCase())) return { ok: true };
  return {
    ok: false,
    status: 403,
    reason: `Forbidden: the console answers only Host localhost, 127.0.0.1 or [::1] (DNS rebinding guard); open http://127.0.0.1:${port}/`,
  };
}

export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Constant time for equal lengths; a length mismatch says nothing about the content. */
export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * For every request, whatever its method: the console's own page (Sec-Fetch-Site
 * same-origin), the address bar (none) and command-line clients (neither header) pass;
 * a request from any other site or origin does not.
 */
export function checkSite(headers: Headers, port: number): Verdict {
  const site = header(headers, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { ok: false, status: 403, reason: `Forbidden: the console answers only its own page; this request came from another site (Sec-Fetch-Site: ${site}). Open http://127.0.0.1:${port}/` };
  }
  const origin = header(headers, 'origin');
  if (origin !== undefined && !loopbackHosts(port).some((host) => origin.toLowerCase() === `http://${host}`)) {
    return { ok: false, status: 403, reason: `Forbidden: the console answers only its own page, not requests from ${origin}. Open http://127.0.0.1:${port}/` };
  }
  return { ok: true };
}

/** For a request that changes something (POST), after checkSite: JSON, the token. */
export function checkAction(headers: Headers, token: string): Verdict {
  const type = header(headers, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, status: 415, reason: 'actions take Content-Type: application/json (a cross-site form cannot send it without a preflight)' };
  }
  if (!tokensMatch(header(headers, TOKEN_HEADER), token)) {
    return { ok: false, status: 403, reason: `Forbidden: the action needs the ${TOKEN_HEADER} header from the console's own page (reload it after restarting the console)` };
  }
  return { ok: true };
}
