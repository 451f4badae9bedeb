/**
 * A fake dead-letter producer that refuses what a real broker refuses: a record
 * batch larger than the topic's max.message.bytes. The size is the batch as kafkajs
 * itself encodes it (its RecordBatch and Record encoders, the bytes it puts on the
 * wire for one partition), so the limit is enforced exactly, not estimated.
 */
import { createRequire } from 'node:module';
import type { DeadLetter } from '../../../services/kit/kafka/dead-letter.ts';

const require = createRequire(import.meta.url);
type Encoded = { buffer: Buffer };
const Record = require('kafkajs/src/protocol/recordBatch/record/v0') as (record: { offsetDelta: number; timestampDelta: number; key: Buffer | null; value: Buffer | null; headers: Record<string, string> }) => Encoded;
const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0') as { RecordBatch: (batch: { records: Encoded[]; lastOffsetDelta: number }) => Promise<Encoded> };

/** Bytes of the record batch kafkajs sends for these letters (offset and length included, as the broker counts them). */
export async function encodedBatchBytes(letters: DeadLetter[]): Promise<number> {
  const records = letters.map((letter, i) => Record({ offsetDelta: i, timestampDelta: 0, key: letter.key, value: letter.value, headers: letter.headers }));
  return (await RecordBatch({ records, lastOffsetDelta: letters.length - 1 })).buffer.length;
}

export function sizeLimitedProducer(maxMessageBytes: number) {
  const accepted: DeadLetter[][] = [];
  let refusals = 0;
  return {
    accepted,
    get refusals() {
      return refusals;
    },
    async send(letters: DeadLetter[]): Promise<void> {
      const bytes = await encodedBatchBytes(letters);
      if (bytes > maxMessageBytes) {
        refusals++;
        // What kafkajs throws for the broker's error code 10.
        throw Object.assign(new Error(`The request included a message larger than the max message size the server will accept (${bytes} > ${maxMessageBytes})`), {
          name: 'KafkaJSProtocolError',
          type: 'MESSAGE_TOO_LARGE',
          retriable: false,
        });
      }
      accepted.push(letters);
    },
  };
}
