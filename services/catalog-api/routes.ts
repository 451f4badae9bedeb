/** The route table of catalog-api and a matcher that tells 404 from 405. */
export type RouteName =
  | 'liveness'
  | 'apiHealth'
  | 'createHotel'
  | 'getHotel'
  | 'replaceHotel'
  | 'deleteHotel'
  | 'search';

interface Route {
  path: RegExp;
  methods: Partial<Record<string, RouteName>>;
}

// HAProxy health-checks /healthz; clients reach everything else under /api.
const routes: Route[] = [
  { path: /^\/healthz$/, methods: { GET: 'liveness', HEAD: 'liveness' } },
  { path: /^\/api\/healthz$/, methods: { GET: 'apiHealth' } },
  { path: /^\/api\/hotels$/, methods: { POST: 'createHotel' } },
  { path: /^\/api\/hotels\/([^/]+)$/, methods: { GET: 'getHotel', PUT: 'replaceHotel', DELETE: 'deleteHotel' } },
  { path: /^\/api\/search$/, methods: { GET: 'search' } },
];

export type RouteMatch =
  | { kind: 'found'; name: RouteName; params: string[] }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export function matchRoute(method: string, pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const route of routes) {
    const match = route.path.exec(path);
    if (!match) continue;
    const name = route.methods[method];
    if (!name) return { kind: 'method-not-allowed', allow: Object.keys(route.methods) };
    return { kind: 'found', name, params: match.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return { kind: 'not-found' };
}
