/**
 * Kubernetes object names shared between builders (a Service one builder makes is the
 * host another connects to). Operators derive further names from these: Strimzi's
 * bootstrap Service is `<kafka>-kafka-bootstrap`, ECK's HTTP Service `<es>-es-http`.
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
    /** Each saga service's own database account (issue 20), by service. */
    mysqlServices: { inventory: 'booking-mysql-inventory', payment: 'booking-mysql-payments', booking: 'booking-mysql-bookings' },
    tls: 'booking-tls',
    /** Elasticsearch file-realm users (kubernetes.io/basic-auth, with their roles): one per service. */
    esCatalogApi: 'booking-es-catalog-api',
    esSearchIndexer: 'booking-es-search-indexer',
  },
  /** The roles of those users (roles.yml): no secret in it, so it is generated and committed. */
  esRoles: 'booking-es-roles',
  /** KafkaUsers; Strimzi's User Operator writes each one's password to a Secret of the same name. */
  kafkaUsers: { searchIndexer: 'search-indexer', connect: 'booking-connect' },
  /** Where the README's Helm commands install what reaches into this namespace. */
  operatorNamespaces: { ingressController: 'haproxy-controller', eck: 'elastic-system' },
  /** The key each password Secret holds. */
  passwordKey: 'password',
} as const;

export const kafkaBootstrap = `${k8sNames.kafkaCluster}-kafka-bootstrap:9092`;
export const elasticsearchService = `${k8sNames.elasticsearch}-es-http`;
/** The port of the one Kafka listener clients use (SCRAM-SHA-512). */
export const KAFKA_CLIENT_PORT = 9092;
export const ELASTICSEARCH_HTTP_PORT = 9200;
export const ELASTICSEARCH_TRANSPORT_PORT = 9300;
export const MYSQL_PORT = 3306;

export function labels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': 'booking-devstack', 'app.kubernetes.io/name': component };
}
