/**
 * Dead letters cut into produce requests the broker accepts.
 *
 * The broker refuses a record batch larger than the topic's `max.message.bytes`
 * (MESSAGE_TOO_LARGE), and kafkajs sends all the messages of one `send` to one
 * partition as one batch, without splitting it (the Java producer splits by
 * `batch.size`; kafkajs has no such setting). A chunk of 500 originals with their
 * error headers can pass the limit, and the same refused request retried forever
 * stalls the partition. So the letters are grouped here into batches whose encoded
 * size, counted as an upper bound of the record batch format
 * (https://kafka.apache.org/documentation/#recordbatch), stays within the limit.
 *
 * A letter that alone does not fit (its original value is close to the limit, and
 * the headers add up to a few kB) keeps its key, its headers (the error and where
 * the original sits: source topic, partition, offset) and gets, instead of the
 * value, a JSON reference: the original's size, its SHA-256 and its first bytes.
 * The original stays readable at that offset for the CDC topic's retention, and
 * the database row it came from is what `npm run reindex` indexes anyway.
 */
import { createHash } from 'node:crypto';
import type { DeadLetter } from './dead-letter.ts';

/** The broker's default `message.max.bytes` (Kafka 3.x and 4.x), used when the topic's value cannot be read. */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

/** Offset, length, partition leader epoch, magic, CRC, attributes, last offset delta, timestamps, producer id/epoch, sequence, record count. */
const RECORD_BATCH_OVERHEAD = 61;
/** Length (varint ≤ 5), attributes (1), timestamp delta (varlong ≤ 10), offset delta, key and value lengths, header count (varints ≤ 5). */
const RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;
/** Key length and value length of one header (varints ≤ 5 each). */
const HEADER_OVERHEAD = 10;
/** How much of an oversized value the reference keeps, to show what it was. */
const HEAD_BYTES = 512;

/** The most bytes `letter` adds to a record batch. */
export function recordBytes(letter: DeadLetter): number {
  let size = RECORD_OVERHEAD + (letter.key?.length ?? 0) + (letter.value?.length ?? 0);
  for (const [key, value] of Object.entries(letter.headers)) size += HEADER_OVERHEAD + Buffer.byteLength(key) + Buffer.byteLength(value);
  return size;
}

/** Batches of letters, in order, each within `maxMessageBytes` once encoded; oversized letters are replaced by references. */
export function deadLetterBatches(letters: DeadLetter[], maxMessageBytes: number): DeadLetter[][] {
  const batches: DeadLetter[][] = [];
  for (let sent = 0; sent < letters.length; ) {
    const batch = nextDeadLetterBatch(letters.slice(sent), maxMessageBytes);
    batches.push(batch.letters);
    sent += batch.originals;
  }
  return batches;
}

/**
 * The first batch of `letters` within `maxMessageBytes` (at least one letter, fitted),
 * and how many of the originals it covers: a sender resumes after them, so a batch
 * the broker took is never sent twice when a later one is retried.
 */
export function nextDeadLetterBatch(letters: DeadLetter[], maxMessageBytes: number): { letters: DeadLetter[]; originals: number } {
  const room = maxMessageBytes - RECORD_BATCH_OVERHEAD;
  const batch: DeadLetter[] = [];
  let used = 0;
  for (const original of letters) {
    const letter = fitDeadLetter(original, room);
    const size = recordBytes(letter);
    if (batch.length > 0 && used + size > room) break;
    batch.push(letter);
    used += size;
  }
  return { letters: batch, originals: batch.length };
}

/** The letter as it is when it fits in `room` bytes, else its value (then its key) replaced by a reference. */
export function fitDeadLetter(letter: DeadLetter, room: number): DeadLetter {
  if (recordBytes(letter) <= room) return letter;
  const withoutValue = { ...letter, value: reference(letter.value, 'value', true), headers: { ...letter.headers, ...truncatedHeaders('value', letter.value) } };
  if (recordBytes(withoutValue) <= room) return withoutValue;
  const withoutKey = { ...withoutValue, value: reference(letter.value, 'value', false), key: reference(letter.key, 'key', false), headers: { ...withoutValue.headers, ...truncatedHeaders('key', letter.key) } };
  if (recordBytes(withoutKey) <= room) return withoutKey;
  throw new Error(
    `a dead letter's headers alone (${recordBytes({ ...withoutKey, key: null, value: null })} bytes) exceed the dead-letter topic's max.message.bytes ` +
      `(${room + RECORD_BATCH_OVERHEAD}); raise max.message.bytes of the topic (kafka/topics.json) to at least 64 kB`,
  );
}

function truncatedHeaders(part: 'key' | 'value', original: Buffer | null): Record<string, string> {
  return {
    [`dlq.${part}.truncated`]: `the original ${part} did not fit the dead-letter topic's max.message.bytes; it is at dlq.source.topic/partition/offset`,
    [`dlq.${part}.bytes`]: String(original?.length ?? 0),
    [`dlq.${part}.sha256`]: original ? createHash('sha256').update(original).digest('hex') : '',
  };
}

function reference(original: Buffer | null, part: 'key' | 'value', withHead: boolean): Buffer {
  const head = withHead && original ? original.subarray(0, HEAD_BYTES).toString('utf8') : undefined;
  return Buffer.from(JSON.stringify({ dlqTruncated: part, bytes: original?.length ?? 0, ...(head === undefined ? {} : { head }) }));
}
