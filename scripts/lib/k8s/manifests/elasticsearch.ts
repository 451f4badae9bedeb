/**
 * Elasticsearch on ECK (elasticsearch.k8s.elastic.co/v1): one node locally, three in
 * `shared`. ECK always turns security on; each service logs in as its own file-realm user
 * with a role that allows what it calls (elasticsearch-access.ts), never as ECK's `elastic`
 * superuser. Typed with @kubernetes-models/elastic-cloud (ECK's CRDs as TypeScript models), so
 * `npm run typecheck` refuses a field ECK does not have and `k8s:check` validates the
 * resource against ECK's schema. HTTP inside the cluster stays plain HTTP, as in
 * compose: the self-signed HTTP certificate is disabled, the transport layer keeps TLS.
 * The index itself (1 shard, its mapping, refresh interval) is created by search-indexer
 * (services/lib/hotel-document.ts), as in compose.
 * https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-elasticsearch-specification.html
 */
import type { IElasticsearch } from '@kubernetes-models/elastic-cloud/elasticsearch.k8s.elastic.co/v1/Elasticsearch';
import { version, type K8sContext } from '../context.ts';
import { k8sNames, labels } from '../names.ts';
import { esServiceUsers } from './elasticsearch-access.ts';

export function elasticsearch(ctx: K8sContext): IElasticsearch & { metadata: { name: string } } {
  const { elasticsearch: es, name } = ctx.target;
  return {
    apiVersion: 'elasticsearch.k8s.elastic.co/v1',
    kind: 'Elasticsearch',
    metadata: { name: k8sNames.elasticsearch, labels: labels('elasticsearch') },
    spec: {
      version: version(ctx, 'ELASTICSEARCH_VERSION'),
      http: { tls: { selfSignedCertificate: { disabled: true } } },
      auth: {
        roles: [{ secretName: k8sNames.esRoles }],
        fileRealm: esServiceUsers.map((user) => ({ secretName: user.secret })),
      },
      nodeSets: [
        {
          name: 'default',
          count: es.nodes,
          config: {
            // The nodes' egress reaches only each other and DNS (network-policies.ts): the GeoIP database
            // downloader (on by default, fetching from Elastic's servers) could only fail; nothing here uses GeoIP.
            'ingest.geoip.downloader.enabled': false,
            ...(name === 'local'
              ? {
                  // kind/minikube nodes keep vm.max_map_count at 65530; without mmap ES starts anyway (ECK's virtual memory guide).
                  'node.store.allow_mmap': false,
                  // A laptop's disk is often fuller than the watermarks allow (as in compose).
                  'cluster.routing.allocation.disk.threshold_enabled': false,
                }
              : {}),
          },
          podTemplate: {
            spec: {
              containers: [
                {
                  name: 'elasticsearch',
                  env: [{ name: 'ES_JAVA_OPTS', value: `-Xms${es.heap} -Xmx${es.heap}` }],
                  resources: { requests: { memory: es.memory }, limits: { memory: es.memory } },
                },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              // ECK mounts the claim named elasticsearch-data as the data path. The ECK model types the
              // template as a whole PersistentVolumeClaim, so it carries its apiVersion and kind.
              apiVersion: 'v1',
              kind: 'PersistentVolumeClaim',
              metadata: { name: 'elasticsearch-data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: es.storage } } },
            },
          ],
        },
      ],
    },
  };
}
