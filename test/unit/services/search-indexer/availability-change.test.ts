import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../services/kit/logger.ts';
import type { SourceMessage } from '../../../../services/kit/kafka/dead-letter.ts';
import {
  availabilityBulkOperations,
  decodeAvailabilityChange,
  latestByArrival,
  roomNightRowToDocument,
  roomTypeRowToDocument,
  type AvailabilityAction,
} from '../../../../services/search-indexer/availability-change.ts';
import { classifyBulkItem } from '../../../../services/search-indexer/bulk-outcome.ts';
import { indexBatch } from '../../../../services/search-indexer/index-batch.ts';
import { availabilityIndexDefinition } from '../../../../services/lib/availability-document.ts';

const topics = { roomTypes: 'availability.mysql.inventory.room_types', roomNights: 'availability.mysql.inventory.room_nights' };
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
let offset = 0;
const message = (topic: string, key: unknown, value: unknown): SourceMessage => ({
  topic,
  partition: 0,
  offset: String(offset++),
  key: key === null ? null : json(key),
  value: value === null ? null : typeof value === 'string' ? Buffer.from(value) : json(value),
});
const roomType = { id: 11, hotel_id: 3, name: 'Double Room', capacity: 2, room_count: 6, nightly_price_minor: 9_500, currency: 'EUR', __op: 'r', __deleted: 'false' };
// Debezium writes a DATE as days since 1970-01-01: 20522 is 2026-03-10.
const night = { room_type_id: 11, night: 20_522, available: 0, __op: 'u', __deleted: 'false' };
const nightKey = { room_type_id: 11, night: 20_522 };

describe('decodeAvailabilityChange: the inventory\'s rows become date search\'s documents', () => {
  it('a room type row: its document, keyed room_type:<id>, without the columns search does not use', () => {
    expect(decodeAvailabilityChange(message(topics.roomTypes, { id: 11 }, roomType), topics)).toEqual({
      ok: true,
      action: { kind: 'upsert', id: 'room_type:11', document: { kind: 'room_type', room_type_id: 11, hotel_id: 3, capacity: 2, nightly_price_minor: 9_500, currency: 'EUR' } },
    });
  });

  it('a night row: its document, keyed night:<room type>:<YYYY-MM-DD>, the date read from Debezium\'s day number', () => {
    expect(decodeAvailabilityChange(message(topics.roomNights, nightKey, night), topics)).toEqual({
      ok: true,
      action: { kind: 'upsert', id: 'night:11:2026-03-10', document: { kind: 'night', room_type_id: 11, night: '2026-03-10', available: 0 } },
    });
  });

  it('a deleted row or a tombstone: a delete of that document', () => {
    expect(decodeAvailabilityChange(message(topics.roomNights, nightKey, { ...night, __deleted: 'true' }), topics)).toEqual({ ok: true, action: { kind: 'delete', id: 'night:11:2026-03-10' } });
    expect(decodeAvailabilityChange(message(topics.roomTypes, { id: 11 }, null), topics)).toEqual({ ok: true, action: { kind: 'delete', id: 'room_type:11' } });
  });

  it('poison, with the reason: another topic, a broken row, a key that is not the row\'s, JSON that is not JSON', () => {
    const reasonOf = (m: SourceMessage) => {
      const decoded = decodeAvailabilityChange(m, topics);
      return decoded.ok ? 'ok' : decoded.reason;
    };
    expect(reasonOf(message('cdc.mysql.booking.hotels', { id: 1 }, roomType))).toMatch(/neither/);
    expect(reasonOf(message(topics.roomTypes, { id: 11 }, { ...roomType, currency: 'euro' }))).toMatch(/currency must be three capital letters/);
    expect(reasonOf(message(topics.roomNights, nightKey, { ...night, available: -1 }))).toMatch(/available must be a non-negative integer/);
    expect(reasonOf(message(topics.roomNights, { room_type_id: 12, night: 20_522 }, night))).toMatch(/differs/);
    expect(reasonOf(message(topics.roomTypes, null, '{nope'))).toMatch(/not JSON/);
    expect(reasonOf(message(topics.roomTypes, null, null))).toMatch(/tombstone without a key/);
  });

  it('the database reader\'s rows (a night as YYYY-MM-DD) map to the same documents as the change events\'', () => {
    expect(roomNightRowToDocument({ room_type_id: 11, night: '2026-03-10', available: 0 })).toEqual({ kind: 'night', room_type_id: 11, night: '2026-03-10', available: 0 });
    expect(roomTypeRowToDocument({ id: '11', hotel_id: '3', capacity: 2, nightly_price_minor: 9_500, currency: 'EUR' })).toMatchObject({ room_type_id: 11, hotel_id: 3 });
  });

  it('every document field is mapped, and nothing else (dynamic: strict refuses the rest)', () => {
    const fields = Object.keys(availabilityIndexDefinition.mappings.properties).sort();
    const decoded = [decodeAvailabilityChange(message(topics.roomTypes, { id: 11 }, roomType), topics), decodeAvailabilityChange(message(topics.roomNights, nightKey, night), topics)];
    const written = decoded.flatMap((d) => (d.ok && d.action.kind === 'upsert' ? Object.keys(d.action.document) : []));
    expect([...new Set(written)].sort()).toEqual(fields);
  });
});

describe('the order of the writes', () => {
  it('keeps one action per document, the last to arrive (one partition, in commit order)', () => {
    const actions: AvailabilityAction[] = [
      { kind: 'upsert', id: 'night:11:2026-03-10', document: { kind: 'night', room_type_id: 11, night: '2026-03-10', available: 1 } },
      { kind: 'upsert', id: 'room_type:11', document: { kind: 'room_type', room_type_id: 11, hotel_id: 3, capacity: 2, nightly_price_minor: 1, currency: 'EUR' } },
      { kind: 'upsert', id: 'night:11:2026-03-10', document: { kind: 'night', room_type_id: 11, night: '2026-03-10', available: 0 } },
    ];
    const kept = latestByArrival(actions.map((action, source) => ({ action, source })));
    expect(kept.map((p) => p.source)).toEqual([1, 2]);
  });

  it('writes without versions, to every target index (the reindex target too)', () => {
    const ops = availabilityBulkOperations(['a-v1', 'a-v2'], [{ kind: 'delete', id: 'room_type:11' }]);
    expect(ops).toEqual([{ delete: { _index: 'a-v1', _id: 'room_type:11' } }, { delete: { _index: 'a-v2', _id: 'room_type:11' } }]);
  });

  it('runs through the indexer\'s batch: the booking\'s last decrement is what Elasticsearch gets, poison is dead-lettered', async () => {
    const sent: AvailabilityAction[][] = [];
    const letters: unknown[] = [];
    const result = await indexBatch<AvailabilityAction>(
      [message(topics.roomNights, nightKey, { ...night, available: 1 }), message(topics.roomNights, nightKey, night), message(topics.roomTypes, null, '{nope')],
      {
        changes: { decode: (m) => decodeAvailabilityChange(m, topics), latest: latestByArrival },
        bulk: async (actions) => (sent.push(actions), actions.map(() => classifyBulkItem('index', { status: 200 }))),
        sendDeadLetters: async (batch) => void letters.push(...batch),
        retry: { shouldContinue: () => true, sleep: async () => {}, random: () => 0 },
        log: createLogger({}, { write: () => {} }),
      },
    );
    expect(result).toEqual({ completed: true, stats: expect.objectContaining({ applied: 1, deadLettered: 1 }) });
    expect(sent).toEqual([[{ kind: 'upsert', id: 'night:11:2026-03-10', document: { kind: 'night', room_type_id: 11, night: '2026-03-10', available: 0 } }]]);
  });
});
