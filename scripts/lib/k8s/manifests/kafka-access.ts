/**
 * Who talks to Kafka on the cluster, and what each may do: one Strimzi KafkaUser per client
 * (SCRAM-SHA-512 on the one client listener, kafka.ts), with ACLs for exactly the topics
 * and groups its code uses. Kafka's simple authorizer refuses everything else, anonymous
 * clients included. Strimzi's User Operator writes each user's password to a Secret of the
 * user's name (`password`, and `sasl.jaas.config` for Java clients).
 * https://strimzi.io/docs/operators/latest/deploying#con-securing-client-authorization-str
 * Which request needs which operation: https://kafka.apache.org/documentation/#operations_resources_and_protocols
 */
import { SAGA_AGGREGATE_TYPES, SAGA_SERVICES, type SagaService } from '../../config/stack-config.ts';
import { outboxVariables } from '../../connect/outbox-connectors.ts';
import type { K8sContext } from '../context.ts';
import { k8sNames, labels } from '../names.ts';
import { STRIMZI_API, type CustomResource } from './strimzi-types.ts';

export type AclOperation = 'Read' | 'Write' | 'Describe' | 'DescribeConfigs';

export interface AclRule {
  type: 'allow';
  resource: { type: 'topic' | 'group'; name: string; patternType: 'literal' };
  operations: AclOperation[];
}

export interface KafkaUserSpec {
  authentication: { type: 'scram-sha-512' };
  authorization: { type: 'simple'; acls: AclRule[] };
}

const topic = (name: string, operations: AclOperation[]): AclRule => ({ type: 'allow', resource: { type: 'topic', name, patternType: 'literal' }, operations });
const group = (name: string, operations: AclOperation[]): AclRule => ({ type: 'allow', resource: { type: 'group', name, patternType: 'literal' }, operations });

/** User name → its ACLs. */
export function kafkaAcls(ctx: K8sContext): Record<string, AclRule[]> {
  const { names, saga, availability } = ctx.stack;
  const availabilityTopics = Object.values(availability.topics);
  return {
    // services/search-indexer: consumes the change topic in its group (fetchOffsets and the lag check describe
    // both), and produces dead letters, in batches within the dead-letter topic's max.message.bytes, which it
    // reads with describeConfigs (services/kit/kafka/dead-letter-limit.ts). Nothing else: no topic creation (allowAutoTopicCreation: false).
    [k8sNames.kafkaUsers.searchIndexer]: [
      topic(names.cdcTopic, ['Read', 'Describe']),
      group(names.consumerGroup, ['Read', 'Describe']),
      topic(names.dlqTopic, ['Write', 'Describe', 'DescribeConfigs']),
      // Date search (issue 21): its second consumer, on the inventory's change topics in its own group.
      ...availabilityTopics.map((name) => topic(name, ['Read', 'Describe'])),
      group(availability.consumerGroup, ['Read', 'Describe']),
    ],
    // Kafka Connect: its own config, offset and status topics and its worker group (it only checks that the
    // topics exist and are compacted: they are KafkaTopics); Debezium writes the change topic, and keeps its
    // schema history in its topic, read back at start in the group `<topic.prefix>-schemahistory`.
    [k8sNames.kafkaUsers.connect]: [
      ...[names.connectConfigsTopic, names.connectOffsetsTopic, names.connectStatusTopic].map((name) => topic(name, ['Read', 'Write', 'Describe', 'DescribeConfigs'])),
      group(names.connectGroup, ['Read', 'Describe']),
      topic(names.cdcTopic, ['Write', 'Describe']),
      topic(names.schemaHistoryTopic, ['Read', 'Write', 'Describe', 'DescribeConfigs']),
      group(`${names.cdcTopicPrefix}-schemahistory`, ['Read', 'Describe']),
      // The inventory connector of date search (issue 21): its change topics and its own schema history.
      ...availabilityTopics.map((name) => topic(name, ['Write', 'Describe'])),
      topic(availability.schemaHistoryTopic, ['Read', 'Write', 'Describe', 'DescribeConfigs']),
      group(`${availability.topicPrefix}-schemahistory`, ['Read', 'Describe']),
      // The outbox connectors (issue 20): the event router writes each row to its saga topic; each keeps its
      // own schema history (a KafkaTopic, kafka.ts), read back in the group `<its topic.prefix>-schemahistory`.
      ...SAGA_AGGREGATE_TYPES.map((type) => topic(saga.topics[type], ['Write', 'Describe'])),
      ...SAGA_SERVICES.flatMap((service) => {
        const outbox = outboxVariables(ctx.stack, service);
        return [
          topic(outbox.OUTBOX_SCHEMA_HISTORY_TOPIC!, ['Read', 'Write', 'Describe', 'DescribeConfigs']),
          group(`${outbox.OUTBOX_TOPIC_PREFIX!}-schemahistory`, ['Read', 'Describe']),
        ];
      }),
    ],
    // The saga's consumers (services/kit/saga/run-saga-consumer.ts), each as the search-indexer: the topics it
    // consumes in its group, and dead letters to the saga's dead-letter topic within its max.message.bytes.
    // They write nothing else to Kafka: their commands and replies leave through their outbox (Connect).
    [k8sNames.kafkaUsers.inventory]: sagaConsumerAcls(ctx, 'inventory', [saga.topics['inventory.commands']]),
    [k8sNames.kafkaUsers.payment]: sagaConsumerAcls(ctx, 'payment', [saga.topics['payment.commands']]),
    [k8sNames.kafkaUsers.booking]: sagaConsumerAcls(ctx, 'booking', [saga.topics['inventory.replies'], saga.topics['payment.replies']]),
  };
}

function sagaConsumerAcls(ctx: K8sContext, service: SagaService, consumes: string[]): AclRule[] {
  return [
    ...consumes.map((name) => topic(name, ['Read', 'Describe'])),
    group(ctx.stack.saga.services[service].consumerGroup, ['Read', 'Describe']),
    topic(ctx.stack.saga.dlqTopic, ['Write', 'Describe', 'DescribeConfigs']),
  ];
}

export function kafkaUsers(ctx: K8sContext): CustomResource<KafkaUserSpec>[] {
  return Object.entries(kafkaAcls(ctx)).map(([name, acls]) => ({
    apiVersion: STRIMZI_API,
    kind: 'KafkaUser',
    metadata: { name, labels: { ...labels('kafka'), 'strimzi.io/cluster': k8sNames.kafkaCluster } },
    spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls } },
  }));
}

/** Kafka client settings for SCRAM-SHA-512 over the plain listener (a Java client's, as the connector's schema history needs). */
export function javaClientSaslSettings(jaasConfig: string): Record<string, string> {
  return { 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.jaas.config': jaasConfig };
}
