import type { EachBatchPayload, Offsets } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { createBatchLoop, headerText, nextOffset, type ChunkResult } from '../../../../../services/kit/kafka/batch-loop.ts';

function payload(offsets: string[], log: string[]): EachBatchPayload {
  return {
    batch: {
      topic: 'cdc.booking.hotels',
      partition: 1,
      messages: offsets.map((offset) => ({ offset, key: null, value: null, timestamp: '0', attributes: 0, headers: {} })),
    },
    resolveOffset: (offset: string) => void log.push(`resolve ${offset}`),
    commitOffsetsIfNecessary: async (offsets?: Offsets) =>
      void log.push(`commit ${offsets?.topics[0]?.partitions.map((p) => `${p.partition}@${p.offset}`).join()}`),
    heartbeat: async () => {},
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload;
}

describe('createBatchLoop', () => {
  it('commits each chunk only after it was indexed, at the offset after its last message', async () => {
    const log: string[] = [];
    const handler = createBatchLoop({
      maxMessages: 2,
      sleep: async () => {},
      process: async (messages) => {
        log.push(`index ${messages.map((m) => m.offset).join(',')}`);
        return { completed: true, stats: { applied: messages.length, stale: 0, deadLettered: 0 } };
      },
      onCompleted: () => {},
    });
    await handler(payload(['10', '11', '12'], log));
    expect(log).toEqual(['index 10,11', 'resolve 11', 'commit 1@12', 'index 12', 'resolve 12', 'commit 1@13']);
  });

  it('commits nothing for a chunk that did not complete', async () => {
    const log: string[] = [];
    const handler = createBatchLoop({
      maxMessages: 10,
      sleep: async () => {},
      process: async (): Promise<ChunkResult<object>> => ({ completed: false }),
      onCompleted: () => log.push('completed'),
    });
    await handler(payload(['5', '6'], log));
    expect(log).toEqual([]);
  });

  it('computes the next offset past JavaScript number precision', () => {
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
  });
});

describe('headerText', () => {
  it('turns kafkajs header Buffers into text, the last value of a repeated key winning', () => {
    expect(headerText({ id: Buffer.from('m1'), type: 'HoldRooms', twice: [Buffer.from('a'), Buffer.from('b')], none: undefined })).toEqual({ id: 'm1', type: 'HoldRooms', twice: 'b' });
    expect(headerText(undefined)).toEqual({});
  });
});
