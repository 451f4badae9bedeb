import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foreignConnectors } from '../../../scripts/lib/connect/foreign-connectors.ts';
import { loadOutboxConnectors, outboxConnectorFile } from '../../../scripts/lib/connect/outbox-connectors.ts';
import { loadConnector } from '../../../scripts/lib/connect/render-connector.ts';
import { stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';

const values = { DB_ENGINE: 'mysql', MYSQL_DATABASE: 'booking', DEBEZIUM_DB_USER: 'debezium' };

describe('the outbox connectors', () => {
  it('one per service database, named outbox-<database>-<engine>, capturing only <database>.outbox', () => {
    const connectors = loadOutboxConnectors(stackConfigOf(values));
    expect(connectors.map((c) => c.name)).toEqual(['outbox-inventory-mysql', 'outbox-payments-mysql', 'outbox-bookings-mysql']);
    expect(connectors.map((c) => [c.config['database.include.list'], c.config['table.include.list']])).toEqual([
      ['inventory', 'inventory.outbox'],
      ['payments', 'payments.outbox'],
      ['bookings', 'bookings.outbox'],
    ]);
  });

  it('route each row by aggregatetype to the saga topic the typed config names, keyed by aggregateid, with id and type headers and the payload as JSON', () => {
    for (const engine of ['mysql', 'mariadb']) {
      const stack = stackConfigOf({ ...values, DB_ENGINE: engine });
      const [inventory] = loadOutboxConnectors(stack);
      const config = inventory!.config;
      expect(config['transforms.outbox.type']).toBe('io.debezium.transforms.outbox.EventRouter');
      expect(config['transforms.outbox.route.by.field']).toBe('aggregatetype');
      // What the router does with the default regex (?<routedByValue>.*): the whole aggregatetype in place of the placeholder.
      const topicOf = (aggregateType: string) => config['transforms.outbox.route.topic.replacement']!.replace('${routedByValue}', aggregateType);
      for (const [type, topic] of Object.entries(stack.saga.topics)) expect(topicOf(type)).toBe(topic);
      expect(config['transforms.outbox.table.field.event.key']).toBe('aggregateid');
      expect(config['transforms.outbox.table.field.event.id']).toBe('id');
      expect(config['transforms.outbox.table.fields.additional.placement']).toBe('type:header:type');
      expect(config['transforms.outbox.table.expand.json.payload']).toBe('true');
      // The key is the booking id as it is, not a JSON string in quotes.
      expect(config['key.converter']).toBe('org.apache.kafka.connect.storage.StringConverter');
      expect(config['value.converter.schemas.enable']).toBe('false');
    }
  });

  it('never lose a row: a snapshot when there is no usable position (re-sent rows keep their ids; the inboxes drop them)', () => {
    for (const connector of loadOutboxConnectors(stackConfigOf(values))) expect(connector.config['snapshot.mode']).toBe('when_needed');
  });

  it('each joins the binlog under its own server id, with its own offsets prefix and schema history, none shared with the catalog connector', () => {
    const stack = stackConfigOf(values);
    const all = [loadConnector(stack), ...loadOutboxConnectors(stack)];
    for (const key of ['database.server.id', 'topic.prefix', 'schema.history.internal.kafka.topic']) {
      expect(new Set(all.map((c) => c.config[key])).size).toBe(all.length);
    }
    expect(all[1]!.config['schema.history.internal.kafka.topic']).toBe('schema-history.inventory.mysql');
    // The password stays a reference Connect resolves, as for the catalog connector.
    expect(all[1]!.config['database.password']).toBe(all[0]!.config['database.password']);
  });

  it('the two engines\' templates differ only in the connector class', () => {
    const [mysql, mariadb] = (['mysql', 'mariadb'] as const).map((engine) => JSON.parse(readFileSync(outboxConnectorFile(engine), 'utf8')) as { config: Record<string, string> });
    const { 'connector.class': a, ...restMysql } = mysql!.config;
    const { 'connector.class': b, ...restMariadb } = mariadb!.config;
    expect([a, b]).toEqual(['io.debezium.connector.mysql.MySqlConnector', 'io.debezium.connector.mariadb.MariaDbConnector']);
    expect(restMariadb).toEqual(restMysql);
  });

  it('after a DB_ENGINE switch, the other engine\'s outbox connectors are foreign (up removes them)', () => {
    const registered = ['catalog-cdc-mysql', 'outbox-inventory-mysql', 'outbox-payments-mysql', 'outbox-inventory-mariadb', 'by-hand'];
    expect(foreignConnectors(registered, stackConfigOf({ ...values, DB_ENGINE: 'mariadb' })).map((c) => c.name)).toEqual(['catalog-cdc-mysql', 'outbox-inventory-mysql', 'outbox-payments-mysql']);
  });
});
