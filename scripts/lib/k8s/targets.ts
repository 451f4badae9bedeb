/**
 * The two places the platform runs on Kubernetes. `local`: one node of kind, minikube
 * or k3d on a laptop, so one replica of each stateful engine and images loaded into
 * the node. `shared`: a team cluster, so three Kafka brokers and three Elasticsearch
 * nodes, replication that survives a node, and images pulled from the team registry.
 * Everything else (names, ports, topics, the connector) comes from the one typed
 * config (stack-config.ts); this file holds only what differs between the two.
 */

export type TargetName = 'local' | 'shared';

/**
 * Where the ingress's TLS Secret comes from. `local-ca`: `npm run k8s:secrets` issues it for the
 * target's host from this checkout's CA (.tls/, the one `up` makes), so a browser that trusts the CA
 * for https://localhost (`npm run tls:trust`) trusts the cluster too. `cert-manager`: the cluster's
 * cert-manager issues and renews it from the named ClusterIssuer (ingress.ts annotates the Ingress).
 */
export type IngressTls = { source: 'local-ca' } | { source: 'cert-manager'; clusterIssuer: string };

export interface K8sTarget {
  name: TargetName;
  namespace: string;
  /** Host name the Ingress answers; TLS certificate must cover it. */
  host: string;
  tls: IngressTls;
  /** Where the images built from this repository are pulled from ('' = loaded into the node). */
  imageRegistry: string;
  imageTag: string;
  /** `Never`: kind/minikube/k3d get the image with `kind load docker-image` (no registry). */
  imagePullPolicy: 'Never' | 'IfNotPresent';
  kafka: { brokers: number; replicationFactor: number; minInSyncReplicas: number; storage: string };
  elasticsearch: { nodes: number; storage: string; heap: string; memory: string };
  mysql: { storage: string };
  /** Where Strimzi pushes the Connect image it builds with the Debezium plugin. */
  connectImage: string;
  /** The registry speaks plain HTTP (a local one): the image build must push without TLS. */
  connectRegistryInsecure: boolean;
}

// A placeholder registry: change it here to the team's registry and run `npm run k8s:generate`.
const SHARED_REGISTRY = 'registry.booking.internal/booking-devstack';

export const targets: Record<TargetName, K8sTarget> = {
  local: {
    name: 'local',
    namespace: 'booking',
    // *.localtest.me resolves to 127.0.0.1 without an /etc/hosts edit.
    host: 'booking.localtest.me',
    tls: { source: 'local-ca' },
    imageRegistry: '',
    imageTag: 'dev',
    imagePullPolicy: 'Never',
    kafka: { brokers: 1, replicationFactor: 1, minInSyncReplicas: 1, storage: '2Gi' },
    elasticsearch: { nodes: 1, storage: '2Gi', heap: '512m', memory: '1Gi' },
    mysql: { storage: '2Gi' },
    // The plain-HTTP registry container on kind's network (k8s/README.md); pods reach it by name.
    connectImage: 'kind-registry:5000/booking-devstack/connect-debezium',
    connectRegistryInsecure: true,
  },
  shared: {
    name: 'shared',
    namespace: 'booking',
    host: 'booking.example.com',
    // A placeholder like the registry: the team's ClusterIssuer (ACME or its own CA).
    tls: { source: 'cert-manager', clusterIssuer: 'booking-issuer' },
    imageRegistry: SHARED_REGISTRY,
    imageTag: '0.1.0',
    imagePullPolicy: 'IfNotPresent',
    kafka: { brokers: 3, replicationFactor: 3, minInSyncReplicas: 2, storage: '20Gi' },
    elasticsearch: { nodes: 3, storage: '20Gi', heap: '1g', memory: '2Gi' },
    mysql: { storage: '20Gi' },
    connectImage: `${SHARED_REGISTRY}/connect-debezium`,
    connectRegistryInsecure: false,
  },
};

export const targetNames = Object.keys(targets) as TargetName[];
