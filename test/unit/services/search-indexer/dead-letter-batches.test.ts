import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../services/kit/logger.ts';
import { classifyBulkItem } from '../../../../services/search-indexer/bulk-outcome.ts';
import { buildDeadLetter, type DeadLetter, type SourceMessage } from '../../../../services/kit/kafka/dead-letter.ts';
import { deadLetterBatches, fitDeadLetter, KAFKA_DEFAULT_MAX_MESSAGE_BYTES, recordBytes } from '../../../../services/kit/kafka/dead-letter-batches.ts';
import { deadLetterLimit, isTooLarge, readMaxMessageBytes } from '../../../../services/kit/kafka/dead-letter-limit.ts';
import { indexBatch } from '../../../../services/search-indexer/index-batch.ts';
import { encodedBatchBytes, sizeLimitedProducer } from '../../helpers/size-limited-producer.ts';

/** A change event whose description makes it `bytes` long: a valid row Elasticsearch refuses below. */
function change(id: number, bytes: number): SourceMessage {
  const row = { id, name: `Hotel ${id}`, city: 'Graz', stars: 3, description: '', version: 1, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', __op: 'c', __deleted: 'false' };
  row.description = 'x'.repeat(Math.max(0, bytes - JSON.stringify(row).length));
  return { topic: 'cdc.booking.hotels', partition: 1, offset: String(1000 + id), key: Buffer.from(JSON.stringify({ id })), value: Buffer.from(JSON.stringify(row)) };
}

const mappingError = '400 mapper_parsing_exception: ' + 'failed to parse field [description] '.repeat(60);
const letter = (id: number, bytes: number): DeadLetter => buildDeadLetter(change(id, bytes), 'index', mappingError, new Date('2026-01-01T00:00:00Z'));

describe('dead letters against a broker that enforces max.message.bytes', () => {
  it('a chunk of 500 refused documents is dead-lettered in batches the broker takes, all of them, in order (one send of all 500 stalls forever)', async () => {
    const producer = sizeLimitedProducer(KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
    const messages = Array.from({ length: 500 }, (_, i) => change(i + 1, 4_000));
    let attempts = 0;
    const result = await indexBatch(messages, {
      bulk: async (actions) => actions.map(() => classifyBulkItem('index', { status: 400, error: { type: 'mapper_parsing_exception', reason: 'failed to parse' } })),
      sendDeadLetters: producer.send,
      deadLetterMaxBytes: () => KAFKA_DEFAULT_MAX_MESSAGE_BYTES,
      // A bound on the test, not on the indexer: the refused request would be retried forever.
      retry: { shouldContinue: () => ++attempts < 50, sleep: async () => {}, random: () => 0 },
      log: createLogger({}, { write: () => {} }),
    });
    expect(producer.refusals).toBe(0);
    expect(result).toMatchObject({ completed: true, stats: { deadLettered: 500 } });
    expect(producer.accepted.length).toBeGreaterThan(1);
    expect(producer.accepted.flat().map((l) => l.headers['dlq.source.offset'])).toEqual(messages.map((m) => m.offset));
    expect(producer.accepted.flat().map((l) => l.value!.toString()).join('\n') === messages.map((m) => m.value!.toString()).join('\n')).toBe(true);
  });

  it('every batch, encoded as kafkajs encodes it, is within the limit, and the estimate never undercounts', async () => {
    const letters = Array.from({ length: 120 }, (_, i) => letter(i + 1, 100 + ((i * 7919) % 9_000)));
    const limit = 64 * 1024;
    const batches = deadLetterBatches(letters, limit);
    expect(batches.flat()).toEqual(letters);
    for (const batch of batches) expect(await encodedBatchBytes(batch)).toBeLessThanOrEqual(limit);
    for (const one of letters.slice(0, 10)) expect(recordBytes(one)).toBeGreaterThanOrEqual((await encodedBatchBytes([one])) - 61);
    // Batches are filled, not one letter each.
    expect(batches.length).toBeLessThan(letters.length / 4);
  });

  it('a letter that alone exceeds the limit keeps its key, error and source, and carries a reference instead of its value', async () => {
    const limit = 16 * 1024;
    const big = letter(7, 40_000);
    const producer = sizeLimitedProducer(limit);
    const batches = deadLetterBatches([letter(6, 500), big, letter(8, 500)], limit);
    for (const batch of batches) await producer.send(batch);
    expect(producer.refusals).toBe(0);
    const sent = producer.accepted.flat();
    expect(sent).toHaveLength(3);
    const fitted = sent[1]!;
    expect(fitted.key).toEqual(big.key);
    expect(fitted.headers).toMatchObject({
      'dlq.error.message': big.headers['dlq.error.message'],
      'dlq.source.topic': 'cdc.booking.hotels',
      'dlq.source.partition': '1',
      'dlq.source.offset': '1007',
      'dlq.value.bytes': String(big.value!.length),
      'dlq.value.sha256': createHash('sha256').update(big.value!).digest('hex'),
    });
    expect(fitted.headers['dlq.value.truncated']).toContain('dlq.source.topic/partition/offset');
    const reference = JSON.parse(fitted.value!.toString()) as { dlqTruncated: string; bytes: number; head: string };
    expect(reference).toMatchObject({ dlqTruncated: 'value', bytes: big.value!.length });
    expect(big.value!.toString().startsWith(reference.head)).toBe(true);
  });

  it('says how to fix a limit too small for the headers alone', () => {
    expect(() => fitDeadLetter(letter(1, 100), 500)).toThrow(/raise max.message.bytes of the topic/);
  });
});

describe('the dead-letter topic limit', () => {
  const answer = (configValue: string, errorCode = 0) => ({
    describeConfigs: async () => ({ resources: [{ errorCode, errorMessage: errorCode ? 'denied' : null, configEntries: [{ configName: 'max.message.bytes', configValue }] }] }),
  });

  it('is read from the topic, and a refusal as too large is recognised', async () => {
    expect(await readMaxMessageBytes(answer('2097152'), 'dlq')).toBe(2_097_152);
    await expect(readMaxMessageBytes(answer('1', 29), 'dlq')).rejects.toThrow('describeConfigs for topic dlq failed: denied');
    expect(isTooLarge({ type: 'MESSAGE_TOO_LARGE' })).toBe(true);
    expect(isTooLarge(Object.assign(new Error('wrapped'), { name: 'KafkaJSNonRetriableError', cause: { type: 'MESSAGE_TOO_LARGE' } }))).toBe(true);
    expect(isTooLarge(Object.assign(new Error('aggregate'), { errors: [new Error('x'), { type: 'RECORD_LIST_TOO_LARGE' }] }))).toBe(true);
    expect(isTooLarge(new Error('ECONNREFUSED'))).toBe(false);
  });

  it("keeps the last known value (at first Kafka's default) when it cannot be read, and says so", async () => {
    const failures: number[] = [];
    let read: () => Promise<number> = async () => {
      throw new Error('denied');
    };
    const limit = deadLetterLimit(() => read(), (_, fallback) => void failures.push(fallback));
    expect(await limit.refresh()).toBe(KAFKA_DEFAULT_MAX_MESSAGE_BYTES);
    read = async () => 500_000;
    expect(await limit.refresh()).toBe(500_000);
    read = async () => {
      throw new Error('away');
    };
    expect(await limit.refresh()).toBe(500_000);
    expect(limit.get()).toBe(500_000);
    expect(failures).toEqual([KAFKA_DEFAULT_MAX_MESSAGE_BYTES, 500_000]);
  });
});
