/**
 * inventory.v1.InventoryService (proto/inventory/v1/inventory.proto): the stay is
 * checked first (stay.ts), then the room types and their nights are read from the store
 * and quoted (quote.ts). Every side effect (store, clock) is a parameter.
 */
import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import type { InventoryService } from '../lib/gen/inventory/v1/inventory_pb.ts';
import { invalidArgument } from '../kit/grpc/field-violations.ts';
import type { FieldError } from '../kit/http-error.ts';
import type { InventoryStore } from './inventory-store.ts';
import { quoteOf, type Quote } from './quote.ts';
import { checkStay, type Stay, type StayRequest } from './stay.ts';

export interface InventoryRpcDeps {
  store: InventoryStore;
  now?: () => Date;
}

export function inventoryRpc({ store, now = () => new Date() }: InventoryRpcDeps): ServiceImpl<typeof InventoryService> {
  return {
    async quote(request) {
      const fields: FieldError[] = [];
      const hotelId = idOf(request.hotelId, 'hotel_id', fields);
      const roomTypeId = idOf(request.roomTypeId, 'room_type_id', fields);
      const stay = stayOf(request, now(), fields);
      if (fields.length > 0 || !stay) throw invalidArgument(fields);
      const roomType = await store.roomType(hotelId, roomTypeId);
      if (!roomType) throw new ConnectError(`hotel ${hotelId} has no room type ${roomTypeId}`, Code.NotFound);
      if (stay.guests > roomType.capacity) {
        throw invalidArgument([{ field: 'guests', message: `must be at most ${roomType.capacity}, the capacity of "${roomType.name}"` }]);
      }
      const stocked = await store.stockedNights([roomType.id], stay.checkIn, stay.checkOut);
      return wire(quoteOf(roomType, stocked.get(roomType.id), stay));
    },

    async availability(request) {
      const fields: FieldError[] = [];
      const hotelId = idOf(request.hotelId, 'hotel_id', fields);
      const stay = stayOf(request, now(), fields);
      if (fields.length > 0 || !stay) throw invalidArgument(fields);
      const fitting = (await store.roomTypes(hotelId)).filter((roomType) => roomType.capacity >= stay.guests);
      const stocked = await store.stockedNights(fitting.map((roomType) => roomType.id), stay.checkIn, stay.checkOut);
      return { roomTypes: fitting.map((roomType) => wire(quoteOf(roomType, stocked.get(roomType.id), stay))) };
    },
  };
}

/** A uint64 id as a number: 0 is proto3's "not set", and no database id is past 2^53. */
function idOf(value: bigint, field: string, fields: FieldError[]): number {
  if (value < 1n || value > BigInt(Number.MAX_SAFE_INTEGER)) {
    fields.push({ field, message: `must be an id from 1 to ${Number.MAX_SAFE_INTEGER}` });
    return 0;
  }
  return Number(value);
}

function stayOf(request: StayRequest, today: Date, fields: FieldError[]): Stay | undefined {
  const checked = checkStay(request, today);
  if (checked.ok) return checked.stay;
  fields.push(...checked.fields);
  return undefined;
}

function wire(quote: Quote) {
  return { ...quote, roomTypeId: BigInt(quote.roomTypeId), totalMinor: BigInt(quote.totalMinor) };
}
