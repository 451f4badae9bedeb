/**
 * A delete the search page has to wait for. catalog-api deletes the row at once; search
 * drops the hotel when the change has come through Debezium, Kafka and the indexer, a
 * second or so later. A list fetched in between still counts it ("of 13 hotels" while
 * search already says 12 a moment later). So the hotel page hands the deleted hotel to
 * the search page in the history entry's state, and the search page says search is
 * catching up, waits until search no longer finds it and then fetches its list again.
 */
export interface DeletedHotel {
  id: number;
  name: string;
}

export function deletedHotelState(hotel: DeletedHotel): { deletedHotel: DeletedHotel } {
  return { deletedHotel: { id: hotel.id, name: hotel.name } };
}

/** The deleted hotel in a history entry's state; undefined for any other state (it is whatever the entry holds). */
export function deletedHotelOf(state: unknown): DeletedHotel | undefined {
  const hotel = (state as { deletedHotel?: Partial<DeletedHotel> } | null)?.deletedHotel;
  if (!hotel || !Number.isSafeInteger(hotel.id) || typeof hotel.name !== 'string') return undefined;
  return { id: hotel.id!, name: hotel.name };
}
