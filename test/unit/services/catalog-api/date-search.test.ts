import type { Client } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { buildAvailabilityRequest, MAX_FREE_ROOM_TYPES, MoreRoomTypesThanSearchableError, offersByHotel } from '../../../../services/catalog-api/availability-query.ts';
import { createElasticHotelSearch } from '../../../../services/catalog-api/hotel-search.ts';
import { parseSearchParams, type SearchParams } from '../../../../services/catalog-api/search-params.ts';
import { buildSearchRequest } from '../../../../services/catalog-api/search-query.ts';

const today = new Date('2027-03-01T12:00:00Z');
const params = (query: string) => parseSearchParams(new URLSearchParams(query), today);
const fieldsOf = (query: string) => {
  const result = params(query);
  return result.ok ? [] : result.errors.map((error) => `${error.field}: ${error.message}`);
};
const stay = { checkIn: '2027-03-10', checkOut: '2027-03-13', nights: 3, guests: 2 };

describe('GET /api/search with dates: the parameters (BOOKING-UI.md)', () => {
  it('without dates: no stay, exactly as before', () => {
    expect(params('q=porto')).toEqual({ ok: true, value: { q: 'porto', city: undefined, minStars: undefined, limit: 10, offset: 0 } });
  });

  it('with both dates: the stay, 2 guests unless given', () => {
    expect(params('check_in=2027-03-10&check_out=2027-03-13')).toMatchObject({ ok: true, value: { stay } });
    expect(params('check_in=2027-03-10&check_out=2027-03-13&guests=4')).toMatchObject({ ok: true, value: { stay: { ...stay, guests: 4 } } });
  });

  it('refuses one date without the other, naming the missing one', () => {
    expect(fieldsOf('check_in=2027-03-10')).toEqual(['check_out: is required with check_in']);
    expect(fieldsOf('check_out=2027-03-13&guests=2')).toEqual(['check_in: is required with check_out']);
  });

  it('takes guests from 1 to 10, and only with dates', () => {
    expect(fieldsOf('guests=2')).toEqual(['guests: is only taken with check_in and check_out']);
    for (const bad of ['0', '11', '2.5', 'two']) expect(fieldsOf(`check_in=2027-03-10&check_out=2027-03-13&guests=${bad}`), bad).toEqual(['guests: must be an integer from 1 to 10']);
  });

  it('applies the calendar rules: real dates, not in the past, check-out after check-in, at most 30 nights', () => {
    expect(fieldsOf('check_in=2027-02-30&check_out=2027-03-02')).toEqual(['check_in: must be a calendar date, YYYY-MM-DD']);
    expect(fieldsOf('check_in=2027-02-27&check_out=2027-03-02')).toEqual(['check_in: must not be in the past (today is 2027-03-01, UTC)']);
    expect(fieldsOf('check_in=2027-03-10&check_out=2027-03-10')).toEqual(['check_out: must be after check_in']);
    expect(fieldsOf('check_in=2027-03-10&check_out=2027-04-10')).toEqual(['check_out: must be at most 30 nights after check_in']);
    expect(params('check_in=2027-03-01&check_out=2027-03-31')).toMatchObject({ ok: true, value: { stay: { nights: 30 } } });
  });

  it('reports the stay problems beside the other parameters\' in one answer', () => {
    expect(fieldsOf('limit=0&check_in=2027-03-10')).toEqual(['check_out: is required with check_in', 'limit: must be an integer from 1 to 100']);
  });
});

describe('the availability request (one search: room types free every night)', () => {
  it('asks for room type documents that fit the guests OR the stay\'s nights with a room free, bucketed by room type with min_doc_count = nights + 1', () => {
    const request = buildAvailabilityRequest('availability-mysql', stay);
    expect(request).toMatchObject({ index: 'availability-mysql', size: 0 });
    const should = request.query.bool.filter[0]!.bool.should;
    expect(should[0]).toEqual({ bool: { filter: [{ term: { kind: 'room_type' } }, { range: { capacity: { gte: 2 } } }] } });
    expect(should[1]).toEqual({
      bool: { filter: [{ term: { kind: 'night' } }, { range: { night: { gte: '2027-03-10', lt: '2027-03-13' } } }, { range: { available: { gte: 1 } } }] },
    });
    expect(request.aggs.free_room_types.terms).toMatchObject({ field: 'room_type_id', min_doc_count: 4, size: MAX_FREE_ROOM_TYPES + 1 });
  });
});

const bucket = (roomTypeId: number, hotelId: number, price: number, currency = 'EUR') => ({
  key: roomTypeId,
  doc_count: 4,
  room_type: { document: { hits: { hits: [{ _source: { room_type_id: roomTypeId, hotel_id: hotelId, nightly_price_minor: price, currency } }] } } },
});

describe('offersByHotel: each hotel\'s lowest total for the stay', () => {
  it('keeps per hotel the room type with the lowest nights x nightly price', () => {
    const offers = offersByHotel({ free_room_types: { buckets: [bucket(1, 7, 9_500), bucket(2, 7, 9_000), bucket(3, 8, 18_500)] } }, stay);
    expect([...offers.entries()]).toEqual([
      [7, { checkIn: '2027-03-10', checkOut: '2027-03-13', nights: 3, guests: 2, lowestTotal: { amountMinor: 27_000, currency: 'EUR' }, roomTypeId: 2 }],
      [8, { checkIn: '2027-03-10', checkOut: '2027-03-13', nights: 3, guests: 2, lowestTotal: { amountMinor: 55_500, currency: 'EUR' }, roomTypeId: 3 }],
    ]);
  });

  it('never compares totals in two currencies, and gives a tie to the lower room type id', () => {
    const offers = offersByHotel({ free_room_types: { buckets: [bucket(1, 7, 9_000), bucket(2, 7, 100, 'CZK'), bucket(3, 7, 9_000)] } }, stay);
    expect(offers.get(7)).toMatchObject({ roomTypeId: 1, lowestTotal: { amountMinor: 27_000, currency: 'EUR' } });
  });

  it('no buckets, no hotels; more buckets than it may consider fails instead of missing hotels', () => {
    expect(offersByHotel(undefined, stay).size).toBe(0);
    const buckets = Array.from({ length: MAX_FREE_ROOM_TYPES + 1 }, (_, i) => bucket(i + 1, i + 1, 100));
    expect(() => offersByHotel({ free_room_types: { buckets } }, stay)).toThrow(MoreRoomTypesThanSearchableError);
  });
});

describe('the hotels request of a date search', () => {
  it('searches and pages only among the hotels with a room free', () => {
    const parsed = params('q=harbour&offset=10&limit=5&check_in=2027-03-10&check_out=2027-03-13');
    if (!parsed.ok) throw new Error('expected valid params');
    const request = buildSearchRequest('hotels-mysql', parsed.value, [3, 7]);
    expect(request).toMatchObject({ from: 10, size: 5, track_total_hits: true });
    expect(request.query.bool.filter).toEqual([{ terms: { id: [3, 7] } }]);
  });
});

describe('createElasticHotelSearch with dates', () => {
  const hotel = (id: number) => ({ id, name: `Hotel ${id}`, city: 'Porto', city_key: 'porto', stars: 3, description: null, version: 1, created_at: null, updated_at: null });
  function fakeClient(answers: object[]) {
    const requests: Array<Record<string, unknown>> = [];
    const client = { search: async (request: Record<string, unknown>) => (requests.push(request), answers.shift()) } as unknown as Client;
    return { client, requests };
  }
  const withStay = { q: '', city: undefined, limit: 10, offset: 0, stay } satisfies SearchParams;

  it('asks the availability index first, then the hotels among those found, and gives each hit its stay', async () => {
    const { client, requests } = fakeClient([
      { aggregations: { free_room_types: { buckets: [bucket(11, 7, 9_000)] } } },
      { hits: { total: { value: 1 }, hits: [{ _source: hotel(7) }] } },
    ]);
    const result = await createElasticHotelSearch(client, 'hotels-mysql', 'availability-mysql').search(withStay);
    expect(requests.map((request) => request.index)).toEqual(['availability-mysql', 'hotels-mysql']);
    const { city_key: _internal, ...answered } = hotel(7);
    expect(result).toEqual({ total: 1, hits: [{ ...answered, stay: { ...stay, lowestTotal: { amountMinor: 27_000, currency: 'EUR' }, roomTypeId: 11 } }] });
  });

  it('answers no hotel without asking the hotels index when nothing is free', async () => {
    const { client, requests } = fakeClient([{ aggregations: { free_room_types: { buckets: [] } } }]);
    expect(await createElasticHotelSearch(client, 'hotels-mysql', 'availability-mysql').search(withStay)).toEqual({ total: 0, hits: [] });
    expect(requests).toHaveLength(1);
  });

  it('without dates asks the hotels index alone, and no hit has a stay', async () => {
    const { client, requests } = fakeClient([{ hits: { total: { value: 1 }, hits: [{ _source: hotel(7) }] } }]);
    const { stay: _, ...plain } = withStay;
    const result = await createElasticHotelSearch(client, 'hotels-mysql', 'availability-mysql').search(plain);
    expect(requests.map((request) => request.index)).toEqual(['hotels-mysql']);
    expect(result.hits[0]).not.toHaveProperty('stay');
  });
});
