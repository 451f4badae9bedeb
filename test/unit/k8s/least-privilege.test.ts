/**
 * Who may log in where on the cluster, read from the committed manifests: every service has its
 * own Elasticsearch user and Kafka user with only what its code uses, and NetworkPolicies allow
 * exactly the paths the compose stack uses.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { passwordSecrets } from '../../../scripts/lib/k8s/secrets.ts';
import { targets } from '../../../scripts/lib/k8s/targets.ts';
import { committedDoc, committedDocs, committedTargets, type Doc } from './committed.ts';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}

const WORKLOAD_FILES = ['catalog-api.yaml', 'search-indexer.yaml', 'web.yaml', 'mysql.yaml', 'db-setup.yaml', 'inventory.yaml', 'payment.yaml', 'booking.yaml'];
const POD_KINDS = ['Deployment', 'StatefulSet', 'Job'];

function workloads(target: string): Doc[] {
  return WORKLOAD_FILES.flatMap((file) => committedDocs(target, file)).filter((doc) => POD_KINDS.includes(doc.kind));
}

const envOf = (doc: Doc): EnvVar[] => doc.spec.template.spec.containers.flatMap((c: { env?: EnvVar[] }) => c.env ?? []);
const matches = (selector: Record<string, string>, podLabels: Record<string, string>) => Object.entries(selector).every(([k, v]) => podLabels[k] === v);

describe.each(committedTargets)('k8s/%s: least-privilege logins', (target) => {
  const es = committedDoc(target, 'elasticsearch.yaml', 'Elasticsearch');
  type Roles = Record<string, { cluster: string[]; indices: Array<{ names: string[]; privileges: string[] }> }>;
  const rolesSecret = () => committedDoc(target, 'elasticsearch.yaml', 'Secret') as unknown as { metadata: { name: string }; stringData: Record<string, string> };

  it('no service logs in to Elasticsearch as elastic: each has its own file-realm user', () => {
    const fileRealm = (es.spec.auth?.fileRealm ?? []).map((s: { secretName: string }) => s.secretName);
    const users = workloads(target).filter((doc) => envOf(doc).some((e) => e.name === 'ELASTICSEARCH_URL'));
    expect(users.map((doc) => doc.metadata.name).sort()).toEqual(['catalog-api', 'search-indexer']);
    for (const doc of users) {
      const env = envOf(doc);
      expect(env.find((e) => e.name === 'ELASTICSEARCH_URL')!.value, doc.metadata.name).not.toMatch(/\/\/elastic:/);
      expect(env.filter((e) => e.valueFrom?.secretKeyRef?.name.endsWith('-es-elastic-user')), doc.metadata.name).toEqual([]);
      const username = env.find((e) => e.name === 'ELASTICSEARCH_USERNAME')?.valueFrom?.secretKeyRef;
      expect(username, `${doc.metadata.name} reads its user from a Secret`).toBeDefined();
      expect(fileRealm, `${doc.metadata.name}'s Secret is in the file realm`).toContain(username!.name);
    }
    expect(new Set(users.map((doc) => envOf(doc).find((e) => e.name === 'ELASTICSEARCH_USERNAME')!.valueFrom!.secretKeyRef!.name)).size).toBe(2);
  });

  it('each Elasticsearch role reaches only the search aliases (hotels, availability) and their indices; catalog-api only reads', () => {
    expect(es.spec.auth.roles).toEqual([{ secretName: rolesSecret().metadata.name }]);
    const roles = parse(rolesSecret().stringData['roles.yml']!) as Roles;
    const apiEnv = envOf(workloads(target).find((d) => d.metadata.name === 'catalog-api')!);
    const alias = apiEnv.find((e) => e.name === 'SEARCH_INDEX')!.value!;
    const availability = apiEnv.find((e) => e.name === 'AVAILABILITY_INDEX')!.value!;
    expect(Object.keys(roles).sort()).toEqual(['booking-catalog-api', 'booking-search-indexer']);
    expect(roles['booking-catalog-api']).toEqual({ cluster: ['monitor'], indices: [{ names: [alias, availability], privileges: ['read'] }] });
    for (const role of Object.values(roles)) {
      expect(role.cluster).not.toContain('all');
      expect(role.cluster).not.toContain('manage');
      for (const entry of role.indices) for (const name of entry.names) expect(name.startsWith(alias) || name.startsWith(availability), name).toBe(true);
    }
    // The users k8s:secrets writes carry exactly these roles.
    const secrets = passwordSecrets(targets[target], () => 'x').filter((s) => s.type === 'kubernetes.io/basic-auth');
    expect(secrets.map((s) => s.stringData!.roles).sort()).toEqual(Object.keys(roles).sort());
  });

  it("every KafkaUser's ACL topics exist in the topic list, and its groups are the stack's", () => {
    const topics = new Set(committedDocs(target, 'kafka-topics.yaml').map((doc) => doc.spec.topicName));
    const users = committedDocs(target, 'kafka-users.yaml');
    expect(users.map((u) => u.metadata.name).sort()).toEqual(['booking', 'booking-connect', 'inventory', 'payment', 'search-indexer']);
    const indexer = committedDoc(target, 'search-indexer.yaml', 'Deployment');
    const connect = committedDoc(target, 'kafka-connect.yaml', 'KafkaConnect');
    const connectors = committedDocs(target, 'kafka-connect.yaml').filter((doc) => doc.kind === 'KafkaConnector');
    const consumerGroups = ['search-indexer.yaml', 'inventory.yaml', 'payment.yaml', 'booking.yaml'].map((file) => envOf(committedDoc(target, file, 'Deployment')).find((e) => e.name === 'CONSUMER_GROUP')!.value);
    const availabilityGroup = envOf(indexer).find((e) => e.name === 'AVAILABILITY_CONSUMER_GROUP')!.value;
    const groups = new Set([...consumerGroups, availabilityGroup, connect.spec.groupId, ...connectors.map((connector) => `${connector.spec.config['topic.prefix']}-schemahistory`)]);
    for (const user of users) {
      expect(user.spec.authentication.type).toBe('scram-sha-512');
      for (const acl of user.spec.authorization.acls) {
        expect(acl.resource.patternType, `${user.metadata.name}: no prefix or wildcard ACL`).toBe('literal');
        expect(acl.resource.name).not.toBe('*');
        if (acl.resource.type === 'topic') expect(topics.has(acl.resource.name), `${user.metadata.name}: topic ${acl.resource.name}`).toBe(true);
        else expect(acl.resource.type === 'group' && groups.has(acl.resource.name), `${user.metadata.name}: group ${acl.resource.name}`).toBe(true);
      }
    }
    const indexerAcls = users.find((u) => u.metadata.name === 'search-indexer')!.spec.authorization.acls;
    const cdc = envOf(indexer).find((e) => e.name === 'CDC_TOPIC')!.value;
    const dlq = envOf(indexer).find((e) => e.name === 'DLQ_TOPIC')!.value;
    expect(indexerAcls.map((a: { resource: { name: string }; operations: string[] }) => `${a.resource.name}:${a.operations.join('+')}`).sort()).toEqual(
      [
        `${cdc}:Read+Describe`,
        `${dlq}:Write+Describe+DescribeConfigs`,
        `${envOf(indexer).find((e) => e.name === 'CONSUMER_GROUP')!.value}:Read+Describe`,
        // Date search's pipeline (issue 21): the inventory's change topics in its own group.
        ...['ROOM_TYPES_TOPIC', 'ROOM_NIGHTS_TOPIC', 'AVAILABILITY_CONSUMER_GROUP'].map((name) => `${envOf(indexer).find((e) => e.name === name)!.value}:Read+Describe`),
      ].sort(),
    );
  });

  it('each saga service consumes only its own topics in its own group, and writes only dead letters; Connect writes the saga topics', () => {
    const users = committedDocs(target, 'kafka-users.yaml');
    const aclsOf = (user: string) =>
      users
        .find((u) => u.metadata.name === user)!
        .spec.authorization.acls.map((a: { resource: { type: string; name: string }; operations: string[] }) => `${a.resource.type} ${a.resource.name}:${a.operations.join('+')}`)
        .sort();
    const dlq = 'topic saga.mysql.dlq:Write+Describe+DescribeConfigs';
    expect(aclsOf('inventory')).toEqual(['group inventory-mysql:Read+Describe', 'topic saga.mysql.inventory.commands:Read+Describe', dlq].sort());
    expect(aclsOf('payment')).toEqual(['group payment-mysql:Read+Describe', 'topic saga.mysql.payment.commands:Read+Describe', dlq].sort());
    expect(aclsOf('booking')).toEqual(['group booking-mysql:Read+Describe', 'topic saga.mysql.inventory.replies:Read+Describe', 'topic saga.mysql.payment.replies:Read+Describe', dlq].sort());
    const connect = aclsOf('booking-connect');
    for (const type of ['inventory.commands', 'inventory.replies', 'payment.commands', 'payment.replies']) expect(connect).toContain(`topic saga.mysql.${type}:Write+Describe`);
    for (const service of ['inventory', 'payment', 'booking']) {
      const env = envOf(committedDoc(target, `${service}.yaml`, 'Deployment'));
      expect(env.find((e) => e.name === 'KAFKA_SASL_USERNAME')!.value).toBe(service);
      expect(env.find((e) => e.name === 'KAFKA_SASL_PASSWORD')!.valueFrom!.secretKeyRef).toEqual({ name: service, key: 'password' });
      // Its own database account, its password from the Secret k8s:secrets makes.
      const database = { inventory: 'inventory', payment: 'payments', booking: 'bookings' }[service]!;
      expect(env.find((e) => e.name === 'MYSQL_USER')!.value).toBe(database);
      expect(env.find((e) => e.name === 'MYSQL_PASSWORD')!.valueFrom!.secretKeyRef).toEqual({ name: `booking-mysql-${database}`, key: 'password' });
      expect(passwordSecrets(targets[target], () => 'x').map((secret) => secret.metadata!.name)).toContain(`booking-mysql-${database}`);
    }
  });

  it('Kafka authenticates and authorizes every client, and each service logs in as its own user', () => {
    const kafka = committedDoc(target, 'kafka.yaml', 'Kafka');
    for (const listener of kafka.spec.kafka.listeners) expect(listener.authentication?.type, listener.name).toBe('scram-sha-512');
    expect(kafka.spec.kafka.authorization.type).toBe('simple');
    expect(kafka.spec.entityOperator.userOperator).toBeDefined();
    const indexerEnv = envOf(committedDoc(target, 'search-indexer.yaml', 'Deployment'));
    expect(indexerEnv.find((e) => e.name === 'KAFKA_SASL_USERNAME')!.value).toBe('search-indexer');
    expect(indexerEnv.find((e) => e.name === 'KAFKA_SASL_PASSWORD')!.valueFrom!.secretKeyRef).toEqual({ name: 'search-indexer', key: 'password' });
    const connect = committedDoc(target, 'kafka-connect.yaml', 'KafkaConnect');
    expect(connect.spec.authentication).toEqual({ type: 'scram-sha-512', username: 'booking-connect', passwordSecret: { secretName: 'booking-connect', password: 'password' } });
  });
});

describe.each(committedTargets)('k8s/%s: NetworkPolicies', (target) => {
  const policies = () => committedDocs(target, 'network-policies.yaml');
  // The pods the operators run, by the labels they give them (ECK, Strimzi).
  const operatorPods: Record<string, Record<string, string>> = {
    elasticsearch: { 'elasticsearch.k8s.elastic.co/cluster-name': 'booking' },
    connect: { 'strimzi.io/cluster': 'booking-connect', 'strimzi.io/kind': 'KafkaConnect', 'strimzi.io/name': 'booking-connect-connect' },
  };
  const pods = (): Record<string, Record<string, string>> => ({
    ...Object.fromEntries(workloads(target).map((doc) => [doc.metadata.name, doc.spec.template.metadata.labels])),
    ...operatorPods,
  });
  const nameOf = (peer: { podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: { matchLabels: Record<string, string> } }): string => {
    if (peer.namespaceSelector && peer.podSelector?.matchLabels['app.kubernetes.io/instance']) return `${peer.podSelector.matchLabels['app.kubernetes.io/instance']} in namespace ${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}`;
    if (peer.namespaceSelector) return `namespace ${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}`;
    const found = Object.entries(pods()).filter(([, labels]) => matches(peer.podSelector!.matchLabels, labels)).map(([name]) => name);
    return found.length ? found.join('|') : JSON.stringify(peer.podSelector!.matchLabels);
  };

  it('a NetworkPolicy selects every pod (the brokers: Strimzi, limited to the listed peers)', () => {
    for (const [name, labels] of Object.entries(pods())) {
      expect(policies().filter((p) => matches(p.spec.podSelector.matchLabels, labels)).length, name).toBeGreaterThan(0);
    }
    const peers = committedDoc(target, 'kafka.yaml', 'Kafka').spec.kafka.listeners.flatMap((l: { networkPolicyPeers?: object[] }) => l.networkPolicyPeers ?? []);
    expect(peers.map(nameOf).sort()).toEqual(['booking', 'connect', 'inventory', 'payment', 'search-indexer']);
  });

  it('allows exactly the paths the compose stack uses', () => {
    const edges = policies().flatMap((policy) => {
      const self = nameOf({ podSelector: policy.spec.podSelector });
      const ingress = (policy.spec.ingress ?? []).flatMap((rule: { from: object[]; ports: Array<{ port: number }> }) =>
        rule.from.flatMap((peer) => rule.ports.map((port) => `${nameOf(peer as never)} → ${self}:${port.port}`)),
      );
      const egress = (policy.spec.egress ?? []).flatMap((rule: { to?: object[]; ports: Array<{ port: number }> }) =>
        (rule.to ?? [{ any: true }]).flatMap((peer) => rule.ports.map((port) => `${self} → ${'any' in peer ? 'any' : nameOf(peer as never)}:${port.port}`)),
      );
      return [...ingress, ...egress];
    });
    const dns = (from: string) => [`${from} → namespace kube-system:53`, `${from} → namespace kube-system:53`];
    expect(edges.sort()).toEqual(
      [
        'namespace haproxy-controller → web:8080',
        'namespace haproxy-controller → catalog-api:3000',
        'catalog-api → mysql:3306',
        'catalog-api → elasticsearch:9200',
        ...dns('catalog-api'),
        'search-indexer → JSON:9092',
        'search-indexer → elasticsearch:9200',
        ...dns('search-indexer'),
        'db-setup → mysql:3306',
        ...dns('db-setup'),
        'catalog-api → mysql:3306',
        'db-setup → mysql:3306',
        'connect → mysql:3306',
        'catalog-api → elasticsearch:9200',
        'search-indexer → elasticsearch:9200',
        'namespace elastic-system → elasticsearch:9200',
        'elasticsearch → elasticsearch:9300',
        'elasticsearch → elasticsearch:9300',
        ...dns('elasticsearch'),
        'connect → mysql:3306',
        // The saga (issue 20): the internal load balancer calls the participants' gRPC, booking calls it.
        'haproxy-internal in namespace haproxy-controller → inventory:50051',
        'inventory → mysql:3306',
        'inventory → JSON:9092',
        ...dns('inventory'),
        'haproxy-internal in namespace haproxy-controller → payment:50051',
        'payment → mysql:3306',
        'payment → JSON:9092',
        ...dns('payment'),
        'namespace haproxy-controller → booking:3000',
        'booking → mysql:3306',
        'booking → JSON:9092',
        'booking → haproxy-internal in namespace haproxy-controller:8080',
        ...dns('booking'),
        'inventory → mysql:3306',
        'payment → mysql:3306',
        'booking → mysql:3306',
        'connect → JSON:9092',
        'connect → connect:8083',
        'connect → any:443',
        'connect → any:6443',
        ...dns('connect'),
      ]
        .map((edge) => edge.replace('JSON', JSON.stringify({ 'strimzi.io/cluster': 'booking', 'strimzi.io/broker-role': 'true' })))
        .sort(),
    );
  });
});
