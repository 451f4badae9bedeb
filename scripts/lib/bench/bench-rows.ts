/**
 * The rows the database benchmarks add and take away: N hotels in one INSERT … SELECT
 * (one transaction, so one commit the clock starts at), all in a city of their own
 * (`devstack-bench-<token>`), so the benchmark finds them in search by city_key and
 * deletes them, and nothing else, with one DELETE on the city index.
 */
import { cityKey } from '../../../services/lib/contract.ts';
import { sampleHotelsOfSql } from '../../../services/lib/node-contract.ts';

export const BENCH_CITY_PREFIX = 'devstack-bench-';

export function benchCity(token: string): string {
  return `${BENCH_CITY_PREFIX}${token}`;
}

/**
 * One statement that makes `count` rows from a cross join of digit tables (0…9), so
 * it needs no sequence table (MariaDB only) and no recursive CTE (MySQL caps its
 * depth at cte_max_recursion_depth, 1,000 by default).
 */
export function insertRowsStatement(count: number, city: string): { sql: string; values: unknown[] } {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const places = Math.max(1, Math.ceil(Math.log10(count)));
  const digits = `(SELECT 0 AS d ${Array.from({ length: 9 }, (_, i) => `UNION ALL SELECT ${i + 1}`).join(' ')})`;
  const number = Array.from({ length: places }, (_, i) => `d${i}.d * ${10 ** i}`).join(' + ');
  const from = Array.from({ length: places }, (_, i) => `${digits} AS d${i}`).join(' CROSS JOIN ');
  return {
    sql:
      'INSERT INTO hotels (name, city, stars, description) ' +
      `SELECT CONCAT('Bench hotel ', seq.n), ?, 1 + seq.n % 5, NULL FROM (SELECT ${number} AS n FROM ${from}) AS seq WHERE seq.n < ?`,
    values: [city, count],
  };
}

export function deleteRowsStatement(city: string): { sql: string; values: unknown[] } {
  return { sql: 'DELETE FROM hotels WHERE city = ?', values: [city] };
}

/** Rows an earlier benchmark left behind (it was interrupted before it could delete them). */
export function leftoverRowsStatement(): { sql: string; values: unknown[] } {
  return { sql: 'DELETE FROM hotels WHERE city LIKE ?', values: [`${BENCH_CITY_PREFIX}%`] };
}

/** The count query for the benchmark's rows in search. */
export function benchRowsQuery(city: string): object {
  return { term: { city_key: cityKey(city) } };
}

/** The sample hotels of mysql/sample-data/hotels.sql, by name and city: `('Name', 'City', …)` rows of its INSERT. */
export function sampleHotelsOf(sql: string): { name: string; city: string }[] {
  return sampleHotelsOfSql(sql).map(({ name, city }) => ({ name, city }));
}

/** Counts the hotels that are neither sample data nor benchmark rows: the user's own. */
export function userRowsStatement(samples: { name: string; city: string }[]): { sql: string; values: unknown[] } {
  const notSample = samples.length === 0 ? '' : ` AND (name, city) NOT IN (${samples.map(() => '(?, ?)').join(', ')})`;
  return {
    sql: `SELECT COUNT(*) AS n FROM hotels WHERE city NOT LIKE ?${notSample}`,
    values: [`${BENCH_CITY_PREFIX}%`, ...samples.flatMap((s) => [s.name, s.city])],
  };
}
