import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../../services/kit/env-reader.ts';
import { loadSagaConsumerConfig } from '../../../../../services/kit/saga/saga-consumer-config.ts';

const timings = [{ variable: 'HOLD_TTL_MS', defaultMs: 900_000, minMs: 1_000, maxMs: 86_400_000 }];

describe('loadSagaConsumerConfig', () => {
  it('reads the names compose passes and each timing or its default', () => {
    const env = { CONSUMER_GROUP: 'inventory-mysql', SAGA_INVENTORY_COMMANDS_TOPIC: 'saga.mysql.inventory.commands', SAGA_DLQ_TOPIC: 'saga.mysql.dlq' };
    expect(loadSagaConsumerConfig(env, 'SAGA_INVENTORY_COMMANDS_TOPIC', timings)).toEqual({
      kafkaBrokers: ['kafka:29092'],
      consumerGroup: 'inventory-mysql',
      commandsTopic: 'saga.mysql.inventory.commands',
      dlqTopic: 'saga.mysql.dlq',
      timings: { HOLD_TTL_MS: 900_000 },
    });
  });

  it('invents no name: every missing one and a bad timing are said at once', () => {
    const error = (() => {
      try {
        loadSagaConsumerConfig({ HOLD_TTL_MS: '5' }, 'SAGA_INVENTORY_COMMANDS_TOPIC', timings);
      } catch (caught) {
        return caught as ConfigError;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      'CONSUMER_GROUP is required',
      'SAGA_INVENTORY_COMMANDS_TOPIC is required',
      'SAGA_DLQ_TOPIC is required',
      'HOLD_TTL_MS must be an integer from 1000 to 86400000 (got "5")',
    ]);
  });

  it("logs in to Kafka with SCRAM-SHA-512 when the cluster's user and password are given, and refuses one without the other", () => {
    const env = { CONSUMER_GROUP: 'payment-mysql', SAGA_PAYMENT_COMMANDS_TOPIC: 'saga.mysql.payment.commands', SAGA_DLQ_TOPIC: 'saga.mysql.dlq' };
    const withLogin = loadSagaConsumerConfig({ ...env, KAFKA_SASL_USERNAME: 'payment', KAFKA_SASL_PASSWORD: 'secret' }, 'SAGA_PAYMENT_COMMANDS_TOPIC');
    expect(withLogin.kafkaSasl).toEqual({ mechanism: 'scram-sha-512', username: 'payment', password: 'secret' });
    expect(loadSagaConsumerConfig(env, 'SAGA_PAYMENT_COMMANDS_TOPIC').kafkaSasl).toBeUndefined();
    expect(() => loadSagaConsumerConfig({ ...env, KAFKA_SASL_USERNAME: 'payment' }, 'SAGA_PAYMENT_COMMANDS_TOPIC')).toThrow(/KAFKA_SASL_PASSWORD is required/);
  });
});
