/**
 * The saga's messages as SAGA-DESIGN.md fixes them (/work/wt/notes, "Messages"): the commands the
 * booking service writes to its outbox and the replies it consumes. Every payload carries
 * `bookingId`; the Kafka key is the booking id, so one booking's messages stay in order on
 * each topic. The `aggregatetype` routes an outbox row to `saga.<engine>.<aggregatetype>`.
 */
export type CommandTopic = 'inventory.commands' | 'payment.commands';
export type ReplyTopic = 'inventory.replies' | 'payment.replies';

export type Command =
  | { type: 'HoldRooms'; payload: { bookingId: string; roomTypeId: number; checkIn: string; checkOut: string; rooms: number } }
  | { type: 'ConfirmHold'; payload: { bookingId: string } }
  | { type: 'ReleaseHold'; payload: { bookingId: string } }
  | { type: 'AuthorizePayment'; payload: { bookingId: string; cardToken: string; amountMinor: number; currency: string } }
  | { type: 'CapturePayment'; payload: { bookingId: string } }
  | { type: 'VoidPayment'; payload: { bookingId: string } }
  | { type: 'RefundPayment'; payload: { bookingId: string } };

export type CommandType = Command['type'];

/** Which participant's topic a command goes to. */
export const commandTopic: Record<CommandType, CommandTopic> = {
  HoldRooms: 'inventory.commands',
  ConfirmHold: 'inventory.commands',
  ReleaseHold: 'inventory.commands',
  AuthorizePayment: 'payment.commands',
  CapturePayment: 'payment.commands',
  VoidPayment: 'payment.commands',
  RefundPayment: 'payment.commands',
};

export type HoldRefusal = 'sold_out' | 'unknown_room_type';

export type Reply =
  | { type: 'RoomsHeld'; bookingId: string; expiresAt: string }
  | { type: 'HoldRefused'; bookingId: string; reason: HoldRefusal }
  | { type: 'HoldConfirmed'; bookingId: string }
  | { type: 'HoldConfirmRefused'; bookingId: string; reason: 'hold_expired' }
  | { type: 'HoldReleased'; bookingId: string }
  | { type: 'PaymentAuthorized'; bookingId: string }
  | { type: 'PaymentDeclined'; bookingId: string; reason: 'payment_declined' }
  | { type: 'PaymentCaptured'; bookingId: string; amountMinor: number }
  | { type: 'PaymentVoided'; bookingId: string }
  | { type: 'PaymentRefunded'; bookingId: string; amountMinor: number };

export type ReplyType = Reply['type'];

export const replyTypes: readonly ReplyType[] = [
  'RoomsHeld',
  'HoldRefused',
  'HoldConfirmed',
  'HoldConfirmRefused',
  'HoldReleased',
  'PaymentAuthorized',
  'PaymentDeclined',
  'PaymentCaptured',
  'PaymentVoided',
  'PaymentRefunded',
];

export type Participant = 'inventory' | 'payment';

export function participantOf(type: ReplyType): Participant {
  return type.startsWith('Payment') ? 'payment' : 'inventory';
}

export type ParsedReply = { ok: true; reply: Reply } | { ok: false; problem: string };

/**
 * A reply as it comes off Kafka (`type` header, JSON payload), checked before the orchestrator
 * sees it: a message it cannot read is a dead letter, never a guess.
 */
export function parseReply(type: string | undefined, payload: unknown): ParsedReply {
  if (!replyTypes.includes(type as ReplyType)) return { ok: false, problem: `unknown reply type "${String(type).slice(0, 64)}"` };
  if (typeof payload !== 'object' || payload === null) return { ok: false, problem: `${type}: payload is not a JSON object` };
  const fields = payload as Record<string, unknown>;
  if (typeof fields.bookingId !== 'string' || fields.bookingId === '') return { ok: false, problem: `${type}: bookingId is missing` };
  const bookingId = fields.bookingId;
  switch (type as ReplyType) {
    case 'RoomsHeld':
      return typeof fields.expiresAt === 'string'
        ? { ok: true, reply: { type: 'RoomsHeld', bookingId, expiresAt: fields.expiresAt } }
        : { ok: false, problem: 'RoomsHeld: expiresAt is missing' };
    case 'HoldRefused':
      return fields.reason === 'sold_out' || fields.reason === 'unknown_room_type'
        ? { ok: true, reply: { type: 'HoldRefused', bookingId, reason: fields.reason } }
        : { ok: false, problem: `HoldRefused: reason must be sold_out or unknown_room_type (got ${JSON.stringify(fields.reason)})` };
    case 'HoldConfirmRefused':
      return { ok: true, reply: { type: 'HoldConfirmRefused', bookingId, reason: 'hold_expired' } };
    case 'PaymentDeclined':
      return { ok: true, reply: { type: 'PaymentDeclined', bookingId, reason: 'payment_declined' } };
    case 'PaymentCaptured':
    case 'PaymentRefunded':
      return Number.isSafeInteger(fields.amountMinor)
        ? { ok: true, reply: { type: type as 'PaymentCaptured' | 'PaymentRefunded', bookingId, amountMinor: fields.amountMinor as number } }
        : { ok: false, problem: `${type}: amountMinor is not an integer` };
    default:
      return { ok: true, reply: { type: type as 'HoldConfirmed' | 'HoldReleased' | 'PaymentAuthorized' | 'PaymentVoided', bookingId } };
  }
}
