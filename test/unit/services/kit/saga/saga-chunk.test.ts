import { describe, expect, it } from 'vitest';
import type { DeadLetter, SourceMessage } from '../../../../../services/kit/kafka/dead-letter.ts';
import { createLogger } from '../../../../../services/kit/logger.ts';
import { PoisonMessageError } from '../../../../../services/kit/saga/poison-message.ts';
import { handleSagaChunk, type SagaChunkDeps, type SagaHandler } from '../../../../../services/kit/saga/saga-chunk.ts';

let offset = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function message(type: string, bookingId = 'b1', value?: string): SourceMessage {
  const n = offset++;
  return {
    topic: 'saga.mysql.inventory.commands',
    partition: 0,
    offset: String(n),
    key: Buffer.from(bookingId),
    value: Buffer.from(value ?? JSON.stringify({ bookingId })),
    headers: { id: uuid(n), type },
  };
}

function harness(handlers: Record<string, SagaHandler>, options: { running?: () => boolean; isTransient?: (e: unknown) => boolean } = {}) {
  const letters: DeadLetter[] = [];
  const sleeps: number[] = [];
  const deps: SagaChunkDeps = {
    handlers,
    isTransient: options.isTransient ?? ((error) => (error as Error).message === 'database away'),
    sendDeadLetters: async (batch) => void letters.push(...batch),
    retry: { shouldContinue: options.running ?? (() => true), sleep: async (ms) => void sleeps.push(ms) },
    log: createLogger({}, { write: () => {} }),
    now: () => new Date('2027-01-01T00:00:00Z'),
  };
  return { deps, letters, sleeps };
}

describe('handleSagaChunk', () => {
  it('hands every message to its type\'s handler, in order', async () => {
    const seen: string[] = [];
    const h = harness({ A: async (e) => void seen.push(`A ${e.bookingId}`), B: async (e) => void seen.push(`B ${e.bookingId}`) });
    const result = await handleSagaChunk([message('A', 'b1'), message('B', 'b2'), message('A', 'b3')], h.deps);
    expect(result).toEqual({ completed: true, stats: { handled: 3, deadLettered: 0 } });
    expect(seen).toEqual(['A b1', 'B b2', 'A b3']);
  });

  it('dead-letters undecodable messages, unknown types and poison at once, with the error and the original headers, and goes on', async () => {
    const seen: string[] = [];
    const h = harness({
      A: async (e) => void seen.push(e.bookingId),
      P: async () => {
        throw new PoisonMessageError('HoldRooms payload: rooms must be a positive integer');
      },
    });
    const broken = message('A', 'b1', '{nope');
    const result = await handleSagaChunk([broken, message('Unknown'), message('P'), message('A', 'b4')], h.deps);
    expect(result).toMatchObject({ completed: true, stats: { handled: 1, deadLettered: 3 } });
    expect(seen).toEqual(['b4']);
    expect(h.letters.map((l) => [l.headers['dlq.error.stage'], l.headers.type])).toEqual([
      ['decode', 'A'],
      ['decode', 'Unknown'],
      ['handle', 'P'],
    ]);
    expect(h.letters[0]).toMatchObject({ key: broken.key, value: broken.value, headers: { id: broken.headers!.id, 'dlq.source.offset': broken.offset } });
    expect(h.letters[1]!.headers['dlq.error.message']).toMatch(/no handler for message type "Unknown"/);
    expect(h.letters[2]!.headers['dlq.error.message']).toMatch(/rooms must be a positive integer/);
  });

  it('retries a transient failure until it passes, never dead-lettering it', async () => {
    let calls = 0;
    const h = harness({
      A: async () => {
        if (++calls < 6) throw new Error('database away');
      },
    });
    expect(await handleSagaChunk([message('A')], h.deps)).toMatchObject({ completed: true, stats: { handled: 1, deadLettered: 0 } });
    expect(calls).toBe(6);
    expect(h.sleeps).toHaveLength(5);
  });

  it('dead-letters a message whose handler keeps failing otherwise, after maxAttempts, so the partition moves on', async () => {
    let calls = 0;
    const h = harness({
      A: async () => {
        calls++;
        throw new Error('Incorrect date value');
      },
      B: async () => undefined,
    });
    const result = await handleSagaChunk([message('A'), message('B')], h.deps);
    expect(result).toMatchObject({ completed: true, stats: { handled: 1, deadLettered: 1 } });
    expect(calls).toBe(3);
    expect(h.letters[0]!.headers['dlq.error.message']).toBe('Incorrect date value (after 3 attempts)');
  });

  it('reports not completed when the consumer stops while a message is failing: nothing gets committed', async () => {
    let running = true;
    const h = harness(
      {
        A: async () => {
          running = false;
          throw new Error('database away');
        },
      },
      { running: () => running },
    );
    expect(await handleSagaChunk([message('A')], h.deps)).toEqual({ completed: false });
  });
});
