/**
 * Helm values for haproxytech's kubernetes-ingress chart (version pinned as
 * HAPROXY_INGRESS_CHART_VERSION in compose/versions.env). `controller.config` is the
 * controller's ConfigMap: its global timeouts are haproxy.cfg's `defaults`.
 * Values: https://github.com/haproxytech/helm-charts/blob/main/kubernetes-ingress/values.yaml
 * ConfigMap keys: https://www.haproxy.com/documentation/kubernetes-ingress/community/configuration-reference/configmap/
 */
import type { K8sContext } from '../context.ts';
import { k8sNames } from '../names.ts';
import { INGRESS_CLASS } from './ingress.ts';

export function haproxyIngressValues(ctx: K8sContext): Record<string, unknown> {
  const { timeouts } = ctx.haproxy;
  const local = ctx.target.name === 'local';
  return {
    controller: {
      ingressClass: INGRESS_CLASS,
      ingressClassResource: { name: INGRESS_CLASS },
      // Served for any Ingress whose host has no certificate of its own.
      defaultTLSSecret: { enabled: true, secretNamespace: ctx.target.namespace, secret: k8sNames.secrets.tls },
      config: {
        'timeout-connect': timeouts.connect,
        'timeout-client': timeouts.client,
        'timeout-server': timeouts.server,
        'timeout-http-request': timeouts['http-request'],
        'timeout-http-keep-alive': timeouts['http-keep-alive'],
        'timeout-queue': timeouts.queue,
        'timeout-check': timeouts.check,
        'ssl-redirect': 'true',
      },
      // kind: one node whose ports 80/443 the cluster config maps to the host (k8s/README.md).
      ...(local
        ? { kind: 'DaemonSet', daemonset: { useHostPort: true }, service: { enabled: false } }
        : { kind: 'Deployment', replicaCount: 2, service: { type: 'LoadBalancer' } }),
    },
  };
}
