import { describe, expect, it } from 'vitest';
import { parseSearchParams } from '../../../../services/catalog-api/search-params.ts';
import { buildSearchRequest } from '../../../../services/catalog-api/search-query.ts';

const params = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('parseSearchParams', () => {
  it('applies defaults', () => {
    expect(params('')).toEqual({ ok: true, value: { q: '', city: undefined, minStars: undefined, limit: 10, offset: 0 } });
  });

  it('names each bad parameter', () => {
    const result = params('limit=500&offset=-3');
    expect(result.ok ? [] : result.errors.map((e) => e.field)).toEqual(['limit', 'offset']);
  });

  it('reads min_stars as an integer from 1 to 5, and names it when it is not', () => {
    expect(params('min_stars=4')).toMatchObject({ ok: true, value: { minStars: 4 } });
    for (const bad of ['0', '6', '3.5', 'four']) {
      const result = params(`min_stars=${bad}`);
      expect(result.ok ? [] : result.errors.map((e) => e.field), bad).toEqual(['min_stars']);
    }
  });

  it('reads id as a positive whole number, and names it when it is not', () => {
    expect(params('id=42')).toMatchObject({ ok: true, value: { id: 42 } });
    for (const bad of ['0', '-1', '4.2', 'x', '9007199254740992']) {
      const result = params(`id=${bad}`);
      expect(result.ok ? [] : result.errors.map((e) => e.field), bad).toEqual(['id']);
    }
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

  it('filters stars as a lower bound, next to the city filter', () => {
    const parsed = params('city=Lisbon&min_stars=4');
    if (!parsed.ok) throw new Error('expected valid params');
    expect(buildSearchRequest('hotels', parsed.value).query.bool.filter).toEqual([
      { term: { city_key: 'lisbon' } },
      { range: { stars: { gte: 4 } } },
    ]);
  });

  it('filters one hotel by id, whatever its name in the index', () => {
    const parsed = params('id=7');
    if (!parsed.ok) throw new Error('expected valid params');
    const request = buildSearchRequest('hotels', parsed.value);
    expect(request.query.bool.filter).toEqual([{ term: { id: 7 } }]);
    expect(request.query.bool.must).toEqual([{ match_all: {} }]);
  });

  it('matches everything when q is empty', () => {
    const parsed = params('');
    if (!parsed.ok) throw new Error('expected valid params');
    expect(buildSearchRequest('hotels', parsed.value).query.bool.must).toEqual([{ match_all: {} }]);
  });
});
