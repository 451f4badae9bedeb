/**
 * The saga's outbox connectors (issue 20): one per service database, `outbox-<database>-<engine>`,
 * capturing only `<database>.outbox` with Debezium's outbox event router, rendered from
 * kafka/connectors/outbox-<engine>.json with names from the one typed config (stack.saga).
 * Why each setting: kafka/connectors/README.md.
 */
import { join } from 'node:path';
import { paths } from '../paths.ts';
import { SAGA_SERVICES, sagaConfigOf, type DbEngine, type SagaService, type StackConfig } from '../config/stack-config.ts';
import { connectorVariables, readTemplate, renderConnector, type ConnectorConfig, type LoadConnectorOptions } from './render-connector.ts';

/** The catalog connector joins the binlog as replica 184054; the outbox connectors follow it, one id each. */
const FIRST_OUTBOX_SERVER_ID = 184_055;

export function outboxConnectorFile(engine: DbEngine, dir: string = paths.connectorsDir): string {
  return join(dir, `outbox-${engine}.json`);
}

/** What the template of `service`'s outbox connector reads besides the catalog connector's variables. */
export function outboxVariables(stack: StackConfig, service: SagaService): Record<string, string> {
  const names = stack.saga.services[service];
  return {
    OUTBOX_CONNECTOR_NAME: names.outboxConnector,
    OUTBOX_DATABASE: names.database,
    OUTBOX_SERVER_ID: String(FIRST_OUTBOX_SERVER_ID + SAGA_SERVICES.indexOf(service)),
    // Debezium's own prefix (offsets, the unused schema-change topic); the router sends the rows elsewhere.
    OUTBOX_TOPIC_PREFIX: `outbox.${stack.engine}.${names.database}`,
    // Like the catalog's (stack-config.ts): per database and engine, so a switch never replays the other's DDL.
    OUTBOX_SCHEMA_HISTORY_TOPIC: `schema-history.${names.database}.${stack.engine}`,
    // `${routedByValue}` is the router's own placeholder, filled per row with its aggregatetype; render-connector
    // fills a placeholder once and never reads what it put in, so it arrives intact.
    OUTBOX_ROUTE_TOPIC_REPLACEMENT: `${stack.saga.topicPrefix}.\${routedByValue}`,
  };
}

/** Every outbox connector for DB_ENGINE, rendered. */
export function loadOutboxConnectors(stack: StackConfig, options: LoadConnectorOptions = {}): ConnectorConfig[] {
  const { template, label } = readTemplate(outboxConnectorFile(stack.engine, options.dir), stack, options);
  return SAGA_SERVICES.map((service) => renderConnector(template, { ...connectorVariables(stack), ...outboxVariables(stack, service) }, label));
}

/** The outbox connectors a stack on `engine` registers: `up` removes them after a switch to another engine. */
export function outboxConnectorNames(engine: DbEngine): string[] {
  const saga = sagaConfigOf(engine, {});
  return SAGA_SERVICES.map((service) => saga.services[service].outboxConnector);
}
