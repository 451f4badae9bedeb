/**
 * The committed k8s/ manifests agree with the compose stack: versions, topics, the
 * connector and HAProxy's timeouts. Each side is read from its own file, so a change on
 * one side without `npm run k8s:generate` fails here, in `npm test`, before `k8s:check`.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_DRAIN_TIMEOUT_MS } from '../../../services/catalog-api/contract.ts';
import { loadOutboxConnectors } from '../../../scripts/lib/connect/outbox-connectors.ts';
import { loadAvailabilityConnector } from '../../../scripts/lib/connect/availability-connector.ts';
import { loadConnector, type ConnectorConfig } from '../../../scripts/lib/connect/render-connector.ts';
import { derivedVariables, SAGA_PASSWORD_VARIABLES, stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { exampleValues } from '../static/tools.ts';
import { committedDoc, committedDocs, committedFile, committedTargets, pinnedVersions, repoFile } from './committed.ts';

const versions = pinnedVersions();

/**
 * compose.yaml's environment of a service, merge keys applied and every `${VAR…}` replaced as
 * Compose would with the example configuration and the names the typed config derives.
 */
function composeEnvironmentOf(service: string): Record<string, string> {
  const compose = parse(repoFile('compose', 'compose.yaml'), { merge: true }) as { services: Record<string, { environment?: Record<string, unknown> }> };
  const values: Record<string, string> = { ...exampleValues(), ...derivedVariables(stackConfigOf(exampleValues())) };
  const interpolate = (text: string): string =>
    text.replace(/\$\{([A-Z_][A-Z0-9_]*)(?:(:?[-?])((?:[^{}]|\{[^{}]*\})*))?\}/g, (_, name: string, operator: string | undefined, rest: string | undefined): string => {
      const value = values[name];
      const empty = value === undefined || (operator?.startsWith(':') && value === '');
      if (!empty) return value!;
      if (operator?.endsWith('-')) return interpolate(rest ?? '');
      if (operator?.endsWith('?')) throw new Error(`compose.yaml needs ${name} for ${service}: ${rest}`);
      return '';
    });
  const environment = compose.services[service]?.environment;
  if (!environment) throw new Error(`compose.yaml has no environment for ${service}`);
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, interpolate(String(value))]));
}

/** A container's env in a committed manifest: a value, or `secret` for one taken from a Secret or the pod. */
function manifestEnvironmentOf(target: string, file: string, kind: string): Record<string, string> {
  const doc = committedDoc(target, file, kind);
  const env = doc.spec.template.spec.containers[0].env as Array<{ name: string; value?: string; valueFrom?: unknown }>;
  return Object.fromEntries(env.map((variable) => [variable.name, variable.valueFrom === undefined ? String(variable.value) : 'from the cluster']));
}

/**
 * Each service's environment, once per side. A variable is either in both with the same
 * value, or named here with the reason it differs: the cluster's own addresses, users and
 * secrets, or a setting only Kubernetes needs.
 */
const SERVICES = [
  {
    compose: 'catalog-api-1',
    manifest: ['catalog-api.yaml', 'Deployment'],
    // Where the cluster puts things (the ingress host is the page's origin; the pod names itself).
    placedByCluster: ['SERVICE_NAME', 'MYSQL_HOST', 'MYSQL_PASSWORD', 'ELASTICSEARCH_URL', 'CORS_ORIGINS'],
    // The cluster's Elasticsearch has a user per service; the pod's grace period is sized from the drain timeout.
    onlyOnKubernetes: { ELASTICSEARCH_USERNAME: 'from the cluster', ELASTICSEARCH_PASSWORD: 'from the cluster', DRAIN_TIMEOUT_MS: String(DEFAULT_DRAIN_TIMEOUT_MS) },
  },
  {
    compose: 'search-indexer',
    manifest: ['search-indexer.yaml', 'Deployment'],
    placedByCluster: ['KAFKA_BROKERS', 'ELASTICSEARCH_URL'],
    // The cluster's Kafka and Elasticsearch authenticate every client (kafka-access.ts, elasticsearch-access.ts).
    onlyOnKubernetes: { KAFKA_SASL_USERNAME: 'search-indexer', KAFKA_SASL_PASSWORD: 'from the cluster', ELASTICSEARCH_USERNAME: 'from the cluster', ELASTICSEARCH_PASSWORD: 'from the cluster' },
  },
  // The saga's services (issue 20). Everywhere: the cluster's MySQL host and the account's password from its
  // Secret; the broker's bootstrap Service, and a KafkaUser per service, as the cluster's Kafka authenticates
  // every client (kafka-access.ts). booking calls gRPC through the internal load balancer's Service in the
  // controller namespace instead of haproxy:50051 (names.ts, internalIngress).
  {
    compose: 'inventory',
    manifest: ['inventory.yaml', 'Deployment'],
    placedByCluster: ['MYSQL_HOST', 'MYSQL_PASSWORD', 'KAFKA_BROKERS'],
    onlyOnKubernetes: { KAFKA_SASL_USERNAME: 'inventory', KAFKA_SASL_PASSWORD: 'from the cluster' },
  },
  {
    compose: 'payment',
    manifest: ['payment.yaml', 'Deployment'],
    placedByCluster: ['MYSQL_HOST', 'MYSQL_PASSWORD', 'KAFKA_BROKERS'],
    onlyOnKubernetes: { KAFKA_SASL_USERNAME: 'payment', KAFKA_SASL_PASSWORD: 'from the cluster' },
  },
  {
    compose: 'booking',
    manifest: ['booking.yaml', 'Deployment'],
    placedByCluster: ['MYSQL_HOST', 'MYSQL_PASSWORD', 'KAFKA_BROKERS', 'GRPC_URL', 'CORS_ORIGINS'],
    onlyOnKubernetes: { KAFKA_SASL_USERNAME: 'booking', KAFKA_SASL_PASSWORD: 'from the cluster' },
  },
  {
    compose: 'db-setup',
    manifest: ['db-setup.yaml', 'Job'],
    placedByCluster: ['MYSQL_HOST', 'MYSQL_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'DEBEZIUM_DB_PASSWORD', ...SAGA_PASSWORD_VARIABLES],
    onlyOnKubernetes: {},
  },
] as const;

describe.each(committedTargets)('k8s/%s agrees with the compose stack', (target) => {
  it('runs the versions pinned in compose/versions.env', () => {
    expect(committedDoc(target, 'kafka.yaml', 'Kafka').spec.kafka.version).toBe(versions.KAFKA_VERSION);
    const connect = committedDoc(target, 'kafka-connect.yaml', 'KafkaConnect');
    expect(connect.spec.version).toBe(versions.KAFKA_VERSION);
    expect(connect.spec.build.plugins[0].artifacts[0].version).toBe(versions.DEBEZIUM_VERSION);
    expect(connect.spec.build.output.image).toMatch(new RegExp(`:${versions.DEBEZIUM_VERSION}$`));
    expect(committedDoc(target, 'elasticsearch.yaml', 'Elasticsearch').spec.version).toBe(versions.ELASTICSEARCH_VERSION);
    const mysql = committedDoc(target, 'mysql.yaml', 'StatefulSet');
    expect(mysql.spec.template.spec.containers[0].image).toBe(`mysql:${versions.MYSQL_VERSION}`);
  });

  it('creates exactly the topics of kafka/topics.json, with its partitions and settings', () => {
    const names = derivedVariables(stackConfigOf(exampleValues()));
    // The file read here on its own, not through the generator's reader: each name a "${VAR}".
    const listed = (JSON.parse(repoFile('kafka', 'topics.json')) as { topics: { name: string; partitions: number; config: Record<string, string> }[] }).topics;
    expect(listed.length).toBeGreaterThan(3);
    const fromInit = listed.map(({ name, partitions, config }) => ({
      topicName: names[/^\$\{([A-Z_]+)\}$/.exec(name)![1]!],
      partitions,
      config,
    }));
    // Plus, on the cluster only, each outbox connector's schema history: in compose Debezium creates it itself,
    // here the topic operator owns every topic and Connect may create none. Set as the catalog's history topic.
    const catalogHistory = fromInit.find((topic) => topic.topicName === names.SCHEMA_HISTORY_TOPIC)!;
    const outboxHistories = loadOutboxConnectors(stackConfigOf(exampleValues())).map((connector) => ({ ...catalogHistory, topicName: connector.config['schema.history.internal.kafka.topic'] }));
    expect(outboxHistories.map((topic) => topic.topicName)).toEqual(['schema-history.inventory.mysql', 'schema-history.payments.mysql', 'schema-history.bookings.mysql']);
    const topics = committedDocs(target, 'kafka-topics.yaml').map((doc) => ({ topicName: doc.spec.topicName, partitions: doc.spec.partitions, config: doc.spec.config }));
    expect(topics).toEqual([...fromInit, ...outboxHistories]);
  });

  const values = { ...exampleValues(), DEBEZIUM_DB_PASSWORD: 'compose-secret' };
  const composeConnectors = [loadConnector(stackConfigOf(values)), loadAvailabilityConnector(stackConfigOf(values)), ...loadOutboxConnectors(stackConfigOf(values))];

  it('registers exactly the connectors compose registers: the catalog, the inventory (date search) and one outbox connector per saga database', () => {
    expect(committedDocs(target, 'kafka-connect.yaml').filter((doc) => doc.kind === 'KafkaConnector').map((doc) => doc.metadata.name)).toEqual(
      composeConnectors.map((connector) => connector.name),
    );
  });

  it.each(composeConnectors.map((connector) => [connector.name, connector] as [string, ConnectorConfig]))('registers %s as compose does, with the cluster hosts and the password by reference only', (name, compose) => {
    const k8s = committedDoc(target, 'kafka-connect.yaml', 'KafkaConnector', name);
    expect(k8s.metadata.name).toBe(compose.name);
    const { 'connector.class': connectorClass, 'tasks.max': tasksMax, ...composeConfig } = compose.config;
    expect(k8s.spec.class).toBe(connectorClass);
    expect(String(k8s.spec.tasksMax)).toBe(tasksMax);
    const hostKeys = ['database.hostname', 'database.port', 'schema.history.internal.kafka.bootstrap.servers', 'database.password'];
    // The cluster's Kafka authenticates every client: the schema history's own clients log in (kafka.ts).
    const loginKey = /^schema\.history\.internal\.(producer|consumer)\.(security\.protocol|sasl\.mechanism|sasl\.jaas\.config)$/;
    const without = (config: Record<string, string>) => Object.fromEntries(Object.entries(config).filter(([key]) => !hostKeys.includes(key) && !loginKey.test(key)));
    expect(without(k8s.spec.config)).toEqual(without(composeConfig));
    expect(k8s.spec.config['database.hostname']).toBe(committedDoc(target, 'mysql.yaml', 'Service').metadata.name);
    expect(k8s.spec.config['schema.history.internal.kafka.bootstrap.servers']).toBe(`${committedDoc(target, 'kafka.yaml', 'Kafka').metadata.name}-kafka-bootstrap:9092`);
    // Kafka's config provider resolves it in Connect; the manifest holds only the reference.
    expect(k8s.spec.config['database.password']).toMatch(/^\$\{secrets:[a-z0-9-]+\/[a-z0-9-]+:[a-z]+\}$/);
    for (const client of ['producer', 'consumer']) {
      expect(k8s.spec.config[`schema.history.internal.${client}.sasl.jaas.config`]).toMatch(/^\$\{secrets:[a-z0-9-]+\/[a-z0-9-]+:sasl\.jaas\.config\}$/);
    }
    const connect = committedDoc(target, 'kafka-connect.yaml', 'KafkaConnect');
    expect(connect.spec.config['config.providers']).toBe('secrets');
    expect(connect.spec.config['config.providers.secrets.class']).toBe('io.strimzi.kafka.KubernetesSecretConfigProvider');
  });

  it.each(SERVICES)("gives $compose compose.yaml's environment: every variable, with its value unless the cluster places it", ({ compose, manifest, placedByCluster, onlyOnKubernetes }) => {
    const fromCompose = composeEnvironmentOf(compose);
    const fromManifest = manifestEnvironmentOf(target, manifest[0], manifest[1]);
    const placed = new Set<string>(placedByCluster);
    const comparable = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).map(([name, value]) => [name, placed.has(name) ? 'placed by the cluster' : value]));
    expect(comparable(fromManifest)).toEqual(comparable({ ...fromCompose, ...onlyOnKubernetes }));
  });

  it("limits booking lookups with the lines of haproxy.cfg's booking backend, and routes gRPC by the proto's service names", () => {
    const cfg = repoFile('haproxy', 'haproxy.cfg');
    const booking = cfg.slice(cfg.indexOf('\nbackend booking'), cfg.indexOf('\n\n', cfg.indexOf('\nbackend booking')));
    const snippet = committedDocs(target, 'ingress.yaml').find((i) => i.spec.rules[0].http.paths[0].path === '/api/bookings')!.metadata.annotations!['haproxy.org/backend-config-snippet']!;
    const lines = snippet.trim().split('\n');
    expect(lines.length).toBe(8);
    for (const line of lines) expect(booking, line).toContain(`    ${line}\n`);
    // haproxy.cfg's internal frontend routes /inventory.v1.* and /payment.v1.*; the cluster routes each proto service.
    const paths = committedDocs(target, 'grpc-ingress.yaml').map((i) => i.spec.rules[0].http.paths[0].path);
    for (const [file, path] of [['inventory', '/inventory.v1.InventoryService'], ['payment', '/payment.v1.PaymentService']]) {
      const proto = repoFile('proto', file!, 'v1', `${file}.proto`);
      const [, pkg] = /^package (\S+);/m.exec(proto)!;
      const [, name] = /^service (\S+) \{/m.exec(proto)!;
      expect(paths).toContain(`/${pkg}.${name}`);
      expect(path).toBe(`/${pkg}.${name}`);
      expect(cfg).toContain(`path_beg /${pkg}.`);
    }
  });

  it("routes a hotel's rooms to booking by haproxy.cfg's own pattern, and no other /api/hotels path", () => {
    const cfg = repoFile('haproxy', 'haproxy.cfg');
    const rule = cfg.split('\n').map((line) => line.trim()).find((line) => line.startsWith('use_backend booking if { path_reg '))!;
    const [, pattern] = /path_reg (\S+) \}/.exec(rule)!;
    const rooms = committedDoc(target, 'booking.yaml', 'Service', 'booking-rooms');
    expect(rooms.metadata.annotations!['haproxy.org/route-acl']).toBe(`path_reg ${pattern}`);
    // The Ingress prefix must cover every path the pattern matches, or the controller never tries the ACL.
    const ingress = committedDocs(target, 'ingress.yaml').find((i) => i.spec.rules[0].http.paths[0].backend.service.name === 'booking-rooms')!;
    const prefix = ingress.spec.rules[0].http.paths[0].path;
    const acl = new RegExp(pattern!);
    for (const path of ['/api/hotels/1/rooms', '/api/hotels/4711/rooms']) {
      expect(acl.test(path), path).toBe(true);
      expect(path.startsWith(`${prefix}/`), path).toBe(true);
    }
    for (const path of ['/api/hotels', '/api/hotels/12', '/api/hotels/12/rooms/3', '/api/hotels/x/rooms']) expect(acl.test(path), path).toBe(false);
  });

  it('runs MySQL with the server flags of compose.yaml', () => {
    const compose = parse(repoFile('compose', 'compose.yaml')) as { services: { mysql: { command: string[] } } };
    const mysql = committedDoc(target, 'mysql.yaml', 'StatefulSet');
    expect(mysql.spec.template.spec.containers[0].args).toEqual(compose.services.mysql.command);
    expect(compose.services.mysql.command).toContain('--binlog-format=ROW');
  });

  it("gives the ingress haproxy.cfg's timeouts and health-check interval", () => {
    const cfg = repoFile('haproxy', 'haproxy.cfg');
    const defaults = cfg.slice(cfg.indexOf('\ndefaults'), cfg.indexOf('\nfrontend'));
    const timeout = (name: string) => new RegExp(`^\\s+timeout ${name} (\\S+)$`, 'm').exec(defaults)?.[1];
    const values = parse(committedFile(target, 'helm/haproxy-ingress-values.yaml')) as { controller: { config: Record<string, string> } };
    for (const name of ['connect', 'client', 'server', 'http-request', 'http-keep-alive', 'queue', 'check']) {
      expect(timeout(name), `timeout ${name} in haproxy.cfg`).toMatch(/^\d+m?s$/);
      expect(values.controller.config[`timeout-${name}`], `timeout-${name}`).toBe(timeout(name));
    }
    for (const ingress of committedDocs(target, 'ingress.yaml')) {
      expect(ingress.metadata.annotations!['haproxy.org/timeout-server']).toBe(timeout('server'));
      expect(ingress.metadata.annotations!['haproxy.org/timeout-check']).toBe(timeout('check'));
    }
    for (const ingress of committedDocs(target, 'grpc-ingress.yaml')) expect(ingress.metadata.annotations!['haproxy.org/timeout-server']).toBe(timeout('server'));
    const internal = parse(committedFile(target, 'helm/haproxy-internal-values.yaml')) as { controller: { config: Record<string, string> } };
    for (const name of ['connect', 'client', 'server', 'http-request', 'http-keep-alive', 'queue', 'check']) expect(internal.controller.config[`timeout-${name}`]).toBe(timeout(name));
    const inter = /default-server .*\binter (\S+)/.exec(defaults)?.[1];
    expect(committedDoc(target, 'catalog-api.yaml', 'Service').metadata.annotations!['haproxy.org/check-interval']).toBe(inter);
  });
});

it('the Java validator checks against the Strimzi release compose/versions.env pins', () => {
  expect(/<strimzi\.api\.version>([^<]+)</.exec(repoFile('k8s', 'validate', 'pom.xml'))?.[1]).toBe(versions.STRIMZI_VERSION);
});
