/**
 * The one table of content types for the files the project serves itself: the booking
 * page's build (web/dist, by web/server) and the console's (web/dist-console, by
 * scripts/lib/console/console-server.ts). It lives here because the web image's build
 * context holds web/ alone (compose/web.Dockerfile.dockerignore), and the console may
 * import from web/ while the image cannot import from scripts/.
 * Text types name their charset: Vite writes UTF-8, and a browser guessing otherwise
 * garbles the page.
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** By the path's last extension, case-insensitive; anything unknown is opaque bytes (never sniffed: nosniff). */
export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot >= 0 && CONTENT_TYPES[path.slice(dot).toLowerCase()]) || 'application/octet-stream';
}
