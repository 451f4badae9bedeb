import { describe, expect, it } from 'vitest';
import { derivedVariables, SAGA_PASSWORD_VARIABLES, stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { stackTopics } from '../../../scripts/lib/config/kafka-topics.ts';

const values = { DB_ENGINE: 'mysql', MYSQL_DATABASE: 'booking', INVENTORY_DB_PASSWORD: 'inv-pw', PAYMENTS_DB_PASSWORD: 'pay-pw', BOOKINGS_DB_PASSWORD: 'book-pw' };

describe("the booking saga's names in the typed config", () => {
  it('gives each service its database, an account of the same name and the password from its variable', () => {
    const { services } = stackConfigOf(values).saga;
    expect(Object.values(services).map(({ service, database, account, password, variables }) => [service, database, account, password, variables.password])).toEqual([
      ['inventory', 'inventory', 'inventory', 'inv-pw', 'INVENTORY_DB_PASSWORD'],
      ['payment', 'payments', 'payments', 'pay-pw', 'PAYMENTS_DB_PASSWORD'],
      ['booking', 'bookings', 'bookings', 'book-pw', 'BOOKINGS_DB_PASSWORD'],
    ]);
    expect(SAGA_PASSWORD_VARIABLES).toEqual(['INVENTORY_DB_PASSWORD', 'PAYMENTS_DB_PASSWORD', 'BOOKINGS_DB_PASSWORD']);
  });

  it('names the topics saga.<engine>.<aggregatetype>, the consumer groups <service>-<engine> and the connectors outbox-<database>-<engine>', () => {
    const saga = stackConfigOf({ ...values, DB_ENGINE: 'mariadb' }).saga;
    expect(saga.topics).toEqual({
      'inventory.commands': 'saga.mariadb.inventory.commands',
      'inventory.replies': 'saga.mariadb.inventory.replies',
      'payment.commands': 'saga.mariadb.payment.commands',
      'payment.replies': 'saga.mariadb.payment.replies',
    });
    expect(saga.dlqTopic).toBe('saga.mariadb.dlq');
    expect(Object.values(saga.services).map((names) => [names.consumerGroup, names.outboxConnector])).toEqual([
      ['inventory-mariadb', 'outbox-inventory-mariadb'],
      ['payment-mariadb', 'outbox-payments-mariadb'],
      ['booking-mariadb', 'outbox-bookings-mariadb'],
    ]);
  });

  it('names every topic, group and connector per engine, so a DB_ENGINE switch never mixes two databases\' bookings', () => {
    const my = stackConfigOf(values).saga;
    const maria = stackConfigOf({ ...values, DB_ENGINE: 'mariadb' }).saga;
    const perEngine = (saga: typeof my) => [...Object.values(saga.topics), saga.dlqTopic, ...Object.values(saga.services).flatMap((s) => [s.consumerGroup, s.outboxConnector])];
    const mine = perEngine(my);
    expect(perEngine(maria).filter((name) => mine.includes(name))).toEqual([]);
  });

  it('hands every saga name on to Compose, never a password', () => {
    const variables = derivedVariables(stackConfigOf(values));
    expect(variables).toMatchObject({
      SAGA_TOPIC_PREFIX: 'saga.mysql',
      SAGA_INVENTORY_COMMANDS_TOPIC: 'saga.mysql.inventory.commands',
      SAGA_INVENTORY_REPLIES_TOPIC: 'saga.mysql.inventory.replies',
      SAGA_PAYMENT_COMMANDS_TOPIC: 'saga.mysql.payment.commands',
      SAGA_PAYMENT_REPLIES_TOPIC: 'saga.mysql.payment.replies',
      SAGA_DLQ_TOPIC: 'saga.mysql.dlq',
      INVENTORY_DB_NAME: 'inventory',
      INVENTORY_DB_USER: 'inventory',
      PAYMENTS_DB_NAME: 'payments',
      PAYMENTS_DB_USER: 'payments',
      BOOKINGS_DB_NAME: 'bookings',
      BOOKINGS_DB_USER: 'bookings',
      INVENTORY_CONSUMER_GROUP: 'inventory-mysql',
      PAYMENT_CONSUMER_GROUP: 'payment-mysql',
      BOOKING_CONSUMER_GROUP: 'booking-mysql',
      INVENTORY_OUTBOX_CONNECTOR: 'outbox-inventory-mysql',
      PAYMENTS_OUTBOX_CONNECTOR: 'outbox-payments-mysql',
      BOOKINGS_OUTBOX_CONNECTOR: 'outbox-bookings-mysql',
    });
    for (const variable of SAGA_PASSWORD_VARIABLES) expect(variables).not.toHaveProperty(variable);
    expect(Object.values(variables)).not.toContain('inv-pw');
  });

  it('has kafka-init create every saga topic: commands and replies in 3 partitions (keyed by booking id), the dead letters in 1', () => {
    const stack = stackConfigOf(values);
    const created = stackTopics(stack);
    const partitionsOf = Object.fromEntries(created.map((topic) => [topic.name, topic.partitions]));
    for (const topic of Object.values(stack.saga.topics)) expect(partitionsOf[topic], topic).toBe(3);
    expect(partitionsOf[stack.saga.dlqTopic]).toBe(1);
  });
});
