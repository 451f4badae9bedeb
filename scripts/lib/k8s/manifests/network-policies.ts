/**
 * Who may talk to whom inside the namespace: the paths the compose stack uses, and no other.
 *   ingress controller → web, catalog-api      catalog-api → MySQL, Elasticsearch
 *   search-indexer → Kafka, Elasticsearch      Connect → MySQL, Kafka (and the API server, for its Secrets)
 *   db-setup → MySQL                            every client → cluster DNS
 *   ingress controller → booking                internal load balancer → inventory, payment (gRPC)
 *   inventory, payment → MySQL, Kafka           booking → MySQL, Kafka, internal load balancer (gRPC)
 * Each workload's pods are selected by one policy, so anything not listed is refused wherever
 * the cluster's network plugin enforces NetworkPolicy (Calico and Cilium do; a plugin that does
 * not ignores them, so they never break a cluster). The operators keep their own paths: ECK's operator (its namespace) reaches
 * Elasticsearch on 9200; Strimzi writes the brokers' policy itself, its operators on their own
 * TLS listener and the client listener open only to the pods of `networkPolicyPeers` (kafka.ts).
 * The kubelet's probes are always allowed (https://kubernetes.io/docs/concepts/services-networking/network-policies/).
 */
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import {
  ELASTICSEARCH_HTTP_PORT,
  ELASTICSEARCH_TRANSPORT_PORT,
  INGRESS_CONTROLLER_HTTP_CONTAINER_PORT,
  internalIngressPodLabels,
  KAFKA_CLIENT_PORT,
  k8sNames,
  labels,
  MYSQL_PORT,
} from '../names.ts';
import { connectPodLabels } from './kafka.ts';
import { SAGA_GRPC_PORT, SAGA_HTTP_PORT } from './saga-services.ts';
import { CATALOG_API_PORT, WEB_PORT } from './services.ts';

/** The labels the operators give the pods they run (ECK: elasticsearch.k8s.elastic.co/cluster-name; Strimzi: strimzi.io/*). */
export const operatorPodLabels = {
  elasticsearch: { 'elasticsearch.k8s.elastic.co/cluster-name': k8sNames.elasticsearch },
  kafkaBrokers: { 'strimzi.io/cluster': k8sNames.kafkaCluster, 'strimzi.io/broker-role': 'true' },
  connect: connectPodLabels(),
};

const workload = (name: string) => ({ 'app.kubernetes.io/name': name });
const pods = (matchLabels: Record<string, string>): INetworkPolicyPeer => ({ podSelector: { matchLabels } });
const namespace = (name: string): INetworkPolicyPeer => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });
const tcp = (port: number): INetworkPolicyPort[] => [{ protocol: 'TCP', port }];

/** CoreDNS (kube-dns) in kube-system, the label every distribution keeps for it. */
const dns = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ] as INetworkPolicyPort[],
};

interface Rules {
  ingress?: Array<{ from: INetworkPolicyPeer[]; ports: INetworkPolicyPort[] }>;
  egress?: Array<{ to?: INetworkPolicyPeer[]; ports: INetworkPolicyPort[] }>;
}

function policy(name: string, podLabels: Record<string, string>, { ingress, egress }: Rules): INetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: labels('network-policy') },
    spec: {
      podSelector: { matchLabels: podLabels },
      // A type listed with no rules refuses that direction entirely.
      policyTypes: [...(ingress ? (['Ingress'] as const) : []), ...(egress ? (['Egress'] as const) : [])],
      ...(ingress ? { ingress } : {}),
      ...(egress ? { egress } : {}),
    },
  };
}

export function networkPolicies(): INetworkPolicy[] {
  const { catalogApi, searchIndexer, web, mysql, dbSetup, connectCluster } = k8sNames;
  const ingressController = namespace(k8sNames.operatorNamespaces.ingressController);
  const toMysql = { to: [pods(workload(mysql))], ports: tcp(MYSQL_PORT) };
  const toElasticsearch = { to: [pods(operatorPodLabels.elasticsearch)], ports: tcp(ELASTICSEARCH_HTTP_PORT) };
  const toKafka = { to: [pods(operatorPodLabels.kafkaBrokers)], ports: tcp(KAFKA_CLIENT_PORT) };
  const { inventory, payment, booking } = k8sNames.sagaServices;
  // The internal load balancer's pods: in the controller namespace, that release only (not the public controller).
  const internalLoadBalancer: INetworkPolicyPeer = { ...namespace(k8sNames.operatorNamespaces.ingressController), podSelector: { matchLabels: internalIngressPodLabels() } };
  // A participant is called on its gRPC port by the internal load balancer only; it reaches its database and Kafka.
  const participant = (name: string) =>
    policy(name, workload(name), { ingress: [{ from: [internalLoadBalancer], ports: tcp(SAGA_GRPC_PORT) }], egress: [toMysql, toKafka, dns] });
  return [
    policy(web, workload(web), { ingress: [{ from: [ingressController], ports: tcp(WEB_PORT) }], egress: [] }),
    policy(catalogApi, workload(catalogApi), {
      ingress: [{ from: [ingressController], ports: tcp(CATALOG_API_PORT) }],
      egress: [toMysql, toElasticsearch, dns],
    }),
    policy(searchIndexer, workload(searchIndexer), { ingress: [], egress: [toKafka, toElasticsearch, dns] }),
    policy(dbSetup, workload(dbSetup), { ingress: [], egress: [toMysql, dns] }),
    participant(inventory),
    participant(payment),
    // The public API behind the ingress controller; its gRPC calls go to the internal load balancer's pods (the
    // Service's port 50051 arrives on the chart's HTTP container port: NetworkPolicy sees the pod's port).
    policy(booking, workload(booking), {
      ingress: [{ from: [ingressController], ports: tcp(SAGA_HTTP_PORT) }],
      egress: [toMysql, toKafka, { to: [internalLoadBalancer], ports: tcp(INGRESS_CONTROLLER_HTTP_CONTAINER_PORT) }, dns],
    }),
    policy(mysql, workload(mysql), {
      ingress: [
        {
          from: [pods(workload(catalogApi)), pods(workload(dbSetup)), pods(operatorPodLabels.connect), ...[inventory, payment, booking].map((name) => pods(workload(name)))],
          ports: tcp(MYSQL_PORT),
        },
      ],
      egress: [],
    }),
    policy('elasticsearch', operatorPodLabels.elasticsearch, {
      ingress: [
        { from: [pods(workload(catalogApi)), pods(workload(searchIndexer)), namespace(k8sNames.operatorNamespaces.eck)], ports: tcp(ELASTICSEARCH_HTTP_PORT) },
        { from: [pods(operatorPodLabels.elasticsearch)], ports: tcp(ELASTICSEARCH_TRANSPORT_PORT) },
      ],
      // The nodes find each other through DNS and form the cluster on the transport port.
      egress: [{ to: [pods(operatorPodLabels.elasticsearch)], ports: tcp(ELASTICSEARCH_TRANSPORT_PORT) }, dns],
    }),
    // Egress only: Strimzi writes Connect's ingress policy itself (its REST API, for the operator).
    policy(connectCluster, operatorPodLabels.connect, {
      egress: [
        toMysql,
        toKafka,
        // Workers forward REST calls to each other.
        { to: [pods(operatorPodLabels.connect)], ports: tcp(8083) },
        // The Kubernetes API server, for the config provider's Secrets: NetworkPolicy cannot select it by
        // label and its address differs per cluster, so by port only.
        { ports: [...tcp(443), ...tcp(6443)] },
        dns,
      ],
    }),
  ];
}
