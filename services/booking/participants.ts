/**
 * What the public API asks of the participants before a saga starts, synchronously, over
 * gRPC through HAProxy (SAGA-DESIGN.md, "gRPC inside"): inventory's price quote and
 * availability, and payment's card tokenization. The adapters (grpc-participants.ts) map
 * gRPC statuses to these results; a participant that cannot be reached throws
 * ParticipantUnavailableError (503, retry).
 */
import type { FieldError } from '../kit/http-error.ts';

export interface QuoteRequest {
  hotelId: number;
  roomTypeId: number;
  checkIn: string;
  checkOut: string;
  guests: number;
}

export type QuoteResult =
  | {
      kind: 'quote';
      available: boolean;
      roomsLeft: number;
      nights: number;
      totalMinor: number;
      currency: string;
      roomTypeName: string;
      capacity: number;
    }
  | { kind: 'unknown_hotel' }
  | { kind: 'unknown_room_type' };

export interface RoomQuotes {
  quote(request: QuoteRequest): Promise<QuoteResult>;
}

export interface AvailabilityRequest {
  hotelId: number;
  checkIn: string;
  checkOut: string;
  guests: number;
}

/** One room type's answer for a stay: `roomsLeft` is the fewest rooms free over its nights. */
export interface RoomTypeAvailability {
  roomTypeId: number;
  name: string;
  capacity: number;
  roomsLeft: number;
  nights: number;
  totalMinor: number;
  currency: string;
}

/** The hotel's room types that sleep the guests, or: inventory sells no room of this hotel. */
export type AvailabilityResult = { kind: 'rooms'; roomTypes: RoomTypeAvailability[] } | { kind: 'unknown_hotel' };

export interface RoomAvailability {
  availability(request: AvailabilityRequest): Promise<AvailabilityResult>;
}

export interface CardToTokenize {
  number: string;
  expiryMonth: number;
  expiryYear: number;
  cvc: string;
}

export type TokenizeResult = { ok: true; token: string; brand: string; last4: string } | { ok: false; fields: FieldError[] };

export interface CardVault {
  /** The only place the full card number goes: to payment, over gRPC. */
  tokenize(card: CardToTokenize): Promise<TokenizeResult>;
}

export class ParticipantUnavailableError extends Error {
  constructor(
    readonly participant: 'inventory' | 'payment',
    readonly detail: string,
  ) {
    super(`${participant} did not answer: ${detail}`);
    this.name = 'ParticipantUnavailableError';
  }
}

/** A participant refused the guest's input (gRPC INVALID_ARGUMENT): 400 with its fields, in the API's names. */
export class InvalidFieldsError extends Error {
  constructor(readonly fields: FieldError[]) {
    super(`invalid fields: ${fields.map((f) => f.field).join(', ')}`);
    this.name = 'InvalidFieldsError';
  }
}
