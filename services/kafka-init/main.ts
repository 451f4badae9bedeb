/**
 * kafka-init entry point: `node services/dist/kafka-init/main.js`. A one-shot run in the
 * services image: creates the platform's topics (kafka/topics.json, resolved by the
 * orchestrator into KAFKA_TOPICS) with one admin client, then exits 0; or exits 1 with a
 * line that says what failed. Compose runs it on every `up`; the services that subscribe
 * wait for it to complete. One Node process, not a kafka-topics.sh JVM per topic: those
 * cost ~1.5-3 s of CPU each while Elasticsearch and Connect start on the same cores.
 */
import { Kafka, logLevel } from 'kafkajs';
import { parseTopicsVariable } from './contract.ts';
import { describeError, ensureTopics, type TopicAdmin } from './create-topics.ts';

const DEFAULT_TIMEOUT_SECONDS = 120;

async function main(): Promise<void> {
  const topics = parseTopicsVariable(process.env.KAFKA_TOPICS);
  const broker = process.env.KAFKA_BROKERS?.trim() || 'kafka:29092';
  const timeoutSeconds = Number(process.env.INIT_TIMEOUT_SECONDS?.trim() || DEFAULT_TIMEOUT_SECONDS);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new Error(`INIT_TIMEOUT_SECONDS must be a number of seconds, not ${JSON.stringify(process.env.INIT_TIMEOUT_SECONDS)}`);

  // kafkajs's own retries and log lines off: the wait below retries, and reports the last error itself.
  const kafka = new Kafka({ clientId: 'kafka-init', brokers: broker.split(','), logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 0 } });
  console.log(`[kafka-init] waiting for the broker at ${broker} (up to ${timeoutSeconds}s)`);
  const result = await ensureTopics(topics, {
    connect: async (): Promise<TopicAdmin> => {
      const admin = kafka.admin();
      await admin.connect();
      return admin;
    },
    broker,
    deadlineMs: timeoutSeconds * 1000,
    // With EARLY_START=on it starts beside the broker instead of after its healthcheck:
    // a refused connection costs nothing, and each retry is a moment of waiting less.
    retryEveryMs: 500,
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onWait: (error, attempt) => console.log(`[kafka-init] broker not ready (attempt ${attempt}): ${describeError(error)}`),
  });
  console.log(`[kafka-init] created: ${result.created.join(' ') || 'none'}`);
  console.log(`[kafka-init] already present: ${result.present.join(' ') || 'none'}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[kafka-init] failed: ${describeError(error)}`);
    process.exit(1);
  },
);
