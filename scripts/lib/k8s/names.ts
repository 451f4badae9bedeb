/**
 * Kubernetes object names shared between builders (a Service one builder makes is the
 * host another connects to). Operators derive further names from these: Strimzi's
 * bootstrap Service is `<kafka>-kafka-bootstrap`, ECK's HTTP Service `<es>-es-http` and
 * its superuser Secret `<es>-es-elastic-user`.
 */
export const k8sNames = {
  kafkaCluster: 'booking',
  nodePool: 'broker',
  connectCluster: 'booking-connect',
  elasticsearch: 'booking',
  mysql: 'mysql',
  catalogApi: 'catalog-api',
  searchIndexer: 'search-indexer',
  web: 'web',
  dbSetup: 'db-setup',
  ingress: 'booking',
  /** Secrets the `k8s:secrets` command creates; never committed. */
  secrets: {
    mysqlRoot: 'booking-mysql-root',
    mysqlApp: 'booking-mysql-app',
    mysqlDebezium: 'booking-mysql-debezium',
    tls: 'booking-tls',
  },
  /** The key each password Secret holds. */
  passwordKey: 'password',
} as const;

export const kafkaBootstrap = `${k8sNames.kafkaCluster}-kafka-bootstrap:9092`;
export const elasticsearchService = `${k8sNames.elasticsearch}-es-http`;
export const elasticUserSecret = `${k8sNames.elasticsearch}-es-elastic-user`;

export function labels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': 'booking-devstack', 'app.kubernetes.io/name': component };
}
