/**
 * Who logs in to Elasticsearch on the cluster, and with which rights: one file-realm user
 * per service, each with one role that allows what that service's code calls, and no
 * service as ECK's `elastic` superuser. ECK reads roles from a Secret holding roles.yml
 * (`spec.auth.roles`) and users from `kubernetes.io/basic-auth` Secrets with a `roles` key
 * (`spec.auth.fileRealm`): https://www.elastic.co/docs/deploy-manage/users-roles/cluster-or-deployment-auth/file-based
 * The roles hold no secret, so they are generated here and committed; the users' passwords
 * are made by `npm run k8s:secrets` and never committed.
 * Privileges: https://www.elastic.co/docs/reference/elasticsearch/security-privileges
 */
import type { ISecret } from 'kubernetes-models/v1/Secret';
import { stringify } from 'yaml';
import type { K8sContext } from '../context.ts';
import { k8sNames, labels } from '../names.ts';

export interface EsRole {
  cluster: string[];
  indices: Array<{ names: string[]; privileges: string[] }>;
}

export interface EsServiceUser {
  /** The workload that logs in (its Deployment's name). */
  service: string;
  username: string;
  /** The basic-auth Secret `k8s:secrets` writes: username, password, roles. */
  secret: string;
  role: string;
}

export const esServiceUsers: EsServiceUser[] = [
  { service: k8sNames.catalogApi, username: k8sNames.catalogApi, secret: k8sNames.secrets.esCatalogApi, role: `booking-${k8sNames.catalogApi}` },
  { service: k8sNames.searchIndexer, username: k8sNames.searchIndexer, secret: k8sNames.secrets.esSearchIndexer, role: `booking-${k8sNames.searchIndexer}` },
];

export function esUserOf(service: string): EsServiceUser {
  const user = esServiceUsers.find((u) => u.service === service);
  if (!user) throw new Error(`no Elasticsearch user is defined for ${service}`);
  return user;
}

/** Role name → what it allows, from what each service's code calls. */
export function esRoles(ctx: K8sContext): Record<string, EsRole> {
  const { alias, versionPrefix, reindexAlias } = ctx.stack.names.search;
  // Date search's index (issue 21): read by catalog-api, written and managed by the indexer, as the hotels'.
  const availability = ctx.stack.availability.search;
  return {
    // services/catalog-api/hotel-search.ts: _search through the alias, and _cluster/health as its health check.
    [esUserOf(k8sNames.catalogApi).role]: {
      cluster: ['monitor'],
      indices: [{ names: [alias, availability.alias], privileges: ['read'] }],
    },
    // services/search-indexer: _bulk, _count and _search (read, write); index create, settings and alias updates
    // when it sets up or migrates the index (manage); _cat/indices needs the monitor cluster privilege besides the
    // index one. Only the alias, its versioned indices and the reindex alias: no other index in the cluster.
    [esUserOf(k8sNames.searchIndexer).role]: {
      cluster: ['monitor'],
      indices: [
        {
          names: [alias, `${versionPrefix}*`, reindexAlias, availability.alias, `${availability.versionPrefix}*`, availability.reindexAlias],
          privileges: ['read', 'write', 'manage'],
        },
      ],
    },
  };
}

export function esRolesSecret(ctx: K8sContext): ISecret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: k8sNames.esRoles, labels: labels('elasticsearch') },
    type: 'Opaque',
    stringData: { 'roles.yml': stringify(esRoles(ctx), { lineWidth: 0 }) },
  };
}
