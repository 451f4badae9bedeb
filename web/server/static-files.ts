/**
 * What the front end's static server answers, decided without I/O: the built files
 * (web/dist, read once at start: a few hundred kB) and a request path in, a status,
 * headers and body out.
 * - index.html is never cached (`no-cache`: revalidate every time), so a deploy is seen at once;
 * - Vite's hashed files under /assets/ are `immutable` for a year: a new build has new names,
 *   and HAProxy's edge cache keeps them;
 * - any other path without a file extension is a page of the single-page app: index.html
 *   (the SPA fallback), while a missing file (`/assets/gone.js`, `/favicon.ico`) is a real 404,
 *   never HTML that a browser would try to run as a script;
 * - every answer carries the page's security headers (below).
 */
export interface StaticFile {
  body: Buffer;
  contentType: string;
}

export interface StaticAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export const INDEX_CACHE_CONTROL = 'no-cache';
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** Files Vite copies unhashed (from web/public): short-lived, so a change shows within minutes. */
export const OTHER_FILE_CACHE_CONTROL = 'public, max-age=300';

/**
 * The page's Content-Security-Policy, for what Vite builds (web/dist): one module
 * script and one stylesheet under /assets/, the favicon, and fetch() to /api/ on the
 * same origin. No inline script and no eval; nothing from another origin.
 * - style-src allows inline styles: Radix's dialog and select (scroll lock,
 *   react-remove-scroll) insert <style> elements whose text is computed at run time
 *   (the scrollbar's width), so no hash can name them. Styles cannot run code;
 *   script-src stays 'self' alone.
 * - frame-ancestors 'none': no other page may frame this one (clickjacking);
 *   X-Frame-Options DENY says the same to browsers without CSP level 2.
 * - base-uri and form-action are not covered by default-src, so each is set.
 * https://www.w3.org/TR/CSP3/, https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * On every answer. Referrer-Policy `same-origin`, not `no-referrer`: with no-referrer a
 * browser sends `Origin: null` on the page's own POST, PUT and DELETE (Fetch standard,
 * "serializing a request origin"), and catalog-api refuses writes from an origin it
 * does not know.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
};

export function answer(method: string, rawPath: string, files: ReadonlyMap<string, StaticFile>): StaticAnswer {
  const text = (status: number, body: string, extra: Record<string, string> = {}): StaticAnswer => ({
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra },
    body,
  });
  if (method !== 'GET' && method !== 'HEAD') return text(405, 'Method not allowed: the front end serves GET and HEAD.\n', { Allow: 'GET, HEAD' });
  const path = decodedPath(rawPath);
  if (path === undefined) return text(400, 'Bad request: the path is not valid percent-encoding.\n');
  if (path === '/healthz') return text(200, 'ok\n');

  const file = files.get(path === '/' ? '/index.html' : path);
  if (file) return fileAnswer(path === '/' ? '/index.html' : path, file);
  if (looksLikeFile(path)) return text(404, `Not found: ${path} is not part of the front end's build.\n`);
  const index = files.get('/index.html');
  if (!index) return text(503, 'The front end has no index.html: its build (npm run build:web) did not run.\n');
  return fileAnswer('/index.html', index);
}

function fileAnswer(path: string, file: StaticFile): StaticAnswer {
  const cacheControl = path === '/index.html' ? INDEX_CACHE_CONTROL : path.startsWith('/assets/') ? ASSET_CACHE_CONTROL : OTHER_FILE_CACHE_CONTROL;
  return {
    status: 200,
    headers: { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Cache-Control': cacheControl, 'Content-Length': String(file.body.length) },
    body: file.body,
  };
}

/** The path without its query, decoded; undefined when the escapes are broken. */
function decodedPath(raw: string): string | undefined {
  const path = raw.split('?')[0]!.split('#')[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** `/assets/x.js`, `/favicon.ico`: a file was asked for, not a page of the app. */
function looksLikeFile(path: string): boolean {
  return path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(path);
}
