import { describe, expect, it } from 'vitest';
import { decodeChangeEvent, decodeDeadLetter, filterById, withBefore, type RawMessage } from '../../../scripts/lib/console/topic-messages.ts';

// As Debezium's unwrap SMT writes them (kafka/connectors/*.json): the row, __op, __source_ts_ms, __deleted.
const message = (offset: number, timestamp: number, key: unknown, value: unknown, partition = 0): RawMessage => ({
  topic: 'cdc.booking.hotels',
  partition,
  offset: String(offset),
  timestamp: String(timestamp),
  key: key === null ? null : Buffer.from(JSON.stringify(key)),
  value: value === null ? null : Buffer.from(JSON.stringify(value)),
});

const T = Date.parse('2026-01-01T00:00:00Z');

describe('change events', () => {
  const events = [
    message(0, T, { id: 7 }, { id: 7, name: 'Harbour', version: 1, __op: 'c', __source_ts_ms: T, __deleted: 'false' }),
    message(0, T + 5, { id: 9 }, { id: 9, name: 'Other', version: 1, __op: 'r', __deleted: 'false' }, 1),
    message(1, T + 10, { id: 7 }, { id: 7, name: 'Harbour View', version: 2, __op: 'u', __deleted: 'false' }),
    message(2, T + 20, { id: 7 }, { id: 7, name: 'Harbour View', version: 2, __op: 'd', __deleted: 'true' }),
    message(3, T + 20, { id: 7 }, null),
  ].map(decodeChangeEvent);

  it('decodes op and the row after the change, without the SMT fields', () => {
    expect(events[0]).toEqual({ partition: 0, offset: '0', at: '2026-01-01T00:00:00.000Z', id: '7', op: 'create', after: { id: 7, name: 'Harbour', version: 1 } });
    expect(events[1]!.op).toBe('snapshot');
    expect(events[3]).toMatchObject({ op: 'delete', after: null });
    expect(events[4]).toMatchObject({ op: 'tombstone', id: '7', after: null });
  });

  it("shows before → after from the previous event of the same id in the window, and filters by id", () => {
    const linked = filterById(withBefore(events), '7');
    expect(linked.map((e) => [e.op, e.before?.name ?? null, e.after?.name ?? null])).toEqual([
      ['create', null, 'Harbour'],
      ['update', 'Harbour', 'Harbour View'],
      ['delete', 'Harbour View', null],
      ['tombstone', null, null],
    ]);
    expect(filterById(withBefore(events), ' 9 ').map((e) => e.offset)).toEqual(['0']);
    expect(filterById(withBefore(events), '')).toHaveLength(5);
  });

  it('shows a delete marked by __op "d" alone as a delete, as the indexer treats it', () => {
    const decoded = decodeChangeEvent(message(4, T + 30, { id: 7 }, { id: 7, name: 'Harbour View', version: 3, __op: 'd' }));
    expect(decoded).toMatchObject({ id: '7', op: 'delete', after: null });
  });

  it('shows what it cannot decode instead of failing', () => {
    const raw = { ...message(0, T, null, null), value: Buffer.from('not json') };
    expect(decodeChangeEvent(raw)).toMatchObject({ op: 'unknown', after: { undecodable: 'not json' } });
  });
});

describe('dead letters', () => {
  it('decodes the error headers the indexer writes (services/kit/kafka/dead-letter.ts) and cuts long values', () => {
    const letter = decodeDeadLetter({
      topic: 'search-indexer.dlq',
      partition: 0,
      offset: '4',
      timestamp: String(T),
      key: null,
      value: Buffer.from('x'.repeat(30)),
      headers: { 'dlq.error.stage': Buffer.from('index'), 'dlq.error.message': Buffer.from('mapper_parsing_exception'), 'dlq.source.offset': '12' },
    }, 10);
    expect(letter).toEqual({
      partition: 0, offset: '4', at: '2026-01-01T00:00:00.000Z',
      headers: { 'dlq.error.stage': 'index', 'dlq.error.message': 'mapper_parsing_exception', 'dlq.source.offset': '12' },
      value: `${'x'.repeat(10)}…`,
    });
  });
});
