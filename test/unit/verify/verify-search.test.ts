/** The JSON of both comparisons (verify-search.ts): `npm run verify -- --json` and the console's Check drift. */
import { describe, expect, it } from 'vitest';
import type { AvailabilityComparison } from '../../../scripts/lib/verify/compare-availability.ts';
import type { Comparison } from '../../../scripts/lib/verify/compare-streams.ts';
import { searchVerifyJson, type SearchVerifyReport } from '../../../scripts/lib/verify/verify-search.ts';

const none = { count: 0, ids: [] };

function reports(hotelDrift: Partial<Comparison['drift']> = {}, availabilityDrift: Partial<AvailabilityComparison['drift']> = {}): SearchVerifyReport {
  return {
    hotels: {
      index: 'hotels-mariadb',
      indexExists: true,
      database: 'booking',
      seconds: 0.51234,
      comparison: { rows: 12, documents: 12, drift: { missing: none, extra: none, differing: none, unindexable: none, ...hotelDrift }, differingFields: {}, problems: {} },
    },
    availability: {
      index: 'availability-mariadb',
      indexExists: true,
      database: 'inventory',
      seconds: 1.25,
      comparison: { rows: 730, documents: 730, drift: { missing: none, extra: none, differing: none, unindexable: none, ...availabilityDrift }, differingFields: {}, problems: {} },
    },
  };
}

describe('searchVerifyJson', () => {
  it("keeps the hotels' fields at the top and puts date search's, in the same shape, under availability", () => {
    const json = searchVerifyJson(reports({ missing: { count: 1, ids: [7] } }));
    expect(json).toMatchObject({ clean: false, index: 'hotels-mariadb', database: 'booking', rows: 12, documents: 12, missing: { count: 1, ids: [7] }, seconds: 0.512 });
    expect(json.availability).toEqual({
      clean: true,
      index: 'availability-mariadb',
      indexExists: true,
      database: 'inventory',
      rows: 730,
      documents: 730,
      missing: none,
      extra: none,
      differing: none,
      unindexable: none,
      differingFields: {},
      problems: {},
      seconds: 1.25,
    });
  });

  it('is clean only when both are: drift in date search alone makes the whole unclean', () => {
    expect(searchVerifyJson(reports()).clean).toBe(true);
    const json = searchVerifyJson(reports({}, { missing: { count: 1, ids: ['night:7:2027-03-01'] } }));
    expect(json.clean).toBe(false);
    expect(json.missing.count).toBe(0);
    expect(json.availability).toMatchObject({ clean: false, missing: { count: 1, ids: ['night:7:2027-03-01'] } });
  });
});
