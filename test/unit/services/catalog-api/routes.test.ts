import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../../services/catalog-api/routes.ts';

describe('matchRoute', () => {
  it('finds routes and their parameters', () => {
    expect(matchRoute('GET', '/api/hotels/42')).toEqual({ kind: 'found', name: 'getHotel', params: ['42'] });
    expect(matchRoute('POST', '/api/hotels/')).toEqual({ kind: 'found', name: 'createHotel', params: [] });
    expect(matchRoute('GET', '/healthz')).toMatchObject({ name: 'liveness' });
    expect(matchRoute('GET', '/api/healthz')).toMatchObject({ name: 'apiHealth' });
    expect(matchRoute('GET', '/api/info')).toMatchObject({ name: 'info' });
  });

  it('tells unknown paths (404) from wrong methods (405)', () => {
    expect(matchRoute('GET', '/api/rooms')).toEqual({ kind: 'not-found' });
    expect(matchRoute('PATCH', '/api/hotels/1')).toEqual({ kind: 'method-not-allowed', allow: ['GET', 'PUT', 'DELETE'] });
  });

  it('decodes path parameters and reports a malformed escape instead of throwing', () => {
    expect(matchRoute('GET', '/api/hotels/%34%32')).toEqual({ kind: 'found', name: 'getHotel', params: ['42'] });
    expect(matchRoute('GET', '/api/hotels/%E0%A4%A')).toEqual({ kind: 'malformed-parameter', raw: '%E0%A4%A' });
    expect(matchRoute('DELETE', '/api/hotels/%zz')).toEqual({ kind: 'malformed-parameter', raw: '%zz' });
  });
});
