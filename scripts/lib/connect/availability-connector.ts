/**
 * Date search's change capture (issue 21): `inventory-cdc-<engine>`, the inventory
 * database's room types and nights as row events (the catalog connector's unwrap SMT),
 * rendered from kafka/connectors/inventory-<engine>.json with names from the one typed
 * config (stack.availability) and registered by `up` beside the catalog's and the outbox
 * connectors. Why each setting: kafka/connectors/README.md.
 */
import { join } from 'node:path';
import { paths } from '../paths.ts';
import type { DbEngine, StackConfig } from '../config/stack-config.ts';
import { connectorVariables, readTemplate, renderConnector, type ConnectorConfig, type LoadConnectorOptions } from './render-connector.ts';

export function availabilityConnectorFile(engine: DbEngine, dir: string = paths.connectorsDir): string {
  return join(dir, `inventory-${engine}.json`);
}

/** The availability connector for DB_ENGINE, rendered. */
export function loadAvailabilityConnector(stack: StackConfig, options: LoadConnectorOptions = {}): ConnectorConfig {
  const { template, label } = readTemplate(availabilityConnectorFile(stack.engine, options.dir), stack, options);
  return renderConnector(template, connectorVariables(stack), label);
}
