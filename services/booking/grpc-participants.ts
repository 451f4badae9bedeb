/**
 * The participants' gRPC sides as the API's ports (participants.ts): inventory's Quote and
 * payment's TokenizeCard through HAProxy's internal frontend, with the kit's client (a
 * deadline on every call, one RpcError shape). Statuses become results: INVALID_ARGUMENT
 * the guest's field errors, NOT_FOUND an unknown hotel or room type; a deadline passed or an
 * unreachable service is ParticipantUnavailableError (503).
 */
import { Code } from '@connectrpc/connect';
import type { FieldError } from '../kit/http-error.ts';
import { RpcError } from '../kit/grpc/rpc-error.ts';
import { createGrpcClient, type GrpcClientOptions } from '../kit/grpc/grpc-client.ts';
import { InventoryService } from '../lib/gen/inventory/v1/inventory_pb.ts';
import { PaymentService } from '../lib/gen/payment/v1/payment_pb.ts';
import { InvalidFieldsError, ParticipantUnavailableError, type CardVault, type RoomAvailability, type RoomQuotes } from './participants.ts';

/** The proto's field names as the public API names them. */
const quoteFields: Record<string, string> = { hotel_id: 'hotelId', room_type_id: 'roomTypeId', check_in: 'checkIn', check_out: 'checkOut', guests: 'guests' };
/** The room list's query names the stay in snake_case (BOOKING-UI.md). */
const stayFields: Record<string, string> = { hotel_id: 'id', check_in: 'check_in', check_out: 'check_out', guests: 'guests' };
const cardFields: Record<string, string> = { number: 'card.number', expiry_month: 'card.expiryMonth', expiry_year: 'card.expiryYear', cvc: 'card.cvc' };

export function createGrpcRoomQuotes(options: GrpcClientOptions): RoomQuotes {
  const inventory = createGrpcClient(InventoryService, options);
  return {
    async quote(request) {
      const ids = { hotelId: BigInt(request.hotelId), checkIn: request.checkIn, checkOut: request.checkOut, guests: request.guests };
      try {
        const quote = await inventory.quote({ ...ids, roomTypeId: BigInt(request.roomTypeId) });
        return {
          kind: 'quote',
          available: quote.available,
          roomsLeft: quote.roomsLeft,
          nights: quote.nights,
          totalMinor: Number(quote.totalMinor),
          currency: quote.currency,
          roomTypeName: quote.roomTypeName,
          capacity: quote.capacity,
        };
      } catch (error) {
        if (!(error instanceof RpcError) || error.code !== Code.NotFound) throw refusalOrOutage(error, 'inventory', quoteFields);
      }
      // NOT_FOUND says "no such room type in this hotel": ask the hotel's room types to tell
      // an unknown hotel from an unknown room type (only on this error path).
      try {
        const rooms = await inventory.availability({ ...ids, guests: 1 });
        return rooms.roomTypes.length === 0 ? { kind: 'unknown_hotel' } : { kind: 'unknown_room_type' };
      } catch (error) {
        if (error instanceof RpcError && error.code === Code.NotFound) return { kind: 'unknown_hotel' };
        throw refusalOrOutage(error, 'inventory', quoteFields);
      }
    },
  };
}

/**
 * Availability lists only the room types that sleep the guests: an empty list is asked again
 * for one guest, to tell a hotel with rooms too small (200, no room types) from a hotel
 * inventory sells nothing of (404).
 */
export function createGrpcRoomAvailability(options: GrpcClientOptions): RoomAvailability {
  const inventory = createGrpcClient(InventoryService, options);
  return {
    async availability(request) {
      const ask = async (guests: number) => {
        try {
          return await inventory.availability({ hotelId: BigInt(request.hotelId), checkIn: request.checkIn, checkOut: request.checkOut, guests });
        } catch (error) {
          throw refusalOrOutage(error, 'inventory', stayFields);
        }
      };
      const answer = await ask(request.guests);
      if (answer.roomTypes.length === 0 && (request.guests === 1 || (await ask(1)).roomTypes.length === 0)) return { kind: 'unknown_hotel' };
      return {
        kind: 'rooms',
        roomTypes: answer.roomTypes.map((room) => ({
          roomTypeId: Number(room.roomTypeId),
          name: room.roomTypeName,
          capacity: room.capacity,
          roomsLeft: room.roomsLeft,
          nights: room.nights,
          totalMinor: Number(room.totalMinor),
          currency: room.currency,
        })),
      };
    },
  };
}

export function createGrpcCardVault(options: GrpcClientOptions): CardVault {
  const payment = createGrpcClient(PaymentService, options);
  return {
    async tokenize(card) {
      try {
        const answer = await payment.tokenizeCard({ number: card.number, expiryMonth: card.expiryMonth, expiryYear: card.expiryYear, cvc: card.cvc });
        return { ok: true, token: answer.token, brand: answer.brand, last4: answer.last4 };
      } catch (error) {
        if (error instanceof RpcError && error.code === Code.InvalidArgument) return { ok: false, fields: renamed(error.fields, cardFields) };
        throw refusalOrOutage(error, 'payment', cardFields);
      }
    },
  };
}

/** INVALID_ARGUMENT is the guest's to fix (400 with the fields); anything else is the participant's (503). */
function refusalOrOutage(error: unknown, participant: 'inventory' | 'payment', names: Record<string, string>): Error {
  if (error instanceof RpcError && error.code === Code.InvalidArgument) {
    return new InvalidFieldsError(renamed(error.fields, names));
  }
  return new ParticipantUnavailableError(participant, error instanceof Error ? error.message : String(error));
}

function renamed(fields: FieldError[], names: Record<string, string>): FieldError[] {
  return fields.map((f) => ({ field: names[f.field] ?? f.field, message: f.message }));
}
