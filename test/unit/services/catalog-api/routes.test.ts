/**
 * The route table as the kit's router applies it: each route reaches its handler
 * with its decoded parameters, an unknown path is 404, a known path with another
 * method 405 naming the allowed ones, and a malformed escape 400, never a throw.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../../services/catalog-api/app.ts';
import type { Handler } from '../../../../services/catalog-api/handlers.ts';
import type { RouteName } from '../../../../services/catalog-api/routes.ts';
import { createCorsPolicy } from '../../../../services/kit/cors.ts';
import { createLogger } from '../../../../services/kit/logger.ts';

const names: RouteName[] = ['apiHealth', 'info', 'createHotel', 'getHotel', 'replaceHotel', 'deleteHotel', 'search'];
const echo = (name: RouteName): Handler => async (req) => ({ status: 200, body: { kind: 'found', name, params: req.params } });
const app = buildApp({
  handlers: Object.fromEntries(names.map((name) => [name, echo(name)])) as Record<RouteName, Handler>,
  cors: createCorsPolicy([]),
  serviceName: 'catalog-api-test',
  bodyLimitBytes: 1024,
  log: createLogger({}, { write: () => {} }),
  isDraining: () => false,
});

async function matchRoute(method: string, url: string) {
  const response = await app.inject({ method: method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: method === 'POST' ? '{}' : undefined });
  const body = response.json() as Record<string, unknown> & { error?: { code: string; message: string } };
  if (response.statusCode === 404) return { kind: 'not-found' };
  if (response.statusCode === 405) return { kind: 'method-not-allowed', allow: String(response.headers.allow).split(', ') };
  if (body.error?.code === 'invalid_path') return { kind: 'malformed-parameter', raw: /"(.*)"/.exec(body.error.message)?.[1] };
  if (url === '/healthz') return { kind: 'found', name: 'liveness', status: body.status };
  return body;
}

describe('matchRoute', () => {
  it('finds routes and their parameters', async () => {
    expect(await matchRoute('GET', '/api/hotels/42')).toEqual({ kind: 'found', name: 'getHotel', params: ['42'] });
    expect(await matchRoute('POST', '/api/hotels/')).toEqual({ kind: 'found', name: 'createHotel', params: [] });
    expect(await matchRoute('GET', '/healthz')).toMatchObject({ name: 'liveness' });
    expect(await matchRoute('GET', '/api/healthz')).toMatchObject({ name: 'apiHealth' });
    expect(await matchRoute('GET', '/api/info')).toMatchObject({ name: 'info' });
  });

  it('tells unknown paths (404) from wrong methods (405)', async () => {
    expect(await matchRoute('GET', '/api/rooms')).toEqual({ kind: 'not-found' });
    expect(await matchRoute('PATCH', '/api/hotels/1')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'PUT', 'DELETE'] });
  });

  it('decodes path parameters and reports a malformed escape instead of throwing', async () => {
    expect(await matchRoute('GET', '/api/hotels/%34%32')).toEqual({ kind: 'found', name: 'getHotel', params: ['42'] });
    expect(await matchRoute('GET', '/api/hotels/%E0%A4%A')).toEqual({ kind: 'malformed-parameter', raw: '%E0%A4%A' });
    expect(await matchRoute('DELETE', '/api/hotels/%zz')).toEqual({ kind: 'malformed-parameter', raw: '%zz' });
  });
});
