/** The route table of catalog-api and a matcher that tells 404 from 405. */
export type RouteName =
  | 'liveness'
  | 'apiHealth'
  | 'info'
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
  { path: /^\/api\/info$/, methods: { GET: 'info' } },
  { path: /^\/api\/hotels$/, methods: { POST: 'createHotel' } },
  { path: /^\/api\/hotels\/([^/]+)$/, methods: { GET: 'getHotel', PUT: 'replaceHotel', DELETE: 'deleteHotel' } },
  { path: /^\/api\/search$/, methods: { GET: 'search' } },
];

export type RouteMatch =
  | { kind: 'found'; name: RouteName; params: string[] }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' }
  /** A path parameter whose percent-encoding is not valid UTF-8 (`%E0%A4%A`). */
  | { kind: 'malformed-parameter'; raw: string };

export function matchRoute(method: string, pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const route of routes) {
    const match = route.path.exec(path);
    if (!match) continue;
    const name = route.methods[method];
    if (!name) return { kind: 'method-not-allowed', allow: Object.keys(route.methods) };
    const raw = match.slice(1);
    const params = raw.map(decodeParameter);
    const malformed = params.indexOf(undefined);
    if (malformed !== -1) return { kind: 'malformed-parameter', raw: raw[malformed]! };
    return { kind: 'found', name, params: params as string[] };
  }
  return { kind: 'not-found' };
}

/** decodeURIComponent throws URIError on broken escapes; that is the client's mistake, not a crash. */
function decodeParameter(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
