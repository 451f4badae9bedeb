import { describe, expect, it } from 'vitest';
import { deletedHotelOf, deletedHotelState } from '../../../web/src/lib/deleted-hotel.ts';

describe('the deleted hotel handed to the search page', () => {
  it('travels in the history state and comes back as it went', () => {
    const state = structuredClone(deletedHotelState({ id: 42, name: 'Harbour View' }));
    expect(deletedHotelOf(state)).toEqual({ id: 42, name: 'Harbour View' });
  });

  it('is absent for any other state a history entry may hold', () => {
    for (const state of [null, undefined, 'x', {}, { deletedHotel: null }, { deletedHotel: { id: '42', name: 'x' } }, { deletedHotel: { id: 1.5, name: 'x' } }, { deletedHotel: { id: 1 } }]) {
      expect(deletedHotelOf(state), JSON.stringify(state)).toBeUndefined();
    }
  });
});
