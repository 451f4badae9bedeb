import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../../scripts/lib/paths.ts';
import { sampleHotelsOfSql } from '../../../../services/lib/sample-hotels.ts';

describe('sampleHotelsOfSql', () => {
  it('reads the sample hotels of mysql/sample-data/hotels.sql as ids 1..N in file order', () => {
    const hotels = sampleHotelsOfSql(readFileSync(join(paths.repoRoot, 'mysql', 'sample-data', 'hotels.sql'), 'utf8'));
    expect(hotels.length).toBeGreaterThanOrEqual(3);
    expect(hotels.map((hotel) => hotel.id)).toEqual(hotels.map((_, index) => index + 1));
    expect(hotels[0]).toEqual({ id: 1, name: 'Harbour View Hotel', city: 'Lisbon' });
  });

  it("reads SQL's doubled quotes as one and ignores lines that are no row", () => {
    const sql = "-- ('Not', 'A row')\nINSERT INTO hotels (name, city) VALUES\n  ('Chez O''Neil', 'Nice', 3, NULL),\n  ('Two', 'L''Aquila', 2, 'x');";
    expect(sampleHotelsOfSql(sql)).toEqual([
      { id: 1, name: "Chez O'Neil", city: 'Nice' },
      { id: 2, name: 'Two', city: "L'Aquila" },
    ]);
  });
});
