import { describe, expect, it } from 'vitest';
import { decodeSeenEvent } from '../../../scripts/lib/platform-client/kafka-watcher.ts';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe("the smoke test's watcher reads change events with the indexer's decoder", () => {
  it('sees a create with its id, op and name', () => {
    expect(decodeSeenEvent(json({ id: 7, name: 'Harbour', version: 1, __op: 'c', __deleted: 'false' }))).toEqual({ id: 7, op: 'c', name: 'Harbour', deleted: false });
  });

  it('sees a rewritten delete (__deleted=true) and a tombstone as deletes', () => {
    expect(decodeSeenEvent(json({ id: 7, name: 'Harbour', version: 2, __op: 'd', __deleted: 'true' }))).toMatchObject({ id: 7, deleted: true });
    expect(decodeSeenEvent(null)).toEqual({ id: undefined, op: undefined, name: undefined, deleted: true });
  });

  it('sees a delete marked by __op "d" alone as a delete, as the indexer treats it', () => {
    expect(decodeSeenEvent(json({ id: '7', name: 'Harbour', version: 2, __op: 'd' }))).toEqual({ id: 7, op: 'd', name: 'Harbour', deleted: true });
  });

  it('sees nothing in a value it cannot decode', () => {
    expect(decodeSeenEvent(Buffer.from('not json'))).toEqual({ id: undefined, op: undefined, name: undefined, deleted: false });
  });
});
