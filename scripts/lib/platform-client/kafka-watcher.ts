/**
 * Watches the CDC topic with kafkajs from the host, the way any consumer would.
 * It records the topic's end offsets first and seeks there once subscribed (with a
 * fresh group id), so it sees exactly the events produced after it started — no
 * replay of history, and no miss while the group is still joining.
 * stop() leaves nothing behind: it disconnects and deletes its group.
 */
import kafkajs from 'kafkajs';
import { readChangeMessage } from '../../../services/search-indexer/contract.ts';
import { errorText } from '../text.ts';

const { Kafka, logLevel } = kafkajs;

export interface ChangeEventSeen {
  partition: number;
  offset: string;
  id: number | undefined;
  op: string | undefined;
  name: string | undefined;
  deleted: boolean;
}

export interface KafkaWatcher {
  events: ChangeEventSeen[];
  stop(): Promise<void>;
}

export async function startKafkaWatcher(broker: string, topic: string, groupId: string): Promise<KafkaWatcher> {
  const kafka = new Kafka({ clientId: 'booking-smoke', brokers: [broker], logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const admin = kafka.admin();
  // disconnect() waits for the fetch in flight, which the broker holds open for up to
  // maxWaitTimeInMs when nothing arrives (kafkajs default 5 s): a short wait keeps the
  // smoke's cleanup from idling seconds after the last event.
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  const events: ChangeEventSeen[] = [];
  const stop = async () => {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  };
  try {
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic] });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        events.push({ partition, offset: message.offset, ...decodeSeenEvent(message.value) });
      },
    });
    for (const { partition, offset } of ends) consumer.seek({ topic, partition, offset });
  } catch (error) {
    await stop();
    throw new Error(`kafkajs could not consume ${topic} at ${broker}: ${errorText(error)}`, { cause: error });
  }
  return { events, stop };
}

/** The indexer's decoder (services/search-indexer/contract.ts), reduced to what the smoke test waits for. */
export function decodeSeenEvent(value: Buffer | null): Omit<ChangeEventSeen, 'partition' | 'offset'> {
  const decoded = readChangeMessage(null, value);
  switch (decoded.kind) {
    case 'tombstone':
      return { id: undefined, op: undefined, name: undefined, deleted: true };
    case 'undecodable':
      return { id: undefined, op: undefined, name: undefined, deleted: false };
    case 'row': {
      const { row } = decoded;
      return {
        id: typeof row.id === 'number' ? row.id : Number(row.id),
        op: decoded.op,
        name: typeof row.name === 'string' ? row.name : undefined,
        deleted: decoded.deleted,
      };
    }
  }
}
