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
  /** The saga's services (issue 20), by the typed config's service name. */
  sagaServices: { inventory: 'inventory', payment: 'payment', booking: 'booking' },
  /** A second Service of booking's pods that only a hotel's rooms are routed to (saga-services.ts says why). */
  bookingRooms: 'booking-rooms',
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
  kafkaUsers: { searchIndexer: 'search-indexer', connect: 'booking-connect', inventory: 'inventory', payment: 'payment', booking: 'booking' },
  /** Where the README's Helm commands install what reaches into this namespace. */
  operatorNamespaces: { ingressController: 'haproxy-controller', eck: 'elastic-system' },
  /**
   * The internal load balancer of the gRPC calls (compose: haproxy.cfg's `grpc_internal`
   * frontend, never published): a second release of the same HAProxy ingress chart, in the
   * controller namespace, with its own ingress class and only a ClusterIP Service, so no
   * route of it is reachable from outside the cluster. The chart names the Service
   * `<release>-kubernetes-ingress` and labels the pods with the release (its _helpers.tpl).
   */
  internalIngress: { release: 'haproxy-internal', ingressClass: 'haproxy-internal', service: 'haproxy-internal-kubernetes-ingress' },
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
/** The internal load balancer's Service port: compose's 50051, so GRPC_URL differs only in the host. */
export const INTERNAL_GRPC_PORT = 50051;
/** The chart's HTTP container port (controller.containerPort.http), where NetworkPolicy sees the calls arrive. */
export const INGRESS_CONTROLLER_HTTP_CONTAINER_PORT = 8080;

/** The pods of the internal load balancer's release, as the chart labels them. */
export function internalIngressPodLabels(): Record<string, string> {
  return { 'app.kubernetes.io/name': 'kubernetes-ingress', 'app.kubernetes.io/instance': k8sNames.internalIngress.release };
}

/** booking's GRPC_URL on the cluster: the internal load balancer's Service, by its full name (another namespace). */
export const internalGrpcUrl = `http://${k8sNames.internalIngress.service}.${k8sNames.operatorNamespaces.ingressController}.svc:${INTERNAL_GRPC_PORT}`;

export function labels(component: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': 'booking-devstack', 'app.kubernetes.io/name': component };
}
