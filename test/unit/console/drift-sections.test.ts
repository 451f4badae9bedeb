/** The drift panel's sections (web/console/src/drift-sections.ts) from Check drift's answer. */
import { describe, expect, it } from 'vitest';
import type { SearchVerifyJson } from '../../../scripts/lib/verify/verify-search.ts';
import { driftSections } from '../../../web/console/src/drift-sections.ts';

const none = { count: 0, ids: [] };
const common = { indexExists: true, differingFields: {}, problems: {}, extra: none, differing: none, unindexable: none };

function answer(hotelsMissing: { count: number; ids: number[] }, nightsMissing: { count: number; ids: string[] }, availabilityIndexExists = true): SearchVerifyJson {
  const hotelsClean = hotelsMissing.count === 0;
  const nightsClean = nightsMissing.count === 0;
  return {
    ...common,
    clean: hotelsClean && nightsClean,
    index: 'hotels-mariadb',
    database: 'booking',
    rows: 12,
    documents: 12 - hotelsMissing.count,
    seconds: 0.4,
    missing: hotelsMissing,
    availability: { ...common, clean: nightsClean, index: 'availability-mariadb', indexExists: availabilityIndexExists, database: 'inventory', rows: 730, documents: 730 - nightsMissing.count, seconds: 1.24, missing: nightsMissing },
  };
}

describe('driftSections', () => {
  it("lists the hotels, then date search's availability, each with its counts, under the test ids the page has kept", () => {
    const [hotels, availability] = driftSections(answer({ count: 1, ids: [42] }, none));
    expect(hotels).toMatchObject({ title: 'hotels', testId: 'drift', clean: false, summary: '12 rows in booking (hotels), 11 documents in hotels-mariadb, 0.4 s' });
    expect(hotels!.kinds.map((k) => [k.kind, k.count, k.ids])).toEqual([['missing', 1, '42'], ['extra', 0, ''], ['differing', 0, ''], ['unindexable', 0, '']]);
    expect(availability).toMatchObject({ title: 'date search (availability)', testId: 'drift-availability', clean: true, summary: '730 rows in inventory (room_types and room_nights), 730 documents in availability-mariadb, 1.2 s' });
  });

  it("shows date search's drift on its own, with how many more ids than listed, and a missing index", () => {
    const [hotels, availability] = driftSections(answer(none, { count: 12, ids: ['night:3:2027-01-01', 'night:3:2027-01-02'] }, false));
    expect(hotels!.clean).toBe(true);
    expect(availability!.clean).toBe(false);
    expect(availability!.kinds[0]).toEqual({ kind: 'missing', label: 'rows missing from search', count: 12, ids: 'night:3:2027-01-01, night:3:2027-01-02, … (10 more)' });
    expect(availability!.summary).toBe('730 rows in inventory (room_types and room_nights), 718 documents in availability-mariadb (does not exist), 1.2 s');
  });
});
