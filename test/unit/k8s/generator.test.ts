import { describe, expect, it } from 'vitest';
import { UserError } from '../../../scripts/lib/errors.ts';
import { driftFrom, readCommitted, renderAllTargets } from '../../../scripts/lib/k8s/generated-files.ts';
import { readHaproxyDefaults } from '../../../scripts/lib/k8s/haproxy-settings.ts';
import { parseTopicsFile } from '../../../scripts/lib/config/kafka-topics.ts';
import { composeMysqlFlags } from '../../../scripts/lib/k8s/context.ts';
import { coreModelPath, validateCore } from '../../../scripts/lib/k8s/validate-core.ts';

describe('k8s generator', () => {
  it('the committed k8s/ is what the generator writes (run `npm run k8s:generate` after a change)', () => {
    expect(driftFrom(renderAllTargets(), readCommitted())).toEqual({ missing: [], changed: [], stale: [] });
  });

  it('names each file that is missing, differs or is no longer generated', () => {
    expect(driftFrom({ 'local/a.yaml': 'a', 'local/b.yaml': 'b' }, { 'local/b.yaml': 'old', 'local/c.yaml': 'c' })).toEqual({
      missing: ['local/a.yaml'],
      changed: ['local/b.yaml'],
      stale: ['local/c.yaml'],
    });
  });

  it('reads kafka/topics.json, filling the names from the typed config and leaving the comments out', () => {
    const file = JSON.stringify({
      about: 'x',
      topics: [
        { name: '${A}', partitions: 3, config: { 'cleanup.policy': 'delete', 'retention.ms': '-1' }, why: 'a comment' },
        { name: '${B}', partitions: 1, config: { 'cleanup.policy': 'compact' } },
      ],
    });
    expect(parseTopicsFile(file, { A: 'cdc.x', B: 'connect-configs' })).toEqual([
      { name: 'cdc.x', partitions: 3, config: { 'cleanup.policy': 'delete', 'retention.ms': '-1' } },
      { name: 'connect-configs', partitions: 1, config: { 'cleanup.policy': 'compact' } },
    ]);
  });

  it('refuses a topic named by a variable the typed config does not derive, instead of an empty name', () => {
    expect(() => parseTopicsFile(JSON.stringify({ topics: [{ name: '${NOPE}', partitions: 1, config: {} }] }), {})).toThrow(UserError);
    expect(() => parseTopicsFile(JSON.stringify({ topics: [{ name: '${NOPE}', partitions: 1 }] }), {})).toThrow(/NOPE/);
    expect(() => parseTopicsFile('{"no": "list"}', {})).toThrow(/has no "topics" list/);
    expect(() => parseTopicsFile('topics=(', {})).toThrow(/is not JSON/);
  });

  it("reads haproxy.cfg's defaults and refuses a cfg without one of the timeouts", () => {
    const cfg = 'defaults\n    timeout connect 3s\n    timeout client 30s\n    timeout server 30s\n    timeout http-request 10s\n    timeout http-keep-alive 5s\n    timeout queue 10s\n    timeout check 2s\n    default-server init-addr none inter 1s fall 2\n\nfrontend x\n    timeout client 99s\n';
    expect(readHaproxyDefaults(cfg)).toEqual({
      timeouts: { connect: '3s', client: '30s', server: '30s', 'http-request': '10s', 'http-keep-alive': '5s', queue: '10s', check: '2s' },
      checkInterval: '1s',
    });
    expect(() => readHaproxyDefaults(cfg.replace('    timeout queue 10s\n', ''))).toThrow(/timeout queue/);
  });

  it("takes compose.yaml's mysql command only when it is a list of flags", () => {
    expect(composeMysqlFlags('services:\n  mysql:\n    command: ["--a=1", "--b"]\n')).toEqual(['--a=1', '--b']);
    expect(() => composeMysqlFlags('services:\n  mysql:\n    command: mysqld --a\n')).toThrow(/not a list of --flags/);
  });
});

describe('core kinds against the Kubernetes schema', () => {
  it("maps API versions to kubernetes-models paths, ECK's to its package, and leaves Strimzi's alone", () => {
    expect(coreModelPath('apps/v1', 'Deployment')).toBe('kubernetes-models/apps/v1/Deployment');
    expect(coreModelPath('v1', 'Service')).toBe('kubernetes-models/v1/Service');
    expect(coreModelPath('networking.k8s.io/v1', 'Ingress')).toBe('kubernetes-models/networking.k8s.io/v1/Ingress');
    expect(coreModelPath('kafka.strimzi.io/v1', 'Kafka')).toBeUndefined();
    expect(coreModelPath('elasticsearch.k8s.elastic.co/v1', 'Elasticsearch')).toBe('@kubernetes-models/elastic-cloud/elasticsearch.k8s.elastic.co/v1/Elasticsearch');
  });

  it('reports a Deployment without selector and a port that is not a number', async () => {
    const result = await validateCore([
      {
        file: 'x.yaml',
        document: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 'http' }] }] } } } } as never,
      },
      { file: 'x.yaml', document: { apiVersion: 'v1', kind: 'Servce', metadata: { name: 's' } } },
    ]);
    expect(result.problems).toHaveLength(2);
    expect(result.problems[0]).toMatch(/Deployment\/d: .*selector.*containerPort must be integer/);
    expect(result.problems[1]).toMatch(/Servce is not a Kubernetes kind/);
  });

  it("checks the ECK resource with ECK's model", async () => {
    const es = { apiVersion: 'elasticsearch.k8s.elastic.co/v1', kind: 'Elasticsearch', metadata: { name: 'e' }, spec: { version: '8.19.0', nodeSets: [{ name: 'a', count: 'three' }] } };
    const result = await validateCore([{ file: 'es.yaml', document: es as never }]);
    expect(result.checked).toBe(1);
    expect(result.problems).toEqual([expect.stringMatching(/Elasticsearch\/e: .*count must be integer/)]);
  });
});
