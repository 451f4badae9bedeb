/**
 * The booking saga's names (issue 20, /work contract SAGA-DESIGN.md): per service its
 * database, account and password variable, its consumer group and outbox connector,
 * and the saga topics. Part of the one typed config (stack-config.ts `saga`), handed
 * to Compose as variables (sagaVariables), so compose.yaml, kafka-init, db-setup and
 * the services read a name and never spell it.
 *
 * Per engine, like the catalog's change pipeline (stack-config.ts StackNames): each
 * engine has its own volume, so a DB_ENGINE switch starts fresh topics, connectors and
 * consumer offsets for the new database's bookings instead of replaying the other's.
 * The databases and accounts are not per engine: they live inside the engine's server.
 */
import type { DbEngine } from './stack-config.ts';

export const SAGA_SERVICES = ['inventory', 'payment', 'booking'] as const;
export type SagaService = (typeof SAGA_SERVICES)[number];

/** The outbox `aggregatetype` values; each routes to its topic `saga.<engine>.<aggregatetype>`. */
export const SAGA_AGGREGATE_TYPES = ['inventory.commands', 'inventory.replies', 'payment.commands', 'payment.replies'] as const;
export type SagaAggregateType = (typeof SAGA_AGGREGATE_TYPES)[number];

/** Whose outbox writes each aggregate type: the orchestrator (booking) the commands, each participant its replies. */
export const OUTBOX_WRITER: Record<SagaAggregateType, SagaService> = {
  'inventory.commands': 'booking',
  'payment.commands': 'booking',
  'inventory.replies': 'inventory',
  'payment.replies': 'payment',
};

/** The topics one service's outbox connector publishes to. */
export function outboxTopicsOf(saga: Pick<SagaConfig, 'topics'>, service: SagaService): string[] {
  return SAGA_AGGREGATE_TYPES.filter((type) => OUTBOX_WRITER[type] === service).map((type) => saga.topics[type]);
}

/** Each service's database; its account has the same name. */
const DATABASE_OF: Record<SagaService, string> = { inventory: 'inventory', payment: 'payments', booking: 'bookings' };

/**
 * The variables Compose receives for one service. Database-owned names (database,
 * account, password, outbox connector) are prefixed with the database (PAYMENTS_...),
 * service-owned ones (consumer group) with the service (PAYMENT_...).
 */
export interface SagaServiceVariables {
  database: string;
  account: string;
  /** The only one in .env: generated on first `up` like MYSQL_PASSWORD (the others are derived). */
  password: string;
  consumerGroup: string;
  outboxConnector: string;
}

export interface SagaServiceNames {
  service: SagaService;
  database: string;
  account: string;
  /** The account's password from .env ('' when .env lacks it: validation says so). */
  password: string;
  /** `<service>-<engine>`. */
  consumerGroup: string;
  /** `outbox-<database>-<engine>`: captures only `<database>.outbox`. */
  outboxConnector: string;
  variables: SagaServiceVariables;
}

export interface SagaConfig {
  /** `saga.<engine>`: the outbox event router's topic is `<prefix>.<aggregatetype>`. */
  topicPrefix: string;
  topics: Record<SagaAggregateType, string>;
  /** Messages a saga consumer could not process (the kit's dead-letter policy). */
  dlqTopic: string;
  services: Record<SagaService, SagaServiceNames>;
}

export function sagaServiceVariables(service: SagaService): SagaServiceVariables {
  const db = DATABASE_OF[service].toUpperCase();
  const own = service.toUpperCase();
  return {
    database: `${db}_DB_NAME`,
    account: `${db}_DB_USER`,
    password: `${db}_DB_PASSWORD`,
    consumerGroup: `${own}_CONSUMER_GROUP`,
    outboxConnector: `${db}_OUTBOX_CONNECTOR`,
  };
}

/** SAGA_INVENTORY_COMMANDS_TOPIC for `inventory.commands`. */
export function sagaTopicVariable(aggregateType: SagaAggregateType): string {
  return `SAGA_${aggregateType.replace('.', '_').toUpperCase()}_TOPIC`;
}

export const SAGA_DLQ_TOPIC_VARIABLE = 'SAGA_DLQ_TOPIC';
export const SAGA_TOPIC_PREFIX_VARIABLE = 'SAGA_TOPIC_PREFIX';

/**
 * The password variables `up` generates into .env (ensure-env-file.ts), also into a .env
 * written before they existed: db-setup sets each account's password from .env on every
 * run, so a newly generated one is always the one the database gets.
 */
export const SAGA_PASSWORD_VARIABLES: readonly string[] = SAGA_SERVICES.map((service) => sagaServiceVariables(service).password);

export function sagaConfigOf(engine: DbEngine, values: Record<string, string | undefined>): SagaConfig {
  const topicPrefix = `saga.${engine}`;
  const services = Object.fromEntries(
    SAGA_SERVICES.map((service): [SagaService, SagaServiceNames] => {
      const database = DATABASE_OF[service];
      const variables = sagaServiceVariables(service);
      return [
        service,
        {
          service,
          database,
          account: database,
          password: values[variables.password] ?? '',
          consumerGroup: `${service}-${engine}`,
          outboxConnector: `outbox-${database}-${engine}`,
          variables,
        },
      ];
    }),
  ) as Record<SagaService, SagaServiceNames>;
  return {
    topicPrefix,
    topics: Object.fromEntries(SAGA_AGGREGATE_TYPES.map((type) => [type, `${topicPrefix}.${type}`])) as Record<SagaAggregateType, string>,
    dlqTopic: `${topicPrefix}.dlq`,
    services,
  };
}

/** The saga's derived names as Compose variables (passwords stay in .env, not here). */
export function sagaVariables(saga: SagaConfig): Record<string, string> {
  const variables: Record<string, string> = { [SAGA_TOPIC_PREFIX_VARIABLE]: saga.topicPrefix, [SAGA_DLQ_TOPIC_VARIABLE]: saga.dlqTopic };
  for (const type of SAGA_AGGREGATE_TYPES) variables[sagaTopicVariable(type)] = saga.topics[type];
  for (const names of Object.values(saga.services)) {
    variables[names.variables.database] = names.database;
    variables[names.variables.account] = names.account;
    variables[names.variables.consumerGroup] = names.consumerGroup;
    variables[names.variables.outboxConnector] = names.outboxConnector;
  }
  return variables;
}
