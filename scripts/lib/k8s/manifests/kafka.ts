/**
 * Kafka on Strimzi: a KRaft cluster (one node pool doing both roles), one KafkaTopic per
 * topic of kafka/init/init.sh, a KafkaConnect that Strimzi builds with the Debezium
 * plugin, and the connector rendered from the template the compose path registers.
 * https://strimzi.io/docs/operators/latest/deploying
 */
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { connectorHostVariables, derivedVariables } from '../../config/stack-config.ts';
import { renderConnector } from '../../connect/render-connector.ts';
import { version, type K8sContext } from '../context.ts';
import { kafkaBootstrap, k8sNames, labels } from '../names.ts';
import { STRIMZI_API, type CustomResource } from './strimzi-types.ts';

const clusterLabel = (cluster: string) => ({ 'strimzi.io/cluster': cluster });

export function kafkaCluster(ctx: K8sContext): CustomResource<unknown>[] {
  const { kafka } = ctx.target;
  const kafkaResource: CustomResource<unknown> = {
    apiVersion: STRIMZI_API,
    kind: 'Kafka',
    metadata: { name: k8sNames.kafkaCluster, labels: labels('kafka') },
    spec: {
      kafka: {
        version: version(ctx, 'KAFKA_VERSION'),
        listeners: [{ name: 'plain', port: 9092, type: 'internal', tls: false }],
        config: {
          // As in compose: topics come from the list in kafka/init/init.sh only (KafkaTopic below).
          'auto.create.topics.enable': false,
          'default.replication.factor': kafka.replicationFactor,
          'min.insync.replicas': kafka.minInSyncReplicas,
          'offsets.topic.replication.factor': kafka.replicationFactor,
          'transaction.state.log.replication.factor': kafka.replicationFactor,
          'transaction.state.log.min.isr': kafka.minInSyncReplicas,
          'share.coordinator.state.topic.replication.factor': kafka.replicationFactor,
          'share.coordinator.state.topic.min.isr': kafka.minInSyncReplicas,
        },
      },
      // The topic operator turns the KafkaTopic resources into topics.
      entityOperator: { topicOperator: {} },
    },
  };
  const nodePool: CustomResource<unknown> = {
    apiVersion: STRIMZI_API,
    kind: 'KafkaNodePool',
    metadata: { name: k8sNames.nodePool, labels: { ...labels('kafka'), ...clusterLabel(k8sNames.kafkaCluster) } },
    spec: {
      replicas: kafka.brokers,
      roles: ['controller', 'broker'],
      storage: { type: 'persistent-claim', size: kafka.storage, deleteClaim: false },
    },
  };
  return [kafkaResource, nodePool];
}

export function kafkaTopics(ctx: K8sContext): CustomResource<unknown>[] {
  return ctx.topics.map((topic) => ({
    apiVersion: STRIMZI_API,
    kind: 'KafkaTopic',
    // Topic names are valid object names here (lower case, digits, '.', '-'); spec.topicName keeps the exact one.
    metadata: { name: topic.name.toLowerCase(), labels: { ...labels('kafka'), ...clusterLabel(k8sNames.kafkaCluster) } },
    spec: { topicName: topic.name, partitions: topic.partitions, replicas: ctx.target.kafka.replicationFactor, config: topic.config },
  }));
}

/** How the connector reads the Debezium password: Kafka's config provider, from the Secret, at run time. */
export function debeziumPasswordReference(ctx: K8sContext): string {
  return `\${secrets:${ctx.target.namespace}/${k8sNames.secrets.mysqlDebezium}:${k8sNames.passwordKey}}`;
}

export function kafkaConnect(ctx: K8sContext): [CustomResource<unknown>, IRole, IRoleBinding] {
  const { names } = ctx.stack;
  const replication = ctx.target.kafka.replicationFactor;
  const connect: CustomResource<unknown> = {
    apiVersion: STRIMZI_API,
    kind: 'KafkaConnect',
    metadata: {
      name: k8sNames.connectCluster,
      labels: labels('connect'),
      // Connectors are KafkaConnector resources, not REST calls (Connect's REST API stays inside the cluster).
      annotations: { 'strimzi.io/use-connector-resources': 'true' },
    },
    spec: {
      version: version(ctx, 'KAFKA_VERSION'),
      replicas: 1,
      bootstrapServers: kafkaBootstrap,
      groupId: names.connectGroup,
      configStorageTopic: names.connectConfigsTopic,
      offsetStorageTopic: names.connectOffsetsTopic,
      statusStorageTopic: names.connectStatusTopic,
      config: {
        'config.storage.replication.factor': replication,
        'offset.storage.replication.factor': replication,
        'status.storage.replication.factor': replication,
        'key.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'value.converter': 'org.apache.kafka.connect.json.JsonConverter',
        'key.converter.schemas.enable': false,
        'value.converter.schemas.enable': false,
        // As in compose: source offsets every 5 s instead of 60 s, fewer replays after a crash.
        'offset.flush.interval.ms': 5000,
        // Secrets reach connector configs through Strimzi's Kubernetes config provider, never as text.
        // https://strimzi.io/docs/operators/latest/deploying#assembly-loading-config-with-providers-str
        'config.providers': 'secrets',
        'config.providers.secrets.class': 'io.strimzi.kafka.KubernetesSecretConfigProvider',
      },
      build: {
        output: {
          type: 'docker',
          image: `${ctx.target.connectImage}:${version(ctx, 'DEBEZIUM_VERSION')}`,
          ...(ctx.target.connectRegistryInsecure ? { additionalBuildOptions: ['--insecure'] } : {}),
        },
        plugins: [
          {
            name: `debezium-${ctx.stack.engine}`,
            // Debezium's connector and its dependencies, from Maven Central.
            artifacts: [{ type: 'maven', group: 'io.debezium', artifact: `debezium-connector-${ctx.stack.engine}`, version: version(ctx, 'DEBEZIUM_VERSION') }],
          },
        ],
      },
    },
  };
  // The config provider reads the Secret with Connect's service account: that one Secret, read only.
  const role: IRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: `${k8sNames.connectCluster}-secrets`, labels: labels('connect') },
    rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [k8sNames.secrets.mysqlDebezium], verbs: ['get'] }],
  };
  const binding: IRoleBinding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: `${k8sNames.connectCluster}-secrets`, labels: labels('connect') },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata!.name! },
    // Strimzi names Connect's service account <cluster>-connect.
    subjects: [{ kind: 'ServiceAccount', name: `${k8sNames.connectCluster}-connect`, namespace: ctx.target.namespace }],
  };
  return [connect, role, binding];
}

/** The KafkaConnector from kafka/connectors/<engine>.json, with the cluster's hosts and the password by reference. */
export function kafkaConnector(ctx: K8sContext): CustomResource<unknown> {
  const values = {
    ...ctx.values,
    ...derivedVariables(ctx.stack),
    ...connectorHostVariables({ databaseHost: k8sNames.mysql, databasePort: '3306', kafkaBootstrap }),
    CONNECTOR_DATABASE_PASSWORD: debeziumPasswordReference(ctx),
  };
  const rendered = renderConnector(ctx.connectorTemplate, values, `kafka/connectors/${ctx.stack.engine}.json`);
  // Strimzi takes the class and the task count as fields of the resource, not as config.
  const { 'connector.class': connectorClass, 'tasks.max': tasksMax, ...config } = rendered.config;
  return {
    apiVersion: STRIMZI_API,
    kind: 'KafkaConnector',
    metadata: { name: rendered.name, labels: { ...labels('connect'), ...clusterLabel(k8sNames.connectCluster) } },
    spec: { class: connectorClass, tasksMax: Number(tasksMax), config },
  };
}
