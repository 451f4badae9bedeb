import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { availabilityConnectorFile, loadAvailabilityConnector } from '../../../scripts/lib/connect/availability-connector.ts';
import { loadOutboxConnectors } from '../../../scripts/lib/connect/outbox-connectors.ts';
import { loadConnector } from '../../../scripts/lib/connect/render-connector.ts';
import { DB_ENGINES, stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';

const values = { DB_ENGINE: 'mysql', MYSQL_DATABASE: 'booking', DEBEZIUM_DB_USER: 'debezium' };

describe("date search's inventory connector (issue 21)", () => {
  for (const engine of DB_ENGINES) {
    it(`inventory-cdc-${engine} captures room_types and room_nights of the inventory database into the topics the typed config names`, () => {
      const stack = stackConfigOf({ ...values, DB_ENGINE: engine });
      const { name, config } = loadAvailabilityConnector(stack);
      expect(name).toBe(`inventory-cdc-${engine}`);
      expect(name).toBe(stack.availability.connector);
      expect(config['database.include.list']).toBe('inventory');
      // Debezium names a table's topic <topic.prefix>.<database>.<table>.
      const topics = config['table.include.list']!.split(',').map((table) => `${config['topic.prefix']}.${table}`);
      expect(topics).toEqual([stack.availability.topics.room_types, stack.availability.topics.room_nights]);
      expect(topics).toEqual([`availability.${engine}.inventory.room_types`, `availability.${engine}.inventory.room_nights`]);
      expect(config['schema.history.internal.kafka.topic']).toBe(stack.availability.schemaHistoryTopic);
    });
  }

  it('logs in as the capture account, with the password by reference only', () => {
    const stack = stackConfigOf(values);
    const { config } = loadAvailabilityConnector(stack);
    expect(config['database.user']).toBe('debezium');
    expect(config['database.password']).toBe(stack.connectorPassword.reference);
  });

  it('joins the binlog under a replica id, topic prefix and schema history of its own among all connectors', () => {
    const stack = stackConfigOf(values);
    const all = [loadConnector(stack), loadAvailabilityConnector(stack), ...loadOutboxConnectors(stack)];
    for (const key of ['database.server.id', 'topic.prefix', 'schema.history.internal.kafka.topic']) {
      expect(new Set(all.map((connector) => connector.config[key])).size, key).toBe(all.length);
    }
  });

  it('hands the indexer rows as the catalog connector does (unwrap SMT, deletes rewritten, plain JSON)', () => {
    const stack = stackConfigOf(values);
    const catalog = loadConnector(stack).config;
    const inventory = loadAvailabilityConnector(stack).config;
    for (const key of Object.keys(catalog).filter((key) => key.startsWith('transforms') || key.endsWith('converter') || key.endsWith('schemas.enable') || key === 'snapshot.mode')) {
      expect(inventory[key], key).toBe(catalog[key]);
    }
  });

  it('inventory-mysql.json and inventory-mariadb.json differ only in the connector class', () => {
    const [mysql, mariadb] = DB_ENGINES.map((engine) => JSON.parse(readFileSync(availabilityConnectorFile(engine), 'utf8')) as { config: Record<string, string> });
    const keys = new Set([...Object.keys(mysql!.config), ...Object.keys(mariadb!.config)]);
    expect([...keys].filter((key) => mysql!.config[key] !== mariadb!.config[key])).toEqual(['connector.class']);
  });
});
