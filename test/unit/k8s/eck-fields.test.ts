/**
 * ECK's Elasticsearch resource. Its builder is typed with @kubernetes-models/elastic-cloud and
 * `k8s:check` validates it with that package, whose validators do not refuse unknown fields; so
 * the fields this project sets are also checked here against the ones ECK's API reference
 * documents for elasticsearch.k8s.elastic.co/v1, ECK 3.x (auth: file realm and roles Secrets):
 * https://www.elastic.co/docs/reference/cloud-on-k8s/api-docs#elasticsearchspec
 * (ElasticsearchSpec, HTTPConfig → TLSOptions → SelfSignedCertificate, NodeSet).
 * The embedded Kubernetes objects (podTemplate, volumeClaimTemplates) are checked
 * against the Kubernetes schema, as the core kinds are.
 */
import { describe, expect, it } from 'vitest';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { PodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import { committedDoc, committedTargets } from './committed.ts';
import { fieldPaths } from './documented-fields.ts';

/** ECK's documented fields (spec.*) that this project may set. */
const DOCUMENTED = new Set([
  'version',
  'image',
  'http.tls.selfSignedCertificate.disabled',
  'auth.roles[].secretName',
  'auth.fileRealm[].secretName',
  'nodeSets[].name',
  'nodeSets[].count',
  'nodeSets[].config',
  'nodeSets[].podTemplate',
  'nodeSets[].volumeClaimTemplates',
]);
const FREE_FORM = ['nodeSets[].config', 'nodeSets[].podTemplate', 'nodeSets[].volumeClaimTemplates'];

describe.each(committedTargets)('k8s/%s Elasticsearch (ECK)', (target) => {
  const es = committedDoc(target, 'elasticsearch.yaml', 'Elasticsearch');

  it('sets only fields ECK documents for elasticsearch.k8s.elastic.co/v1', () => {
    expect(es.apiVersion).toBe('elasticsearch.k8s.elastic.co/v1');
    const undocumented = fieldPaths(es.spec, FREE_FORM).filter((path) => !DOCUMENTED.has(path));
    expect(undocumented).toEqual([]);
    expect(typeof es.spec.nodeSets[0].count).toBe('number');
  });

  it('embeds a valid Pod template, and the data claim ECK mounts as the data path', () => {
    for (const nodeSet of es.spec.nodeSets) {
      expect(() => new PodTemplateSpec(nodeSet.podTemplate).validate()).not.toThrow();
      // ECK's container is named elasticsearch; a template for another name would add a second container.
      expect(nodeSet.podTemplate.spec.containers.map((c: { name: string }) => c.name)).toEqual(['elasticsearch']);
      for (const claim of nodeSet.volumeClaimTemplates) expect(() => new PersistentVolumeClaim(claim).validate()).not.toThrow();
      expect(nodeSet.volumeClaimTemplates.map((c: { metadata: { name: string } }) => c.metadata.name)).toEqual(['elasticsearch-data']);
    }
  });

  it(`runs ${target === 'shared' ? 'three nodes' : 'one node'}`, () => {
    expect(es.spec.nodeSets.reduce((sum: number, set: { count: number }) => sum + set.count, 0)).toBe(target === 'shared' ? 3 : 1);
  });
});

it('finds a field ECK does not document', () => {
  expect(fieldPaths({ nodeSets: [{ name: 'a', cont: 1, config: { x: { y: 1 } } }] }, FREE_FORM).filter((p) => !DOCUMENTED.has(p))).toEqual(['nodeSets[].cont']);
});
