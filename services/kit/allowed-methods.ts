/**
 * Which methods a path has, so an unknown method on a known path is 405 with
 * `Allow` (RFC 9110 §15.5.6) rather than the 404 Fastify's router gives it.
 * Route urls are Fastify's (`/api/hotels/:id`); a trailing slash is ignored, as
 * the router is told to (`ignoreTrailingSlash`).
 */
export interface DeclaredRoute {
  method: string;
  url: string;
}

export function allowedMethods(routes: readonly DeclaredRoute[], path: string): string[] {
  const target = trimSlash(path);
  const allowed: string[] = [];
  for (const route of routes) {
    if (matches(trimSlash(route.url), target) && !allowed.includes(route.method)) allowed.push(route.method);
  }
  return allowed;
}

function matches(pattern: string, path: string): boolean {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => segment.startsWith(':') ? got[i] !== '' : segment === got[i]);
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
