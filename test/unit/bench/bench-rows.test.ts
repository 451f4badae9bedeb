import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchCity, benchRowsQuery, insertRowsStatement, sampleHotelsOf, userRowsStatement } from '../../../scripts/lib/bench/bench-rows.ts';
import { paths } from '../../../scripts/lib/paths.ts';

describe('insertRowsStatement', () => {
  it('makes the numbers 0 … count-1 from as many digit tables as count has places', () => {
    const tables = (count: number) => insertRowsStatement(count, 'c').sql.match(/ AS d\d+/g)?.length;
    expect(tables(1)).toBe(1);
    expect(tables(10)).toBe(1);
    expect(tables(11)).toBe(2);
    expect(tables(100_000)).toBe(5);
    expect(tables(100_001)).toBe(6);
    expect(insertRowsStatement(100_000, 'devstack-bench-x').values).toEqual(['devstack-bench-x', 100_000]);
    expect(insertRowsStatement(1_000, 'c').sql).toContain('d0.d * 1 + d1.d * 10 + d2.d * 100');
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => insertRowsStatement(0, 'c')).toThrow(RangeError);
    expect(() => insertRowsStatement(1.5, 'c')).toThrow(RangeError);
  });
});

describe('bench rows in search', () => {
  it('are found by the city_key the indexer derives from their city', () => {
    expect(benchRowsQuery(benchCity('abc123'))).toEqual({ term: { city_key: 'devstack-bench-abc123' } });
  });
});

describe('user data', () => {
  it('reads the sample hotels from mysql/sample-data/hotels.sql, quotes included', () => {
    const samples = sampleHotelsOf(readFileSync(join(paths.repoRoot, 'mysql', 'sample-data', 'hotels.sql'), 'utf8'));
    expect(samples).toHaveLength(6);
    expect(samples[0]).toEqual({ name: 'Harbour View Hotel', city: 'Lisbon' });
    expect(sampleHotelsOf("  ('Chez O''Neil', 'Nice', 3, NULL),")).toEqual([{ name: "Chez O'Neil", city: 'Nice' }]);
  });

  it('counts hotels that are neither samples nor benchmark rows', () => {
    const { sql, values } = userRowsStatement([{ name: 'A', city: 'B' }, { name: 'C', city: 'D' }]);
    expect(sql).toBe('SELECT COUNT(*) AS n FROM hotels WHERE city NOT LIKE ? AND (name, city) NOT IN ((?, ?), (?, ?))');
    expect(values).toEqual(['devstack-bench-%', 'A', 'B', 'C', 'D']);
  });
});
