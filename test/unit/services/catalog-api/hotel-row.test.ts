import { describe, expect, it } from 'vitest';
import { hotelColumns, rowToHotel } from '../../../../services/catalog-api/hotel-row.ts';

describe('rowToHotel', () => {
  it('turns UNIX_TIMESTAMP decimals into ISO UTC and ids into numbers', () => {
    const hotel = rowToHotel({
      id: '7',
      name: 'Seeblick',
      city: 'Zürich',
      stars: 3,
      description: null,
      version: '2',
      created_epoch: '1767225600.123',
      updated_epoch: 1767225601,
    });
    expect(hotel).toEqual({
      id: 7,
      name: 'Seeblick',
      city: 'Zürich',
      stars: 3,
      description: null,
      version: 2,
      created_at: '2026-01-01T00:00:00.123Z',
      updated_at: '2026-01-01T00:00:01.000Z',
    });
  });
});

describe('hotelColumns', () => {
  it('selects the declared input fields between id and version, timestamps as epochs', () => {
    expect(hotelColumns).toBe('id, name, city, stars, description, version, UNIX_TIMESTAMP(created_at) AS created_epoch, UNIX_TIMESTAMP(updated_at) AS updated_epoch');
  });
});
