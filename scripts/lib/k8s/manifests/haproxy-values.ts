/**
 * Helm values for haproxytech's kubernetes-ingress chart (version pinned as
 * HAPROXY_INGRESS_CHART_VERSION in compose/versions.env). `controller.config` is the
 * controller's ConfigMap: its global timeouts are haproxy.cfg's `defaults`.
 * Values: https://github.com/haproxytech/helm-charts/blob/main/kubernetes-ingress/values.yaml
 * ConfigMap keys: https://www.haproxy.com/documentation/kubernetes-ingress/community/configuration-reference/configmap/
 */
import type { K8sContext } from '../context.ts';
import { INTERNAL_GRPC_PORT, k8sNames } from '../names.ts';
import { INGRESS_CLASS } from './ingress.ts';

/** haproxy.cfg's `defaults` timeouts as the controller's ConfigMap keys. */
function timeoutConfig(ctx: K8sContext): Record<string, string> {
  const { timeouts } = ctx.haproxy;
  return {
    'timeout-connect': timeouts.connect,
    'timeout-client': timeouts.client,
    'timeout-server': timeouts.server,
    'timeout-http-request': timeouts['http-request'],
    'timeout-http-keep-alive': timeouts['http-keep-alive'],
    'timeout-queue': timeouts.queue,
    'timeout-check': timeouts.check,
  };
}

export function haproxyIngressValues(ctx: K8sContext): Record<string, unknown> {
  const local = ctx.target.name === 'local';
  return {
    controller: {
      ingressClass: INGRESS_CLASS,
      ingressClassResource: { name: INGRESS_CLASS },
      // Served for any Ingress whose host has no certificate of its own.
      defaultTLSSecret: { enabled: true, secretNamespace: ctx.target.namespace, secret: k8sNames.secrets.tls },
      config: { ...timeoutConfig(ctx), 'ssl-redirect': 'true' },
      // kind: one node whose ports 80/443 the cluster config maps to the host (k8s/README.md).
      ...(local
        ? { kind: 'DaemonSet', daemonset: { useHostPort: true }, service: { enabled: false } }
        : { kind: 'Deployment', replicaCount: 2, service: { type: 'LoadBalancer' } }),
    },
  };
}

/**
 * The internal load balancer of the gRPC calls (issue 20; compose: haproxy.cfg's `grpc_internal`):
 * a second release of the same chart (k8s/README.md), with its own ingress class so it serves only
 * the gRPC Ingresses and the public controller never does. Its only Service is a ClusterIP on
 * compose's port 50051; plain HTTP, as compose's internal frontend (no certificate, no redirect).
 */
export function haproxyInternalValues(ctx: K8sContext): Record<string, unknown> {
  const { internalIngress } = k8sNames;
  return {
    controller: {
      ingressClass: internalIngress.ingressClass,
      ingressClassResource: { name: internalIngress.ingressClass },
      defaultTLSSecret: { enabled: false },
      config: { ...timeoutConfig(ctx), 'ssl-redirect': 'false' },
      kind: 'Deployment',
      replicaCount: ctx.target.name === 'local' ? 1 : 2,
      service: { enabled: true, type: 'ClusterIP', ports: { http: INTERNAL_GRPC_PORT }, enablePorts: { https: false } },
    },
  };
}
