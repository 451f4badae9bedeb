/**
 * The committed k8s/ manifests agree with the compose stack: versions, topics, the
 * connector and HAProxy's timeouts. Each side is read from its own file, so a change on
 * one side without `npm run k8s:generate` fails here, in `npm test`, before `k8s:check`.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConnector } from '../../../scripts/lib/connect/render-connector.ts';
import { derivedVariables, stackConfigOf } from '../../../scripts/lib/config/stack-config.ts';
import { exampleValues } from '../static/tools.ts';
import { committedDoc, committedDocs, committedFile, committedTargets, pinnedVersions, repoFile } from './committed.ts';

const versions = pinnedVersions();

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

  it('creates exactly the topics of kafka/init/init.sh, with its partitions and settings', () => {
    const names = derivedVariables(stackConfigOf(exampleValues()));
    // init.sh's lines, read here with their own regex: "${VAR}|partitions|key=value,..."
    const initLines = [...repoFile('kafka', 'init', 'init.sh').matchAll(/^\s*"\$\{([A-Z_]+)\}\|(\d+)\|([^"]*)"\s*$/gm)];
    expect(initLines.length).toBeGreaterThan(3);
    const fromInit = initLines.map(([, variable, partitions, config]) => ({
      topicName: names[variable!],
      partitions: Number(partitions),
      config: Object.fromEntries(config!.split(',').map((pair) => pair.split('=') as [string, string])),
    }));
    const topics = committedDocs(target, 'kafka-topics.yaml').map((doc) => ({ topicName: doc.spec.topicName, partitions: doc.spec.partitions, config: doc.spec.config }));
    expect(topics).toEqual(fromInit);
  });

  it('registers the connector compose registers, with the cluster hosts and the password by reference only', () => {
    const values = { ...exampleValues(), DEBEZIUM_DB_PASSWORD: 'compose-secret' };
    const compose = loadConnector(values);
    const k8s = committedDoc(target, 'kafka-connect.yaml', 'KafkaConnector');
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
    const inter = /default-server .*\binter (\S+)/.exec(defaults)?.[1];
    expect(committedDoc(target, 'catalog-api.yaml', 'Service').metadata.annotations!['haproxy.org/check-interval']).toBe(inter);
  });
});

it('the Java validator checks against the Strimzi release compose/versions.env pins', () => {
  expect(/<strimzi\.api\.version>([^<]+)</.exec(repoFile('k8s', 'validate', 'pom.xml'))?.[1]).toBe(versions.STRIMZI_VERSION);
});
