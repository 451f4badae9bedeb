import { describe, expect, it } from 'vitest';
import { parseSearchParams } from '../../../../services/catalog-api/search-params.ts';
import { buildSearchRequest } from '../../../../services/catalog-api/search-query.ts';

const params = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('parseSearchParams', () => {
  it('applies defaults', () => {
    expect(params('')).toEqual({ ok: true, value: { q: '', city: undefined, limit: 10, offset: 0 } });
  });

  it('names each bad parameter', () => {
    const result = params('limit=500&offset=-3');
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['limit', 'offset']);
  });

  it('keeps from + size inside the result window', () => {
    expect(params('offset=9995&limit=10').ok).toBe(false);
  });
});

describe('buildSearchRequest', () => {
  it('puts user text only into multi_match and filters city by exact lower-cased term', () => {
    const parsed = params('q=title:* OR 1=1&city=Wien&limit=5&offset=10');
    if (!parsed.ok) throw new Error('expected valid params');
    const request = buildSearchRequest('hotels', parsed.value);
    expect(request).toMatchObject({ index: 'hotels', from: 10, size: 5 });
    expect(request.query.bool.must).toEqual([
      { multi_match: { query: 'title:* OR 1=1', fields: ['name^3', 'city^2', 'description'], operator: 'and' } },
    ]);
    expect(request.query.bool.filter).toEqual([{ term: { city_key: 'wien' } }]);
    expect(JSON.stringify(request)).not.toContain('query_string');
  });

  it('matches everything when q is empty', () => {
    const parsed = params('');
    if (!parsed.ok) throw new Error('expected valid params');
    expect(buildSearchRequest('hotels', parsed.value).query.bool.must).toEqual([{ match_all: {} }]);
  });
});
