import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../web/src/lib/api-error.ts';
import { createApiClient, hotelBody, type Fetch } from '../../../web/src/lib/api-client.ts';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(status: number, body: string, contentType = 'application/json') {
  const calls: Call[] = [];
  const fetchFn: Fetch = async (url, init) => {
    calls.push({ url, init });
    return new Response(status === 204 ? null : body, { status, headers: { 'Content-Type': contentType } });
  };
  return { fetchFn, calls };
}

describe('the page API client', () => {
  it('creates with a JSON body and Content-Type (catalog-api answers 415 without it)', async () => {
    const { fetchFn, calls } = fakeFetch(201, JSON.stringify({ id: 7, name: 'A', city: 'B', stars: 3, description: null }));
    const hotel = await createApiClient(fetchFn).createHotel({ name: 'A', city: 'B', stars: '3', description: '  ' });
    expect(hotel.id).toBe(7);
    expect(calls[0]!.url).toBe('/api/hotels');
    expect(calls[0]!.init?.method).toBe('POST');
    expect((calls[0]!.init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init?.body))).toEqual({ name: 'A', city: 'B', stars: 3, description: null });
  });

  it('reads what the platform runs from /api/info', async () => {
    const { fetchFn, calls } = fakeFetch(200, JSON.stringify({ database: { engine: 'MariaDB' } }));
    expect(await createApiClient(fetchFn).info()).toEqual({ database: { engine: 'MariaDB' } });
    expect(calls[0]!.url).toBe('/api/info');
    expect(calls[0]!.init?.method).toBe('GET');
  });

  it('asks search for one hotel by id (the delete catch-up: the name in search may be an older one)', async () => {
    const { fetchFn, calls } = fakeFetch(200, JSON.stringify({ total: 0, hits: [] }));
    await createApiClient(fetchFn).searchHotel(42);
    expect(calls[0]!.url).toBe('/api/search?id=42&limit=1');
    expect(calls[0]!.init?.method).toBe('GET');
  });

  it('keeps the code and field errors of a 400', async () => {
    const body = { error: { code: 'validation_failed', message: 'the hotel has invalid fields', fields: [{ field: 'stars', message: 'must be an integer from 1 to 5' }] }, requestId: 'r1' };
    const { fetchFn } = fakeFetch(400, JSON.stringify(body));
    const error = await createApiClient(fetchFn).createHotel({ name: 'A', city: 'B', stars: '9', description: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'rejected', status: 400, code: 'validation_failed', requestId: 'r1', fields: [{ field: 'stars', message: 'must be an integer from 1 to 5' }] });
  });

  it("turns HAProxy's 503 page (no replica up) into a sentence with the fix", async () => {
    const { fetchFn } = fakeFetch(503, '<html><body><h1>503 Service Unavailable</h1></body></html>', 'text/html');
    const error = await createApiClient(fetchFn).search({ q: '', city: '', minStars: undefined, page: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', status: 503 });
    expect((error as Error).message).toBe('The booking API is not running (the load balancer answered 503). Start the stack with `npm run up`, then try again.');
  });

  it('says the API cannot be reached when fetch itself fails', async () => {
    const fetchFn: Fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = await createApiClient(fetchFn).getHotel(1).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unreachable' });
    expect((error as Error).message).toContain('cannot be reached (Failed to fetch). Start the stack with `npm run up`');
  });

  it('deletes and accepts the empty 204', async () => {
    const { fetchFn, calls } = fakeFetch(204, '');
    await expect(createApiClient(fetchFn).deleteHotel(5)).resolves.toBeUndefined();
    expect(calls[0]).toMatchObject({ url: '/api/hotels/5', init: { method: 'DELETE' } });
  });
});

describe('hotelBody', () => {
  it('sends numeric stars as a number and anything else as typed, for the API to judge', () => {
    expect(hotelBody({ name: 'n', city: 'c', stars: ' 4 ', description: 'd' }).stars).toBe(4);
    expect(hotelBody({ name: 'n', city: 'c', stars: '4.5', description: 'd' }).stars).toBe(4.5);
    expect(hotelBody({ name: 'n', city: 'c', stars: 'four', description: 'd' }).stars).toBe('four');
    expect(hotelBody({ name: 'n', city: 'c', stars: '', description: 'd' }).stars).toBe('');
  });
});
