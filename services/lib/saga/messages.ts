/**
 * The saga's messages (SAGA-DESIGN.md, "Messages"): the `type` header of each, the
 * outbox aggregatetype (topic) it travels on, and its payload. Every payload carries
 * `bookingId`, which is also the Kafka key. Shared by the orchestrator (booking) and
 * the participants (inventory, payment).
 */
import type { OutboxMessage } from '../../kit/saga/outbox.ts';

export const AGGREGATE = {
  inventoryCommands: 'inventory.commands',
  inventoryReplies: 'inventory.replies',
  paymentCommands: 'payment.commands',
  paymentReplies: 'payment.replies',
} as const;

/**
 * The most rooms one hold takes: the booking API books one room a booking; a larger number is a
 * broken command (and no sample room type has more than 12 rooms). inventory refuses it as poison.
 */
export const MAX_ROOMS_PER_HOLD = 9;

export interface HoldRooms {
  bookingId: string;
  roomTypeId: number;
  /** YYYY-MM-DD; the nights held are [checkIn, checkOut). */
  checkIn: string;
  checkOut: string;
  rooms: number;
}
export interface BookingOnly {
  bookingId: string;
}
export interface AuthorizePayment {
  bookingId: string;
  cardToken: string;
  amountMinor: number;
  currency: string;
}

export interface InventoryReplies {
  RoomsHeld: { bookingId: string; expiresAt: string };
  HoldRefused: { bookingId: string; reason: 'sold_out' | 'unknown_room_type' };
  HoldConfirmed: BookingOnly;
  HoldConfirmRefused: { bookingId: string; reason: 'hold_expired' };
  HoldReleased: BookingOnly;
}
export interface PaymentReplies {
  PaymentAuthorized: BookingOnly;
  PaymentDeclined: { bookingId: string; reason: 'payment_declined' };
  PaymentCaptured: { bookingId: string; amountMinor: number };
  PaymentVoided: BookingOnly;
  PaymentRefunded: { bookingId: string; amountMinor: number };
}

export interface InventoryCommands {
  HoldRooms: HoldRooms;
  ConfirmHold: BookingOnly;
  ReleaseHold: BookingOnly;
}
export interface PaymentCommands {
  AuthorizePayment: AuthorizePayment;
  CapturePayment: BookingOnly;
  VoidPayment: BookingOnly;
  RefundPayment: BookingOnly;
}

/** An inventory reply as an outbox row. */
export function inventoryReply<T extends keyof InventoryReplies>(type: T, payload: InventoryReplies[T]): OutboxMessage {
  return { aggregateType: AGGREGATE.inventoryReplies, aggregateId: payload.bookingId, type, payload: { ...payload } };
}
export function paymentReply<T extends keyof PaymentReplies>(type: T, payload: PaymentReplies[T]): OutboxMessage {
  return { aggregateType: AGGREGATE.paymentReplies, aggregateId: payload.bookingId, type, payload: { ...payload } };
}
/**
 * The topic (outbox aggregatetype) of each command: the one routing table, used by the
 * orchestrator to write its commands (services/booking/saga/messages.ts).
 */
export const COMMAND_AGGREGATE: Record<keyof InventoryCommands | keyof PaymentCommands, string> = {
  HoldRooms: AGGREGATE.inventoryCommands,
  ConfirmHold: AGGREGATE.inventoryCommands,
  ReleaseHold: AGGREGATE.inventoryCommands,
  AuthorizePayment: AGGREGATE.paymentCommands,
  CapturePayment: AGGREGATE.paymentCommands,
  VoidPayment: AGGREGATE.paymentCommands,
  RefundPayment: AGGREGATE.paymentCommands,
};

type Commands = InventoryCommands & PaymentCommands;

/** A command as its outbox row: routed by COMMAND_AGGREGATE, keyed by the booking id. */
export function commandMessage<T extends keyof Commands>(type: T, payload: Commands[T]): OutboxMessage {
  return { aggregateType: COMMAND_AGGREGATE[type], aggregateId: payload.bookingId, type, payload: { ...payload } };
}
