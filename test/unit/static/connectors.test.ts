import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConnector, renderConnector } from '../../../scripts/lib/connect/render-connector.ts';
import { loadOutboxConnectors } from '../../../scripts/lib/connect/outbox-connectors.ts';
import { derivedVariables, stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { DB_ENGINES } from '../../../scripts/lib/config/validate-config.ts';
import { paths } from '../../../scripts/lib/paths.ts';
import { exampleValues, fileMissing, requireOrSkip } from './tools.ts';

describe('kafka/connectors', () => {
  for (const engine of DB_ENGINES) it(`${engine}.json renders with the example configuration (every placeholder is a known variable)`, (ctx) => {
    requireOrSkip(ctx, fileMissing(`kafka/connectors/${engine}.json`));
    const file = join(paths.connectorsDir, `${engine}.json`);
    const values = { ...exampleValues(), DB_ENGINE: engine };
    const rendered = renderConnector(readFileSync(file, 'utf8'), { ...values, ...derivedVariables(stackConfigOf(values)) }, `kafka/connectors/${engine}.json`);
    expect(rendered.name).toBe(stackConfigOf(values).names.connector);
    expect(rendered.config['connector.class']).toBeTruthy();
    // Every placeholder filled; what is left of the form ${...} is the password reference Connect resolves.
    const { connectorPassword } = stackConfigOf(values);
    expect([rendered.name, ...Object.values(rendered.config)].filter((value) => value.includes('${') && value !== connectorPassword.reference)).toEqual([]);
  });

  for (const engine of DB_ENGINES) it(`${engine}.json makes Debezium write to the topic the typed config names, for any database`, () => {
    const values = { ...exampleValues(), DB_ENGINE: engine, MYSQL_DATABASE: 'catalog' };
    const stack = stackConfigOf(values);
    const { config } = loadConnector(stackConfigOf(values));
    // Debezium names a table's topic <topic.prefix>.<database>.<table>.
    const [database, table] = config['table.include.list']!.split('.');
    expect(`${config['topic.prefix']}.${database}.${table}`).toBe(stack.names.cdcTopic);
    expect(stack.names.cdcTopic).toBe(`cdc.${engine}.catalog.hotels`);
    expect(config['database.include.list']).toBe('catalog');
    expect(config['schema.history.internal.kafka.topic']).toBe(stack.names.schemaHistoryTopic);
  });

  it('holds only the templates the orchestrator picks by DB_ENGINE: the catalog\'s, the inventory\'s (date search) and the outbox connectors\'', (ctx) => {
    requireOrSkip(ctx, fileMissing('kafka/connectors'));
    const templates = readdirSync(paths.connectorsDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    const picked = DB_ENGINES.flatMap((engine) => [engine, `inventory-${engine}`, `outbox-${engine}`]);
    expect(templates.filter((t) => !picked.includes(t))).toEqual([]);
  });

  for (const engine of DB_ENGINES) it(`outbox-${engine}.json renders for every service database with the example configuration`, () => {
    const stack = stackConfigOf({ ...exampleValues(), DB_ENGINE: engine });
    for (const rendered of loadOutboxConnectors(stack)) {
      // Left of the form ${...}: the password reference Connect resolves, and the router's own ${routedByValue}.
      const unfilled = [rendered.name, ...Object.values(rendered.config)].filter((value) => value.includes('${') && value !== stack.connectorPassword.reference);
      expect(unfilled).toEqual([`${stack.saga.topicPrefix}.\${routedByValue}`]);
    }
  });

  it('mysql.json and mariadb.json differ only where the engine requires it', (ctx) => {
    requireOrSkip(ctx, fileMissing('kafka/connectors/mysql.json') ?? fileMissing('kafka/connectors/mariadb.json'));
    // A tuning made for one engine (keep-alive, polling, delete handling) must not be
    // forgotten in the other: developers switch DB_ENGINE and expect the same pipeline.
    const read = (engine: string) => JSON.parse(readFileSync(join(paths.connectorsDir, `${engine}.json`), 'utf8'));
    const mysql = read('mysql');
    const mariadb = read('mariadb');
    const engineSpecific = new Set(['connector.class', 'schema.history.internal.kafka.topic']);
    const keys = new Set([...Object.keys(mysql.config), ...Object.keys(mariadb.config)]);
    const differing = [...keys].filter((key) => !engineSpecific.has(key) && mysql.config[key] !== mariadb.config[key]);
    expect(differing).toEqual([]);
  });
});
