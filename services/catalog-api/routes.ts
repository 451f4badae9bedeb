/**
 * The route table of catalog-api. The kit answers GET/HEAD /healthz (liveness for
 * HAProxy and Docker) and the readiness route; clients reach everything under /api.
 */
export type RouteName = 'apiHealth' | 'info' | 'createHotel' | 'getHotel' | 'replaceHotel' | 'deleteHotel' | 'search';

export interface CatalogRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  name: Exclude<RouteName, 'apiHealth'>;
}

export const readinessPath = '/api/healthz';

export const catalogRoutes: readonly CatalogRoute[] = [
  { method: 'GET', url: '/api/info', name: 'info' },
  { method: 'POST', url: '/api/hotels', name: 'createHotel' },
  { method: 'GET', url: '/api/hotels/:id', name: 'getHotel' },
  { method: 'PUT', url: '/api/hotels/:id', name: 'replaceHotel' },
  { method: 'DELETE', url: '/api/hotels/:id', name: 'deleteHotel' },
  { method: 'GET', url: '/api/search', name: 'search' },
];
