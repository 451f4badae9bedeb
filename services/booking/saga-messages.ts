/**
 * The saga's messages as the orchestrator handles them: the commands it writes to its outbox and
 * the replies it consumes, as unions over the shared message maps (services/lib/saga/messages.ts,
 * SAGA-DESIGN.md "Messages"). Every payload carries `bookingId`, also the Kafka key, so one
 * booking's messages stay in order on each topic.
 */
import type { OutboxMessage } from '../kit/saga/outbox.ts';
import { commandMessage, type InventoryCommands, type InventoryReplies, type PaymentCommands, type PaymentReplies } from '../lib/saga/messages.ts';

/** A discriminated union `{ type: K; payload: Map[K] }` of a message map. */
type Tagged<Map> = { [K in keyof Map]: { type: K; payload: Map[K] } }[keyof Map];

export type Command = Tagged<InventoryCommands & PaymentCommands>;
export type CommandType = Command['type'];

/** A command as its outbox row (the routing is the shared table, COMMAND_AGGREGATE). */
export function toOutboxMessage(command: Command): OutboxMessage {
  return commandMessage<CommandType>(command.type, command.payload);
}

/** A reply flattened: its type beside its payload's fields. */
type Flat<Map> = { [K in keyof Map]: { type: K } & Map[K] }[keyof Map];

export type Reply = Flat<InventoryReplies & PaymentReplies>;
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
