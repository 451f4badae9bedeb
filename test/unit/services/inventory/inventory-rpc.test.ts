/**
 * InventoryService's logic with a fake store, through Connect's in-memory transport
 * (the real wire, no socket): quotes, availability, and INVALID_ARGUMENT / NOT_FOUND
 * with the fields named.
 */
import { Code, ConnectError, createClient, createRouterTransport } from '@connectrpc/connect';
import { describe, expect, it } from 'vitest';
import { InventoryService } from '../../../../services/lib/gen/inventory/v1/inventory_pb.ts';
import { inventoryRpc } from '../../../../services/inventory/inventory-rpc.ts';
import type { RoomType } from '../../../../services/inventory/inventory-store.ts';
import { fieldViolationsOf } from '../../../../services/kit/grpc/field-violations.ts';
import { fakeInventoryStore } from './fake-inventory-store.ts';

const double: RoomType = { id: 11, hotelId: 1, name: 'Double', capacity: 2, roomCount: 5, nightlyPriceMinor: 12_000, currency: 'EUR' };
const family: RoomType = { id: 12, hotelId: 1, name: 'Family', capacity: 4, roomCount: 2, nightlyPriceMinor: 20_000, currency: 'EUR' };
const elsewhere: RoomType = { id: 21, hotelId: 2, name: 'Single', capacity: 1, roomCount: 1, nightlyPriceMinor: 5_000, currency: 'EUR' };

const store = fakeInventoryStore([double, family, elsewhere], {
  11: { '2030-07-01': 5, '2030-07-02': 2, '2030-07-03': 4 },
  12: { '2030-07-01': 1, '2030-07-02': 0 },
});
const client = createClient(
  InventoryService,
  createRouterTransport((router) => router.service(InventoryService, inventoryRpc({ store, now: () => new Date('2030-06-01T12:00:00Z') }))),
);
const stay = { hotelId: 1n, checkIn: '2030-07-01', checkOut: '2030-07-03', guests: 2 };

async function refusal(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  return expect.unreachable('the call succeeded');
}

describe('InventoryService.Quote', () => {
  it('quotes the fewest free rooms over the nights and the total of the nights', async () => {
    expect(await client.quote({ ...stay, roomTypeId: 11n })).toMatchObject({
      roomTypeId: 11n,
      available: true,
      roomsLeft: 2,
      nights: 2,
      totalMinor: 24_000n,
      currency: 'EUR',
      roomTypeName: 'Double',
      capacity: 2,
    });
  });

  it('is not available when a night is sold out or has no inventory row', async () => {
    expect(await client.quote({ ...stay, roomTypeId: 12n })).toMatchObject({ available: false, roomsLeft: 0 });
    expect(await client.quote({ ...stay, roomTypeId: 11n, checkOut: '2030-07-05' })).toMatchObject({ available: false, roomsLeft: 0, nights: 4 });
  });

  it('refuses more guests than the room type holds, naming guests', async () => {
    const error = await refusal(client.quote({ ...stay, roomTypeId: 11n, guests: 3 }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(fieldViolationsOf(error)).toEqual([{ field: 'guests', message: 'must be at most 2, the capacity of "Double"' }]);
  });

  it('refuses a bad stay with every field at once, before reading the store', async () => {
    const error = await refusal(client.quote({ hotelId: 0n, roomTypeId: 11n, checkIn: '2030-05-01', checkOut: '2030-04-01', guests: 0 }));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(fieldViolationsOf(error).map((f) => f.field)).toEqual(['hotel_id', 'check_in', 'check_out', 'guests']);
  });

  it('is NOT_FOUND for a room type of another hotel', async () => {
    const error = await refusal(client.quote({ ...stay, roomTypeId: 21n }));
    expect(error.code).toBe(Code.NotFound);
    expect(error.rawMessage).toBe('hotel 1 has no room type 21');
  });
});

describe('InventoryService.Availability', () => {
  it("quotes each of the hotel's room types that fits the guests", async () => {
    const answer = await client.availability({ ...stay, guests: 3 });
    expect(answer.roomTypes.map((q) => [q.roomTypeId, q.available, q.roomsLeft])).toEqual([[12n, false, 0]]);
    const two = await client.availability(stay);
    expect(two.roomTypes.map((q) => [q.roomTypeName, q.roomsLeft, q.totalMinor])).toEqual([
      ['Double', 2, 24_000n],
      ['Family', 0, 40_000n],
    ]);
  });

  it('refuses a stay over 30 nights, naming check_out', async () => {
    const error = await refusal(client.availability({ ...stay, checkOut: '2030-08-15' }));
    expect(fieldViolationsOf(error).map((f) => f.field)).toEqual(['check_out']);
  });
});
