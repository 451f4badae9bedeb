/**
 * Every derived name comes from the one typed config: with a non-default database
 * name, the change topic kafka-init creates, the one Debezium writes and the one the
 * indexer reads are the same, and the golden path works end to end.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, test } from 'vitest';
import { stackConfigOf } from '../../scripts/lib/config/stack-config.ts';
import { runCli } from './support/run-cli.ts';
import { stackConfig } from './support/running-stack.ts';

// A variable set in the environment wins over .env, as it does for Compose.
const env = { ...process.env, MYSQL_DATABASE: 'catalog' };

async function mustRun(args: string[]) {
  const result = await runCli(args, env);
  expect(result.code, `npm run ${args.join(' ')} exited ${result.code}`).toBe(0);
}

afterAll(async () => {
  await runCli(['reset', '--yes'], env);
});

describe('derived names', () => {
  test('MYSQL_DATABASE=catalog: topics, connector and indexer agree, and smoke passes', async () => {
    await mustRun(['reset', '--yes']);
    await mustRun(['up']);
    await mustRun(['smoke']);

    const stack = stackConfigOf({ ...stackConfig(), MYSQL_DATABASE: 'catalog' });
    // Per engine since DB_ENGINE switches keep the two databases apart (issue 9).
    expect(stack.names.cdcTopic).toBe(`cdc.${stack.engine}.catalog.hotels`);
    const admin = new Kafka({ clientId: 'e2e-names', brokers: [stack.urls.kafkaBroker], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = await admin.listTopics();
      expect(topics).toEqual(expect.arrayContaining([stack.names.cdcTopic, stack.names.schemaHistoryTopic]));
      // Nothing went to the topic of .env's own database name: kafka-init never created it.
      expect(topics).not.toContain(stackConfigOf(stackConfig()).names.cdcTopic);
      const offsets = await admin.fetchTopicOffsets(stack.names.cdcTopic);
      expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBeGreaterThan(0);
    } finally {
      await admin.disconnect();
    }
  });
});
