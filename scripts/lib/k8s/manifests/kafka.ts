/**
 * Kafka on Strimzi: a KRaft cluster (one node pool doing both roles), one KafkaTopic per
 * topic of kafka/topics.json, a KafkaConnect that Strimzi builds with the Debezium
 * plugin, and the connector rendered from the template the compose path registers.
 * https://strimzi.io/docs/operators/latest/deploying
 */
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { connectorHostVariables, derivedVariables, SAGA_SERVICES } from '../../config/stack-config.ts';
import { outboxVariables } from '../../connect/outbox-connectors.ts';
import { renderConnector, type ConnectorConfig } from '../../connect/render-connector.ts';
import { version, type K8sContext } from '../context.ts';
import { KAFKA_CLIENT_PORT, kafkaBootstrap, k8sNames, labels } from '../names.ts';
import { javaClientSaslSettings } from './kafka-access.ts';
import type { TopicSpec } from '../../config/kafka-topics.ts';
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
        // The one client listener: SCRAM-SHA-512 logins (kafka-access.ts), and Strimzi's own NetworkPolicy for the
        // brokers admits only the pods named here on it (Strimzi's operators use their own TLS listener).
        listeners: [
          {
            name: 'plain',
            port: KAFKA_CLIENT_PORT,
            type: 'internal',
            tls: false,
            authentication: { type: 'scram-sha-512' },
            networkPolicyPeers: kafkaClientPods().map((matchLabels) => ({ podSelector: { matchLabels } })),
          },
        ],
        authorization: { type: 'simple' },
        config: {
          // As in compose: topics come from the list in kafka/topics.json only (KafkaTopic below).
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
      // The topic operator turns the KafkaTopic resources into topics, the user operator the KafkaUsers into users and ACLs.
      entityOperator: { topicOperator: {}, userOperator: {} },
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
  return [...ctx.topics, ...outboxSchemaHistoryTopics(ctx)].map((topic) => ({
    apiVersion: STRIMZI_API,
    kind: 'KafkaTopic',
    // Topic names are valid object names here (lower case, digits, '.', '-'); spec.topicName keeps the exact one.
    metadata: { name: topic.name.toLowerCase(), labels: { ...labels('kafka'), ...clusterLabel(k8sNames.kafkaCluster) } },
    spec: { topicName: topic.name, partitions: topic.partitions, replicas: ctx.target.kafka.replicationFactor, config: topic.config },
  }));
}

/**
 * The schema-history topic of each outbox connector (`schema-history.<database>.<engine>`).
 * In compose Debezium creates it itself, being the only client; here the topic operator owns
 * every topic and Connect may create none, so each is a KafkaTopic, set like the catalog
 * connector's history topic of kafka/topics.json (one partition, kept forever).
 */
export function outboxSchemaHistoryTopics(ctx: K8sContext): TopicSpec[] {
  const catalogHistory = ctx.topics.find((topic) => topic.name === ctx.stack.names.schemaHistoryTopic);
  if (!catalogHistory) throw new Error(`kafka/topics.json has no topic ${ctx.stack.names.schemaHistoryTopic}: the outbox connectors' history topics copy its settings`);
  return SAGA_SERVICES.map((service) => ({ ...catalogHistory, name: outboxVariables(ctx.stack, service).OUTBOX_SCHEMA_HISTORY_TOPIC! }));
}

/** How the connector reads the Debezium password: Kafka's config provider, from the Secret, at run time. */
export function debeziumPasswordReference(ctx: K8sContext): string {
  return secretReference(ctx, k8sNames.secrets.mysqlDebezium, k8sNames.passwordKey);
}

/** `${secrets:<namespace>/<secret>:<key>}`: Strimzi's KubernetesSecretConfigProvider resolves it in Connect. */
function secretReference(ctx: K8sContext, secret: string, key: string): string {
  return `\${secrets:${ctx.target.namespace}/${secret}:${key}}`;
}

/**
 * Debezium's schema history has Kafka clients of its own that do not inherit the worker's login:
 * they get Connect's (the `sasl.jaas.config` of its KafkaUser Secret), by reference.
 * https://debezium.io/documentation/reference/stable/connectors/mysql.html#mysql-connector-schema-history-configuration-properties
 */
export function schemaHistoryLogin(ctx: K8sContext): Record<string, string> {
  const settings = javaClientSaslSettings(secretReference(ctx, k8sNames.kafkaUsers.connect, 'sasl.jaas.config'));
  return Object.fromEntries(
    ['producer', 'consumer'].flatMap((client) => Object.entries(settings).map(([key, value]) => [`schema.history.internal.${client}.${key}`, value])),
  );
}

/** The pods that may open the client listener: the search-indexer, the saga's services, and Connect's workers (labels Strimzi gives them). */
export function kafkaClientPods(): Array<Record<string, string>> {
  return [
    { 'app.kubernetes.io/name': k8sNames.searchIndexer },
    ...SAGA_SERVICES.map((service) => ({ 'app.kubernetes.io/name': k8sNames.sagaServices[service] })),
    connectPodLabels(),
  ];
}

export function connectPodLabels(): Record<string, string> {
  return { 'strimzi.io/cluster': k8sNames.connectCluster, 'strimzi.io/kind': 'KafkaConnect', 'strimzi.io/name': `${k8sNames.connectCluster}-connect` };
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
      // Its own KafkaUser (kafka-access.ts); the password is the Secret the User Operator writes.
      authentication: {
        type: 'scram-sha-512',
        username: k8sNames.kafkaUsers.connect,
        passwordSecret: { secretName: k8sNames.kafkaUsers.connect, password: k8sNames.passwordKey },
      },
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
  // The config provider reads Secrets with Connect's service account: the database password and Connect's own
  // Kafka login (the connector's schema history clients log in with it), read only.
  const role: IRole = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: `${k8sNames.connectCluster}-secrets`, labels: labels('connect') },
    rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [k8sNames.secrets.mysqlDebezium, k8sNames.kafkaUsers.connect], verbs: ['get'] }],
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

/** What every connector template reads on the cluster: the typed config's names, the cluster's hosts, the password by reference. */
function clusterConnectorValues(ctx: K8sContext): Record<string, string> {
  return {
    ...ctx.values,
    ...derivedVariables(ctx.stack),
    ...connectorHostVariables({ databaseHost: k8sNames.mysql, databasePort: '3306', kafkaBootstrap }),
    CONNECTOR_DATABASE_PASSWORD: debeziumPasswordReference(ctx),
  };
}

/** The KafkaConnector from kafka/connectors/<engine>.json, with the cluster's hosts and the password by reference. */
export function kafkaConnector(ctx: K8sContext): CustomResource<unknown> {
  return connectorResource(ctx, renderConnector(ctx.connectorTemplate, clusterConnectorValues(ctx), `kafka/connectors/${ctx.stack.engine}.json`));
}

/**
 * One KafkaConnector per saga service database (issue 20), from kafka/connectors/outbox-<engine>.json as
 * `up` registers them (scripts/lib/connect/outbox-connectors.ts): only `<database>.outbox`, through
 * Debezium's outbox event router into the saga's topics.
 */
export function outboxConnectors(ctx: K8sContext): CustomResource<unknown>[] {
  const label = `kafka/connectors/outbox-${ctx.stack.engine}.json`;
  return SAGA_SERVICES.map((service) =>
    connectorResource(ctx, renderConnector(ctx.outboxConnectorTemplate, { ...clusterConnectorValues(ctx), ...outboxVariables(ctx.stack, service) }, label)),
  );
}

/** Date search's change capture of the inventory (issue 21), from kafka/connectors/inventory-<engine>.json as `up` registers it. */
export function availabilityConnector(ctx: K8sContext): CustomResource<unknown> {
  return connectorResource(ctx, renderConnector(ctx.availabilityConnectorTemplate, clusterConnectorValues(ctx), `kafka/connectors/inventory-${ctx.stack.engine}.json`));
}

function connectorResource(ctx: K8sContext, rendered: ConnectorConfig): CustomResource<unknown> {
  // Strimzi takes the class and the task count as fields of the resource, not as config.
  const { 'connector.class': connectorClass, 'tasks.max': tasksMax, ...config } = rendered.config;
  return {
    apiVersion: STRIMZI_API,
    kind: 'KafkaConnector',
    metadata: { name: rendered.name, labels: { ...labels('connect'), ...clusterLabel(k8sNames.connectCluster) } },
    spec: { class: connectorClass, tasksMax: Number(tasksMax), config: { ...config, ...schemaHistoryLogin(ctx) } },
  };
}
