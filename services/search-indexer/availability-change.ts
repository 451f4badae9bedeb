/**
 * Date search's change events (issue 21) → what the availability index should do. The
 * inventory connector (kafka/connectors/inventory-<engine>.json) writes the rows of
 * `room_types` and `room_nights` as the catalog's connector writes hotels (the unwrap
 * SMT, deletes rewritten with `__deleted`), each table to its own topic; the topic says
 * which table a message is from. The rows become documents by availability-document.ts.
 *
 * Ordering needs no version column: a row's changes share its key, so one partition, in
 * commit order, and a batch holds one partition's messages in that order; the last
 * change per document wins (latestByArrival). A replay after a fault re-sends a suffix of
 * that order, which ends at the row's newest state again. `npm run reindex` writes only
 * documents the indexer has not (op_type create; scripts/lib/reindex/availability-backfill.ts).
 */
import type { SourceMessage } from '../kit/kafka/dead-letter.ts';
import { calendarDayText } from '../lib/calendar.ts';
import { roomNightDocumentId, roomTypeDocumentId, type AvailabilityDocument, type RoomNightDocument, type RoomTypeDocument } from '../lib/availability-document.ts';
import type { Planned } from './bulk-plan.ts';
import { readChangeMessage } from './change-event.ts';
import { nonNegativeInteger, PoisonMessageError } from './row-to-document.ts';

export type AvailabilityAction = { kind: 'upsert'; id: string; document: AvailabilityDocument } | { kind: 'delete'; id: string };

export interface AvailabilityTopics {
  roomTypes: string;
  roomNights: string;
}

export type DecodedAvailability = { ok: true; action: AvailabilityAction } | { ok: false; reason: string };

export function decodeAvailabilityChange(message: SourceMessage, topics: AvailabilityTopics): DecodedAvailability {
  try {
    if (message.topic === topics.roomTypes) return { ok: true, action: toAction(message, roomTypeKey, roomTypeRowToDocument) };
    if (message.topic === topics.roomNights) return { ok: true, action: toAction(message, roomNightKey, roomNightRowToDocument) };
    return { ok: false, reason: `topic ${message.topic} is neither ${topics.roomTypes} nor ${topics.roomNights}` };
  } catch (error) {
    if (error instanceof PoisonMessageError) return { ok: false, reason: error.message };
    throw error;
  }
}

function toAction(message: SourceMessage, keyOf: (fields: Record<string, unknown>) => string, toDocument: (row: Record<string, unknown>) => AvailabilityDocument): AvailabilityAction {
  const change = readChangeMessage(message.key, message.value);
  if (change.key.problem !== undefined) throw new PoisonMessageError(change.key.problem);
  if (change.kind === 'undecodable') throw new PoisonMessageError(change.reason);
  if (change.kind === 'tombstone') {
    if (change.key.fields === undefined) throw new PoisonMessageError('tombstone without a key: nothing to delete');
    return { kind: 'delete', id: keyOf(change.key.fields) };
  }
  const id = keyOf(change.row);
  if (change.key.fields !== undefined && keyOf(change.key.fields) !== id) throw new PoisonMessageError(`key ${keyOf(change.key.fields)} differs from the row's ${id}`);
  if (change.deleted) return { kind: 'delete', id };
  return { kind: 'upsert', id, document: toDocument(change.row) };
}

function roomTypeKey(fields: Record<string, unknown>): string {
  const problems: string[] = [];
  const id = nonNegativeInteger(fields.id, 'id', problems);
  if (problems.length > 0) throw new PoisonMessageError(`not a room type: ${problems.join('; ')}`);
  return roomTypeDocumentId(id);
}

function roomNightKey(fields: Record<string, unknown>): string {
  const problems: string[] = [];
  const roomTypeId = nonNegativeInteger(fields.room_type_id, 'room_type_id', problems);
  const night = nightOf(fields.night, problems);
  if (problems.length > 0) throw new PoisonMessageError(`not a room night: ${problems.join('; ')}`);
  return roomNightDocumentId(roomTypeId, night);
}

/** A `room_types` row (a change event's or the database's) as its document; throws PoisonMessageError. */
export function roomTypeRowToDocument(row: Record<string, unknown>): RoomTypeDocument {
  const problems: string[] = [];
  const document: RoomTypeDocument = {
    kind: 'room_type',
    room_type_id: nonNegativeInteger(row.id, 'id', problems),
    hotel_id: nonNegativeInteger(row.hotel_id, 'hotel_id', problems),
    capacity: nonNegativeInteger(row.capacity, 'capacity', problems),
    nightly_price_minor: nonNegativeInteger(row.nightly_price_minor, 'nightly_price_minor', problems),
    currency: typeof row.currency === 'string' && /^[A-Z]{3}$/.test(row.currency) ? row.currency : (problems.push(`currency must be three capital letters (got ${JSON.stringify(row.currency)})`), ''),
  };
  if (problems.length > 0) throw new PoisonMessageError(`row is not a valid room type: ${problems.join('; ')}`);
  return document;
}

/** A `room_nights` row as its document; throws PoisonMessageError. */
export function roomNightRowToDocument(row: Record<string, unknown>): RoomNightDocument {
  const problems: string[] = [];
  const document: RoomNightDocument = {
    kind: 'night',
    room_type_id: nonNegativeInteger(row.room_type_id, 'room_type_id', problems),
    night: nightOf(row.night, problems),
    available: nonNegativeInteger(row.available, 'available', problems),
  };
  if (problems.length > 0) throw new PoisonMessageError(`row is not a valid room night: ${problems.join('; ')}`);
  return document;
}

/** Debezium writes a DATE as days since 1970-01-01 (io.debezium.time.Date); the database reader as YYYY-MM-DD. */
function nightOf(value: unknown, problems: string[]): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return calendarDayText(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  problems.push(`night must be days since 1970-01-01 or YYYY-MM-DD (got ${JSON.stringify(value)})`);
  return '';
}

/** One action per document: the last of the chunk (the messages of one partition, in commit order). */
export function latestByArrival<T>(planned: Planned<T, AvailabilityAction>[]): Planned<T, AvailabilityAction>[] {
  const byId = new Map<string, Planned<T, AvailabilityAction>>();
  for (const item of planned) {
    byId.delete(item.action.id);
    byId.set(item.action.id, item);
  }
  return [...byId.values()];
}

/** The bulk request's `operations`: per action, per target index, without versions (see above). */
export function availabilityBulkOperations(indices: string[], actions: AvailabilityAction[]): object[] {
  return actions.flatMap((action): object[] =>
    indices.flatMap((index): object[] => (action.kind === 'upsert' ? [{ index: { _index: index, _id: action.id } }, action.document] : [{ delete: { _index: index, _id: action.id } }])),
  );
}
